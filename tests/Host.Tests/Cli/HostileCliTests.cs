using System.Diagnostics;

namespace Dislocate.Host.Tests.Cli;

/// <summary>
/// The CI share of the hostile-input probe of the command line (<c>bench/hostile/cli_probe.py</c>; the full run is
/// <c>bench/hostile/run.sh</c>): mutated images, stacks, params, presets, track tables and model files given to eight
/// commands, each
/// a <c>dislocate</c> process that must end with exit 0, 1 or 2 in time and memory, leave its input as it was, print no
/// stack trace or internal exception name, and name the file when it fails.
/// </summary>
public sealed class HostileCliTests : IDisposable
{
    private const int Cases = 48; // six per command

    private readonly TempFolder scratch = new();

    public void Dispose() => this.scratch.Dispose();

    [Fact]
    public void Mutated_inputs_through_the_command_line_end_in_a_clear_error_or_a_result()
    {
        var cli = Path.Combine(Path.GetDirectoryName(Layout.PluginsRoot)!, "dislocate");
        var bench = Path.Combine(Layout.RepoRoot, "bench", "hostile");
        var seeds = Path.Combine(this.scratch.Path, "seeds");
        var (seedCode, seedOutput) = Run("/bin/bash", Path.Combine(bench, "make-seeds.sh"), cli, seeds, Path.Combine(this.scratch.Path, "work"));
        Assert.True(seedCode == 0, seedOutput);

        var (code, output) = Run("/usr/bin/python3", Path.Combine(bench, "cli_probe.py"), cli, seeds, Path.Combine(this.scratch.Path, "cases"), $"{Cases}");

        Assert.True(code == 0, output);
        Assert.Contains($"{Cases} command-line cases", output, StringComparison.Ordinal);
        Assert.Contains(" refused: ", output, StringComparison.Ordinal);
    }

    private static (int Code, string Output) Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out\n" + stdout.Result + stderr.Result);
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
