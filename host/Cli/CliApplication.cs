using System.CommandLine;
using Dislocate.Cli.Commands;
using Dislocate.Cli.Execution;
using Dislocate.Hosting;
using Dislocate.Hosting.Plugins;

namespace Dislocate.Cli;

/// <summary>Builds the command tree from the loaded plugins and runs it; every path returns an <see cref="ExitCodes"/> value.</summary>
public static class CliApplication
{
    /// <summary>Parses <paramref name="args"/>, loads plugins and runs the chosen command.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var pluginRoot = FindOption(args, "--plugins") ?? PluginCatalog.DefaultRoot();
        var quiet = args.Contains("--quiet");
        var outputDir = FindOption(args, "--output-dir");
        if (outputDir is not null && string.IsNullOrWhiteSpace(outputDir))
        {
            error.WriteLine("error: --output-dir needs a folder (it was given empty).");
            return ExitCodes.Usage;
        }

        string outputFolder;
        try
        {
            outputFolder = Path.GetFullPath(outputDir ?? Environment.CurrentDirectory);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            error.WriteLine($"error: --output-dir '{outputDir}' is not a usable folder path: {e.Message}");
            return ExitCodes.Usage;
        }

        var catalog = PluginCatalog.Load(pluginRoot);
        var root = BuildRoot(catalog, output, error, quiet, outputFolder);

        using var cancellation = new CancellationTokenSource();
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            // First Ctrl-C asks the command to stop cleanly; a second one kills the process as usual.
            if (!cancellation.IsCancellationRequested)
            {
                e.Cancel = true;
                error.WriteLine("stopping… (Ctrl-C again to kill)");
                cancellation.Cancel();
            }
        }

        Console.CancelKeyPress += OnCancel;
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM,
            ctx =>
            {
                ctx.Cancel = true;
                cancellation.Cancel();
            });
        try
        {
            var parse = root.Parse(args);
            var config = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
            var code = await parse.InvokeAsync(config, cancellation.Token).ConfigureAwait(false);

            // System.CommandLine reports its own parse errors with exit code 1; ours are usage errors.
            return parse.Errors.Count > 0 ? ExitCodes.Usage : code;
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }

    /// <summary>The root command for a given catalog (used by tests to check parsing without running).</summary>
    public static RootCommand BuildRoot(PluginCatalog catalog, TextWriter output, TextWriter error, bool quiet, string outputFolder)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var registry = new CommandRegistry(catalog.Plugins);
        var root = new RootCommand("Dislocate: deep-learning analysis of dislocations in TEM images (synthetic training data, segmentation, tracking).");
        root.Options.Add(new Option<string>("--plugins") { Description = "Folder with one subfolder per plugin [default: $DISLOCATE_PLUGINS or plugins/ beside dislocate].", Recursive = true });
        root.Options.Add(new Option<bool>("--quiet") { Description = "No progress bar or informational lines.", Recursive = true });
        root.Options.Add(new Option<string>("--output-dir") { Description = "Where in-memory results (image stacks, tables, ROIs) are written as TIFF/CSV [default: current folder].", Recursive = true });
        CommandRunner Runner() => new(output, error, quiet, outputFolder, registry.Services);
        VersionAction.Install(root, catalog, output);
        root.Subcommands.Add(ListCommand.Create(catalog, output));
        root.Subcommands.Add(DoctorCommand.Create(catalog, output));
        root.Subcommands.Add(RunCommand.Create(registry, Runner, error));
        root.Subcommands.Add(MacroCommand.Create(registry, output, error));
        root.Subcommands.Add(ImageJCommand.Create(registry, error));
        root.Subcommands.Add(ServeCommand.Create(registry));
        foreach (var plugin in catalog.Plugins)
        {
            var pluginCommand = new Command(plugin.Manifest.Id, $"{plugin.Plugin.DisplayName} (plugin {plugin.Manifest.Version}).");
            foreach (var registered in registry.Commands.Where(c => c.Plugin == plugin))
            {
                pluginCommand.Subcommands.Add(PluginCommandFactory.Create(registered, Runner));
            }

            root.Subcommands.Add(pluginCommand);
        }

        foreach (var failure in catalog.Failures)
        {
            error.WriteLine($"warning: plugin not loaded: {failure.Reason}");
        }

        return root;
    }

    private static string? FindOption(string[] args, string name)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == name && i + 1 < args.Length)
            {
                return args[i + 1];
            }

            if (args[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                return args[i][(name.Length + 1)..];
            }
        }

        return null;
    }
}
