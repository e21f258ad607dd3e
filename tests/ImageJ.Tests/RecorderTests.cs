using System.Globalization;
using System.Text.RegularExpressions;
using Dislocate.ImageJ.Tests.Fixtures;

namespace Dislocate.ImageJ.Tests;

/// <summary>
/// What ImageJ's recorder writes for a user who opens a stack and clicks <i>Segment Dislocations</i> with the dialog's
/// defaults (test-only <c>RecorderProbe</c>, Debian's ImageJ under Xvfb, the command in a <c>dislocate serve</c> worker):
/// the README quotes exactly that line, and the line replayed headless finds as many dislocations as the dialog did.
/// </summary>
public sealed partial class RecorderTests : IDisposable
{
    private readonly TempFolder scratch = new();

    public void Dispose() => this.scratch.Dispose();

    [Fact]
    public void The_recorded_segment_line_is_the_READMEs_and_replays_headless_to_the_same_count()
    {
        var data = Path.Combine(this.scratch.Path, "data");
        var generated = ProcessRunner.Run(null, TimeSpan.FromMinutes(2), "synthetic", "generate", "--out", data, "--count", "1", "--split", "1", "--frames", "3", "--format", "tif8", "--width", "192", "--height", "192", "--seed", "2", "--quiet");
        Assert.True(generated.Code == 0, generated.Err);
        var stack = Path.Combine(data, "train", "images", "000000.tif");
        // A home of its own: ImageJ keeps its preferences (the model field remembers the last model) in ~/.imagej.
        var home = Directory.CreateDirectory(Path.Combine(this.scratch.Path, "home")).FullName;

        var (code, recorded, log) = ProcessRunner.RunProgram(
            "/usr/bin/xvfb-run",
            ["-a", "-s", "-screen 0 1024x768x24", "java", $"-Duser.home={home}", "-cp", $"{ImageJSettings.DebianIjJar}:{JavaTestClasses.Folder}", "dislocate.bridge.RecorderProbe", Layout.Cli, "open:" + stack, "Segment Dislocations"],
            null,
            TimeSpan.FromMinutes(3));
        Assert.True(code == 0, $"exit {code}\n{recorded}\n{log}");
        var line = recorded.Split('\n').Single(l => l.StartsWith("run(\"Segment Dislocations\"", StringComparison.Ordinal));
        var dialogCount = int.Parse(ResultCount().Match(log).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(dialogCount > 0, log);

        var readme = File.ReadAllText(Path.Combine(Layout.RepoRoot, "README.md"));
        Assert.True(readme.Contains(line, StringComparison.Ordinal), $"the README does not quote the recorded line:\n{line}");

        var macro = Path.Combine(this.scratch.Path, "replay.ijm");
        File.WriteAllText(macro, $"open(\"{stack}\");\n{line}\nprint(\"replayed: \" + nResults);\n");
        var replay = ProcessRunner.Run(null, TimeSpan.FromMinutes(3), "macro", macro);
        Assert.True(replay.Code == 0, replay.Err);
        Assert.Contains($"replayed: {dialogCount}", replay.Out + replay.Err, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"results after Segment Dislocations: (\d+)")]
    private static partial Regex ResultCount();
}
