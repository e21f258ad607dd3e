using System.Diagnostics;

namespace Dislocate.Host.Tests.Packaging;

/// <summary>
/// The SLURM examples in packaging/examples run as written: a stand-in <c>sbatch</c> runs each array task (with the
/// variables SLURM sets) and then the dependent job, and the merged result equals one unsharded run.
/// </summary>
public sealed class JobArrayExampleTests : IDisposable
{
    private const string FakeSbatch = """
        #!/usr/bin/env bash
        # Stand-in for SLURM's sbatch: runs the --wrap command at once, once per --array index, with SLURM's variables.
        array=""; wrap=""
        for a in "$@"; do case "$a" in --array=*) array=${a#--array=};; --wrap=*) wrap=${a#--wrap=};; esac; done
        if [ -n "$array" ]; then
          lo=${array%-*}; hi=${array#*-}
          for i in $(seq "$lo" "$hi"); do SLURM_ARRAY_TASK_ID=$i SLURM_ARRAY_TASK_COUNT=$((hi - lo + 1)) sh -c "$wrap" 1>&2 || exit 1; done
        else
          sh -c "$wrap" 1>&2 || exit 1
        fi
        echo 4242
        """;

    private readonly TempFolder scratch = new();

    public void Dispose() => this.scratch.Dispose();

    [Fact]
    public void TheSegmentationExample_ShardsAndMerges_IntoWhatOneRunWrites()
    {
        var cli = Path.Combine(Path.GetDirectoryName(Layout.PluginsRoot)!, "dislocate");
        var bin = Directory.CreateDirectory(Path.Combine(this.scratch.Path, "bin")).FullName;
        File.WriteAllText(Path.Combine(bin, "sbatch"), FakeSbatch.ReplaceLineEndings("\n"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(bin, "sbatch"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var env = new Dictionary<string, string> { ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}", ["DISLOCATE"] = cli };

        // Two generate tasks write one four-frame sequence between them.
        var data = Path.Combine(this.scratch.Path, "data");
        var generate = Path.Combine(Layout.RepoRoot, "packaging", "examples", "slurm-generate.sh");
        for (var task = 0; task < 2; task++)
        {
            Run("bash", [generate, data, "1", "--split", "1", "--frames", "4", "--format", "tif8", "--width", "160", "--height", "160", "--seed", "3"], env, ("SLURM_ARRAY_TASK_ID", $"{task}"), ("SLURM_ARRAY_TASK_COUNT", "2"));
        }

        var stack = Path.Combine(data, "train", "images", "000000.tif");
        Assert.True(File.Exists(stack), "the generate example wrote no sequence");

        var sharded = Path.Combine(this.scratch.Path, "sharded");
        var submitted = Run("bash", [Path.Combine(Layout.RepoRoot, "packaging", "examples", "slurm-segment.sh"), stack, sharded, "3"], env);
        Assert.Contains("submitted array job 4242 (3 tasks)", submitted, StringComparison.Ordinal);
        var whole = Path.Combine(this.scratch.Path, "whole");
        Run(cli, ["segment", "run", stack, "--out", whole, "--threads", "2", "--quiet"], env);

        Assert.True(File.Exists(Path.Combine(sharded, "segmentation.shard-2-of-3.json")));
        foreach (var table in new[] { "dislocations.csv", "lines.csv" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(whole, table)), File.ReadAllBytes(Path.Combine(sharded, table)));
        }

        Assert.Equal(Directory.GetFiles(Path.Combine(whole, "labels")).Select(Path.GetFileName), Directory.GetFiles(Path.Combine(sharded, "labels")).Select(Path.GetFileName));
    }

    private static string Run(string program, IEnumerable<string> args, Dictionary<string, string> env, params (string Name, string Value)[] more)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env.Select(p => (p.Key, p.Value)).Concat(more))
        {
            info.Environment[k] = v;
        }

        info.Environment.Remove("DISLOCATE_PLUGINS");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', info.ArgumentList)} did not finish in 3 minutes");
        }

        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', info.ArgumentList)} exited {process.ExitCode}: {stdout.Result}\n{stderr.Result}");
        return stdout.Result;
    }
}
