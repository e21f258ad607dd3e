using System.CommandLine;
using System.CommandLine.Invocation;
using Dislocate.Core.Runtime;
using Dislocate.Hosting.Plugins;

namespace Dislocate.Cli.Commands;

/// <summary>
/// <c>dislocate --version</c>: the host's version and every loaded plugin's own version (plugins are versioned
/// independently, so a bug report needs all of them), one per line; plugins that failed to load are listed as such.
/// </summary>
internal sealed class VersionAction(PluginCatalog catalog, TextWriter output) : SynchronousCommandLineAction
{
    /// <summary>The host's informational version (e.g. <c>0.1.0+3197b63</c>, the commit it was built from).</summary>
    public static string HostVersion
    {
        get
        {
            var version = AssemblyVersion.Informational(typeof(VersionAction).Assembly);
            var plus = version.IndexOf('+', StringComparison.Ordinal);
            return plus >= 0 && version.Length > plus + 8 ? version[..(plus + 8)] : version; // a short commit id is enough
        }
    }

    /// <summary>Replaces System.CommandLine's version action (the host's version alone) on <paramref name="root"/>.</summary>
    public static void Install(RootCommand root, PluginCatalog catalog, TextWriter output)
    {
        foreach (var option in root.Options.OfType<VersionOption>())
        {
            option.Action = new VersionAction(catalog, output);
        }
    }

    /// <inheritdoc/>
    public override int Invoke(ParseResult parseResult)
    {
        output.WriteLine($"dislocate {HostVersion} (host API {Contracts.HostApi.Current}, .NET {Environment.Version})");
        foreach (var p in catalog.Plugins)
        {
            output.WriteLine($"{p.Manifest.Id} {p.Manifest.Version}");
        }

        foreach (var f in catalog.Failures)
        {
            output.WriteLine($"not loaded: {f.Reason}");
        }

        return catalog.Failures.Count == 0 ? ExitCodes.Success : ExitCodes.Unavailable;
    }
}
