using System.CommandLine;
using Dislocate.Hosting.Plugins;

namespace Dislocate.Cli.Commands;

/// <summary><c>dislocate list</c>: loaded plugins with versions and commands, and plugins that were refused.</summary>
internal static class ListCommand
{
    public static Command Create(PluginCatalog catalog, TextWriter output)
    {
        var command = new Command("list", "Show loaded plugins, their versions and commands, and plugins that failed to load.");
        command.SetAction(_ =>
        {
            Write(catalog, output);
            return catalog.Failures.Count == 0 ? ExitCodes.Success : ExitCodes.Unavailable;
        });
        return command;
    }

    public static void Write(PluginCatalog catalog, TextWriter output)
    {
        output.WriteLine($"Dislocate host API {Contracts.HostApi.Current}");
        foreach (var p in catalog.Plugins)
        {
            output.WriteLine($"{p.Manifest.Id} {p.Manifest.Version}  {p.Plugin.DisplayName}");
            foreach (var c in p.Plugin.Commands)
            {
                var d = c.Descriptor;
                output.WriteLine($"  {d.Id,-12} \"{d.Label}\" (Plugins>Dislocations>{d.MenuPath})  {d.Help}");
            }
        }

        foreach (var f in catalog.Failures)
        {
            output.WriteLine($"not loaded: {f.Reason}");
        }
    }
}
