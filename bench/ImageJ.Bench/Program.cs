using System.Globalization;
using Dislocate.Contracts;
using Dislocate.Hosting;
using Dislocate.Hosting.Plugins;
using Dislocate.ImageJ;

// Moves a 512×512×100 float stack from ImageJ to .NET ("Sink": in only) and back ("Echo": in and out), headless.
// Usage: dotnet run -c Release --project bench/ImageJ.Bench [-- repeats]
var repeats = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8;
var root = AppContext.BaseDirectory;
while (!File.Exists(Path.Combine(root, "Plugins.sln")))
{
    root = Path.GetDirectoryName(root)!;
}

var plugin = new LoadedPlugin(new PluginManifest("bench", "Bench", new Version(1, 0), "none", HostApi.Current), root, new BenchPlugin());
var session = ImageJSession.Start(
    new ImageJSettings(true, ImageJSettings.DebianIjJar, null, null, Path.Combine(root, "artifacts", "dislocate", "ij", "dislocate_bridge.jar")),
    new CommandRegistry([plugin]),
    Path.GetTempPath());
var outcome = session.RunMacro($$"""
    newImage("s", "32-bit ramp", 512, 512, 100);
    id = getImageID();
    sink = ""; echo = "";
    for (i = 0; i < {{repeats}}; i++) {
        selectImage(id); t0 = getTime(); run("Sink Image"); t1 = getTime();
        selectImage(id); run("Echo Image"); t2 = getTime(); close();
        sink = sink + (t1 - t0) + " "; echo = echo + (t2 - t1) + " ";
    }
    return sink + "|" + echo;
    """);
if (!outcome.Succeeded)
{
    Console.Error.WriteLine(outcome.Text);
    return 1;
}

var parts = outcome.Text.Split('|');
double[] Ms(string s) => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
var sink = Ms(parts[0]);
var echo = Ms(parts[1]);
static double Median(double[] v) => v.Order().ElementAt(v.Length / 2);
Console.WriteLine($"ImageJ {session.Version}, 512x512x100 32-bit stack, {repeats} runs, ms (first run, then median of the rest)");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ImageJ -> .NET (Sink Image): first {sink[0]:0}, median {Median(sink[1..]):0}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ImageJ -> .NET -> new ImagePlus (Echo Image): first {echo[0]:0}, median {Median(echo[1..]):0}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $".NET -> ImageJ (difference): median {Median(echo[1..]) - Median(sink[1..]):0}"));
return 0;

/// <summary>Two commands that only move pixels.</summary>
internal sealed class BenchPlugin : IPlugin
{
    public string Id => "bench";

    public string DisplayName => "Bridge benchmark";

    public IReadOnlyList<IPluginCommand> Commands { get; } = [new Move("sink", "Sink Image", echo: false), new Move("echo", "Echo Image", echo: true)];

    private sealed class Move(string id, string label, bool echo) : IPluginCommand
    {
        private static readonly ParameterSpec<ImageData> Image = Parameter.Image("image", "image", "The image.");

        public CommandDescriptor Descriptor { get; } = new(id, label, "Bench", "Moves pixels.", [Image]);

        public Task<CommandResult> ExecuteAsync(ParameterValues parameters, CommandContext context)
        {
            var image = parameters.Get(Image);
            CommandOutput[] outputs = echo
                ? [new ImageStackOutput("echo", image.Width, image.Height, image.Channels, image.Slices, image.Frames, image.Planes)]
                : [];
            return Task.FromResult(new CommandResult($"{image.PlaneCount} planes", outputs));
        }
    }
}
