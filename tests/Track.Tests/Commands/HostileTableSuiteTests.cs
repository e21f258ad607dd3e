using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Hosting.Parameters;
using Dislocate.Synthetic.Dataset;
using Dislocate.Synthetic.Settings;
using Dislocate.Synthetic.Streaming;
using Dislocate.Track.Commands;
using Xunit.Abstractions;

namespace Dislocate.Track.Tests.Commands;

/// <summary>
/// The hostile-input suite for the tables the tracking commands read back (<c>points.csv</c>, by <c>track score</c> and
/// <c>track pairs</c>): malformed copies of a real run's table, and copies hostile from the start (a frame number near
/// 2³¹, a coordinate of 1e300, a line whose points disagree on their frame), damaged further by the suites' seeded
/// mutations (<see cref="HostileSuite"/>). Each case is scored against the valid table and measured with
/// <c>track pairs</c>, as the commands run; it must end with their files written or refused naming the file, within
/// <see cref="TimeLimit"/> and <see cref="HostileSuite.AllocationLimit"/> on the test's thread (the commands run on the
/// thread pool; the command-line probe measures <c>track score</c>'s whole process). CI runs <see cref="DefaultCases"/>; <c>HOSTILE_CASES=N</c> more.
/// </summary>
public sealed class HostileTableSuiteTests(ITestOutputHelper output) : IDisposable
{
    private const int DefaultCases = 60;
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(10);

    private readonly TempFolder folder = new();

    public void Dispose() => this.folder.Dispose();

    [Fact]
    public void EveryMalformedPointsTable_IsScoredOrRefusedNamingTheFile_InTimeAndMemory()
    {
        var (truth, seeds) = this.SeedFiles();
        var report = HostileSuite.Run(seeds, HostileSuite.CaseCount(DefaultCases), this.folder.Path, _ => "points.csv", TimeLimit, path => this.Open(path, truth));
        foreach (var line in report.Describe(seeds.Count))
        {
            output.WriteLine(line);
        }

        Assert.True(report.Failures.Count == 0, string.Join("\n", report.Failures.Take(20)));
        Assert.Contains("points.csv accepted", report.Counts.Keys);
        Assert.Contains("points.csv refused", report.Counts.Keys);
    }

    [Fact]
    public async Task A_line_whose_points_disagree_on_their_frame_is_refused_naming_the_row()
    {
        var (truth, _) = this.SeedFiles();
        var lines = File.ReadAllLines(truth);
        var cells = lines[1].Split(',');
        cells[0] = "2000000000";
        lines[1] = string.Join(',', cells);
        var bad = this.folder.File("moved.csv");
        File.WriteAllLines(bad, lines);

        var e = await Assert.ThrowsAsync<InputFileException>(() => Run(new PairsCommand(), ("input", bad), ("out", this.folder.File("pairs"))));

        Assert.Equal("line 3", e.Field);
        Assert.Contains("frame 1", e.Message, StringComparison.Ordinal);
        Assert.Contains(bad, e.Message, StringComparison.Ordinal);
    }

    private HostileOutcome Open(string path, string truth) => HostileSuite.WithinAllocation(() =>
    {
        var score = this.folder.File("score.json");
        File.Delete(score);
        Run(new ScoreCommand(), ("input", path), ("truth", truth), ("out", score)).GetAwaiter().GetResult();
        Run(new PairsCommand(), ("input", path), ("out", this.folder.File("pairs"))).GetAwaiter().GetResult();
        return File.Exists(score) ? HostileOutcome.Accepted : HostileOutcome.Failed("no score written");
    });

    /// <summary>A real run's points.csv (a generated pileup tracked over 6 frames) and hostile variants of it.</summary>
    private (string Truth, List<(string Name, byte[] Bytes)> Seeds) SeedFiles()
    {
        var settings = GeneratorSettings.Default with
        {
            Width = 128,
            Height = 128,
            Microstructure = GeneratorSettings.Default.Microstructure with
            {
                Pileups = new ValueRange(1, 1),
                PerPileup = new ValueRange(3, 3),
                SlipWidth = new ValueRange(50, 80),
                Spacing = new ValueRange(10, 14),
            },
            Sequence = SequenceSettings.Default with { Frames = 6 },
        };
        var masks = this.folder.File("masks.tif");
        SampleWriter.WriteMasks(masks, new SyntheticSampleSource(settings, 5).GetFrames(0), MaskFormat.Tiff);
        var run = this.folder.File("run");
        Run(new RunCommand(), ("input", masks), ("out", run)).GetAwaiter().GetResult();
        var truth = Path.Combine(run, "points.csv");
        var text = File.ReadAllText(truth);
        var rows = text.Split('\n');
        string WithFirstRow(Func<string[], string[]> change)
        {
            var copy = (string[])rows.Clone();
            copy[1] = string.Join(',', change(copy[1].Split(',')));
            return string.Join('\n', copy);
        }

        var seeds = new List<(string Name, byte[] Bytes)>
        {
            ("points.csv", File.ReadAllBytes(truth)),
            ("far-frame.csv", System.Text.Encoding.UTF8.GetBytes(text.Replace("\n6,", "\n2147483647,", StringComparison.Ordinal))),
            ("far-point.csv", System.Text.Encoding.UTF8.GetBytes(WithFirstRow(c => [.. c[..4], "1e300", .. c[5..]]))),
            ("header-only.csv", System.Text.Encoding.UTF8.GetBytes(rows[0] + "\n")),
        };
        return (truth, seeds);
    }

    private static Task<CommandResult> Run(IPluginCommand command, params (string Key, string Text)[] given) =>
        command.ExecuteAsync(ParameterBinder.Bind(command.Descriptor, given.ToDictionary(g => g.Key, g => g.Text), Path.GetTempPath()), CommandContext.Silent());
}
