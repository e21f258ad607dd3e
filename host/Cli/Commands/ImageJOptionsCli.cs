using System.CommandLine;
using Dislocate.ImageJ;

namespace Dislocate.Cli.Commands;

/// <summary>Options shared by <c>imagej</c> and <c>macro</c>: which ImageJ and which Java.</summary>
internal static class ImageJOptionsCli
{
    public static Option<string> Fiji { get; } = new("--fiji") { Description = "Use this Fiji.app (its jars, plugins and bundled Java) instead of Debian's ImageJ." };

    public static Option<string> JavaHome { get; } = new("--java-home") { Description = "Java to run ImageJ on [default: JAVA_HOME, Fiji's Java, or the system's]." };

    public static Option<string> IjJar { get; } = new("--ij-jar") { Description = $"ImageJ 1.x jar [default: {ImageJSettings.DebianIjJar}]." };

    public static Option<int> Memory { get; } = new("--memory") { Description = "Java heap limit in MiB [default: Java's]." };

    public static void AddTo(Command command)
    {
        command.Options.Add(Fiji);
        command.Options.Add(JavaHome);
        command.Options.Add(IjJar);
        command.Options.Add(Memory);
    }

    public static ImageJSettings Read(ParseResult parse, bool headless) => new(
        headless,
        parse.GetValue(IjJar) ?? ImageJSettings.DebianIjJar,
        parse.GetValue(Fiji) is { } f ? Path.GetFullPath(f) : null,
        parse.GetValue(JavaHome),
        ImageJSettings.DefaultBridgeJar,
        parse.GetValue(Memory));
}
