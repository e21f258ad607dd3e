using System.CommandLine;
using Dislocate.Contracts;
using Dislocate.Core.Runtime;
using Dislocate.Hosting.Plugins;
using Dislocate.ImageJ;
using Dislocate.ImageJ.Jni;

namespace Dislocate.Cli.Commands;

/// <summary>
/// <c>dislocate doctor</c>: checks what Dislocate needs here — plugins, Java, ImageJ, a display, the memory allocator,
/// and each plugin's own needs (the segment plugin: model, ONNX Runtime, libtorch, training kernels) — and prints the
/// fix for each problem. Exit 0 when every required check passes, 1 otherwise.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create(PluginCatalog catalog, TextWriter output)
    {
        var command = new Command("doctor", "Check what Dislocate needs on this machine (plugins, Java, ImageJ, display, ONNX Runtime, libtorch, the default model) and print the fix for each problem.");
        command.SetAction(_ =>
        {
            var checks = Run(catalog);
            Write(checks, output);
            return checks.Any(c => c.Required && !c.Ok) ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Every check, the host's first, then each loaded plugin's.</summary>
    public static List<DiagnosticCheck> Run(PluginCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var checks = new List<DiagnosticCheck>
        {
            new(".NET runtime", true, $"{Environment.Version}, {Environment.ProcessorCount} CPU cores"),
            catalog.Failures.Count == 0
                ? new("plugins", true, string.Join(", ", catalog.Plugins.Select(p => $"{p.Manifest.Id} {p.Manifest.Version}")))
                : new("plugins", false, string.Join("; ", catalog.Failures.Select(f => f.Reason)), "reinstall Dislocate, or remove the plugin folder named"),
            new("memory allocator", ProcessAllocator.IsJemalloc(), ProcessAllocator.Describe(), ProcessAllocator.IsJemalloc() ? null : "install libjemalloc2 (Debian: apt install libjemalloc2): training and inference run faster with it", Required: false),
            Java(),
            ImageJJar(),
            Display(),
        };
        foreach (var plugin in catalog.Plugins)
        {
            try
            {
                checks.AddRange(plugin.Plugin.Diagnose().Select(c => c with { Name = $"{plugin.Manifest.Id}: {c.Name}" }));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                checks.Add(new($"{plugin.Manifest.Id}", false, $"its self-check failed: {e.Message}", "reinstall Dislocate"));
            }
        }

        return checks;
    }

    /// <summary>One line per check (<c>ok</c>, <c>PROBLEM</c> or <c>note</c> for an optional one), each problem followed by its fix.</summary>
    public static void Write(IEnumerable<DiagnosticCheck> checks, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(output);
        var problems = 0;
        foreach (var c in checks)
        {
            var mark = c.Ok ? "ok     " : c.Required ? "PROBLEM" : "note   ";
            output.WriteLine($"{mark} {c.Name}: {c.Detail}");
            if (!c.Ok && c.Fix is not null)
            {
                output.WriteLine($"        fix: {c.Fix}");
            }

            problems += !c.Ok && c.Required ? 1 : 0;
        }

        output.WriteLine(problems == 0 ? "Everything Dislocate needs works here." : $"{problems} problem(s) found; see the fixes above.");
    }

    private static DiagnosticCheck Java()
    {
        const string Fix = "install Java 8 or newer (Debian: apt install openjdk-17-jre-headless) or set JAVA_HOME; only the ImageJ commands need it";
        try
        {
            return new DiagnosticCheck("Java (for ImageJ)", true, JavaLocator.FindLibJvm(), Required: false);
        }
        catch (InvalidOperationException e)
        {
            return new DiagnosticCheck("Java (for ImageJ)", false, e.Message, Fix, Required: false);
        }
    }

    private static DiagnosticCheck ImageJJar() =>
        File.Exists(ImageJSettings.DebianIjJar)
            ? new DiagnosticCheck("ImageJ", true, ImageJSettings.DebianIjJar, Required: false)
            : new DiagnosticCheck("ImageJ", false, $"no {ImageJSettings.DebianIjJar}", "Debian: apt install imagej; or 'dislocate imagej --fiji Fiji.app' / '--ij-jar ij.jar'; or drop Dislocate into your own Fiji (packaging/dropin.sh)", Required: false);

    private static DiagnosticCheck Display()
    {
        // The rule 'dislocate imagej' applies, so the doctor never approves a display that command then refuses.
        if (ImageJCommand.HasDisplay)
        {
            return new DiagnosticCheck("display", true, Environment.GetEnvironmentVariable("DISPLAY")!, Required: false);
        }

        var xvfb = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(p => Path.Combine(p, "xvfb-run")).FirstOrDefault(File.Exists);
        return xvfb is not null
            ? new DiagnosticCheck("display", true, $"none; {xvfb} can give ImageJ a virtual one (xvfb-run dislocate imagej …)", Required: false)
            : new DiagnosticCheck("display", false, "none (DISPLAY is not set)", "headless macros need none (dislocate macro m.ijm); for ImageJ's windows set DISPLAY or install xvfb (apt install xvfb) and use xvfb-run", Required: false);
    }
}
