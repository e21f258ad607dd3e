using System.Globalization;
using System.Text.Json;
using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Hosting.Parameters;
using Dislocate.Segment.Commands;
using Dislocate.Segment.Inference;

namespace Dislocate.Segment.Tests.Commands;

/// <summary>
/// <c>segment run</c> end to end with a tiny untrained model: its masks are arbitrary, so the tests check the files'
/// structure and that every table agrees with the label images and mask stacks, not segmentation quality.
/// </summary>
public sealed class RunCommandTests(TinyModel models) : IClassFixture<TinyModel>, IDisposable
{
    private const int Points = 12;
    private readonly TempFolder scratch = new();

    public void Dispose() => this.scratch.Dispose();

    [Fact]
    public async Task TiffStack_WritesEveryFile_AndTheTablesAgreeWithTheImages()
    {
        var tiff = TinyModel.WriteTiff(Path.Combine(this.scratch.Path, "stack.tif"), TinyModel.Frames(3));
        var folder = Path.Combine(this.scratch.Path, "out");

        var result = await this.Run(("input", tiff), ("out", folder));

        var names = new[] { "stack_000001", "stack_000002", "stack_000003" };
        var rows = CheckOutputs(folder, string.Empty, names);
        Assert.True(rows.Count >= 3, $"the seed-1 model should find dislocations; found {rows.Count}"); // else the checks above prove nothing
        Assert.Equal([1, 2, 3], rows.Select(r => r.Frame).Distinct().Order());
        Assert.Equal(
            [Path.Combine(folder, "dislocations.csv"), Path.Combine(folder, "lines.csv"), Path.Combine(folder, "segmentation.json")],
            result.Outputs.OfType<FileOutput>().Select(f => f.Path));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{rows.Count} dislocations"), result.Summary, StringComparison.Ordinal);

        using var labelme = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "labelme", "stack_000002.json")));
        var withLines = rows.Count(r => r.Frame == 2 && r.Length > 0);
        Assert.Equal(withLines, labelme.RootElement.GetProperty("shapes").GetArrayLength());
        Assert.All(labelme.RootElement.GetProperty("shapes").EnumerateArray(), s => Assert.Equal(Points, s.GetProperty("points").GetArrayLength()));
    }

    [Fact]
    public async Task FolderOfFrames_NamesOutputsAfterTheFiles()
    {
        var frames = TinyModel.WritePngs(Path.Combine(this.scratch.Path, "frames"), TinyModel.Frames(2, first: 3));
        var folder = Path.Combine(this.scratch.Path, "out");

        await this.Run(("input", frames), ("out", folder));

        var rows = CheckOutputs(folder, string.Empty, ["frame_1", "frame_2"]);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(r.Frame == 1 ? "frame_1" : "frame_2", r.Name));
        using var labelme = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "labelme", "frame_2.json")));
        Assert.Equal(Path.Combine("..", "..", "frames", "frame_2.png"), labelme.RootElement.GetProperty("imagePath").GetString());
    }

    [Fact]
    public async Task Shards_TogetherCoverEveryFrameOnce_WithTheUnshardedRows()
    {
        var tiff = TinyModel.WriteTiff(Path.Combine(this.scratch.Path, "stack.tif"), TinyModel.Frames(3));
        var whole = Path.Combine(this.scratch.Path, "whole");
        var sharded = Path.Combine(this.scratch.Path, "sharded");

        await this.Run(("input", tiff), ("out", whole));
        await this.Run(("input", tiff), ("out", sharded), ("shard", "0/2"));
        await this.Run(("input", tiff), ("out", sharded), ("shard", "1/2"));

        var first = CheckOutputs(sharded, ".shard-0-of-2", ["stack_000001", "stack_000003"]);
        var second = CheckOutputs(sharded, ".shard-1-of-2", ["stack_000002"]);
        Assert.Equal([1, 3], first.Select(r => r.Frame).Distinct().Order());
        Assert.Equal([2], second.Select(r => r.Frame).Distinct());
        Assert.False(File.Exists(Path.Combine(sharded, "dislocations.csv")));
        var together = first.Concat(second).OrderBy(r => r.Frame).ThenBy(r => r.Label);
        Assert.Equal(ReadDislocations(whole, string.Empty), together);
        Assert.Equal(
            File.ReadLines(Path.Combine(whole, "lines.csv")).Skip(1),
            File.ReadLines(Path.Combine(sharded, "lines.shard-0-of-2.csv")).Skip(1)
                .Concat(File.ReadLines(Path.Combine(sharded, "lines.shard-1-of-2.csv")).Skip(1))
                .OrderBy(l => int.Parse(l.Split(',')[0], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task MissingInput_IsAnErrorNamingTheFile()
    {
        var missing = Path.Combine(this.scratch.Path, "nowhere.tif");

        var e = await Assert.ThrowsAnyAsync<Exception>(() => this.Run(("input", missing), ("out", Path.Combine(this.scratch.Path, "out"))));

        Assert.True(e is ParameterException or InputFileException, e.ToString());
        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(this.scratch.Path, "out")));
    }

    [Theory]
    [InlineData("empty.png")]
    [InlineData("frames")]
    public async Task AnUnreadableImage_IsNamedBeforeTheModelIsOpened(string input)
    {
        // The model file is garbage too: had it been opened first, its error would be the one reported.
        var model = Path.Combine(this.scratch.Path, "garbage.dislocate");
        File.WriteAllText(model, "not a model");
        var image = input == "frames" ? Path.Combine(Directory.CreateDirectory(Path.Combine(this.scratch.Path, "frames")).FullName, "000.png") : Path.Combine(this.scratch.Path, input);
        File.WriteAllBytes(image, []);
        var path = Path.Combine(this.scratch.Path, input);

        var e = await Assert.ThrowsAsync<InputFileException>(() => this.Run(("input", path), ("model", model), ("out", Path.Combine(this.scratch.Path, "out"))));

        Assert.Equal(image, e.Path);
        Assert.False(Directory.Exists(Path.Combine(this.scratch.Path, "out")));
    }

    [Fact]
    public async Task TileNotAMultipleOf32_IsAnErrorNamingTheKey()
    {
        var tiff = TinyModel.WriteTiff(Path.Combine(this.scratch.Path, "stack.tif"), TinyModel.Frames(1));

        var e = await Assert.ThrowsAsync<ParameterException>(() => this.Run(("input", tiff), ("out", Path.Combine(this.scratch.Path, "out")), ("tile", "48")));

        Assert.Equal("tile", e.Key);
        Assert.Contains("48", e.Message, StringComparison.Ordinal);
        Assert.Contains("32", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ViewsOtherThanOneTwoFourOrEight_IsAnErrorNamingTheKey()
    {
        var tiff = TinyModel.WriteTiff(Path.Combine(this.scratch.Path, "stack.tif"), TinyModel.Frames(1));

        var e = await Assert.ThrowsAsync<ParameterException>(() => this.Run(("input", tiff), ("out", Path.Combine(this.scratch.Path, "out")), ("views", "3")));

        Assert.Equal("views", e.Key);
        Assert.Contains("1, 2, 4 or 8", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(this.scratch.Path, "out")));
    }

    [Theory]
    [InlineData("0.5", 0.5)]
    [InlineData("auto", 1.0)] // an instance-mask model: auto means 1
    public async Task AScaledRun_KeepsEveryOutputInTheInputsPixels_AndRecordsTheFactor(string scale, double factor)
    {
        var tiff = TinyModel.WriteTiff(Path.Combine(this.scratch.Path, "stack.tif"), TinyModel.Frames(2));
        var folder = Path.Combine(this.scratch.Path, "out");

        await this.Run(("input", tiff), ("out", folder), ("scale", scale));

        CheckOutputs(folder, string.Empty, ["stack_000001", "stack_000002"]); // label images at the input's size
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "segmentation.json")));
        var recorded = json.RootElement.GetProperty("options").GetProperty("scale");
        Assert.Equal(scale, recorded.GetProperty("requested").GetString());
        Assert.Equal(factor, recorded.GetProperty("factor").GetDouble());
    }

    [Fact]
    public async Task AScaleThatIsNeitherAutoNorAFactor_IsAnErrorNamingTheKey()
    {
        var tiff = TinyModel.WriteTiff(Path.Combine(this.scratch.Path, "stack.tif"), TinyModel.Frames(1));

        var e = await Assert.ThrowsAsync<ParameterException>(() => this.Run(("input", tiff), ("out", Path.Combine(this.scratch.Path, "out")), ("scale", "twice")));

        Assert.Equal("scale", e.Key);
        Assert.False(Directory.Exists(Path.Combine(this.scratch.Path, "out")));
    }

    /// <summary>One row of dislocations.csv (the columns the checks use).</summary>
    internal sealed record DislocationRow(int Frame, string Name, int Label, int Pixels, double Length);

    /// <summary>Reads dislocations<paramref name="suffix"/>.csv of a run.</summary>
    internal static List<DislocationRow> ReadDislocations(string folder, string suffix)
    {
        var lines = File.ReadAllLines(Path.Combine(folder, $"dislocations{suffix}.csv"));
        Assert.Equal(SegmentationOutputs.DislocationsHeader, lines[0]);
        var c = CultureInfo.InvariantCulture;
        return lines.Skip(1).Select(l => l.Split(',')).Select(f => new DislocationRow(int.Parse(f[0], c), f[1], int.Parse(f[2], c), int.Parse(f[5], c), double.Parse(f[7], c))).ToList();
    }

    /// <summary>The label image of one frame of a run.</summary>
    internal static ushort[] ReadLabels(string folder, string name)
    {
        var file = TiffStackReader.Read(Path.Combine(folder, "labels", name + ".tif"));
        var page = Assert.Single(file.Pages);
        Assert.Equal(TiffSampleType.Gray16, page.SampleType);
        Assert.Equal((TinyModel.Size, TinyModel.Size), (page.Width, page.Height));
        return page.UInt16s!;
    }

    /// <summary>
    /// Checks a run's files for the frames <paramref name="names"/> (in frame order) and that they agree: each frame's
    /// labels are 1…n, every one present in its label image and covering no more pixels than its row says, its mask
    /// stack has one page per row with that row's pixel count and holds the labelled pixels, lines.csv has
    /// <see cref="Points"/> numbered points per dislocation with a line, and segmentation.json lists the same counts.
    /// </summary>
    internal static List<DislocationRow> CheckOutputs(string folder, string suffix, IReadOnlyList<string> names)
    {
        var rows = ReadDislocations(folder, suffix);
        var lines = File.ReadAllLines(Path.Combine(folder, $"lines{suffix}.csv"));
        Assert.Equal(SegmentationOutputs.LinesHeader, lines[0]);
        var points = lines.Skip(1).Select(l => l.Split(',')).GroupBy(f => (int.Parse(f[0], CultureInfo.InvariantCulture), int.Parse(f[1], CultureInfo.InvariantCulture))).ToDictionary(g => g.Key, g => g.Select(f => f[2]).ToArray());
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, $"segmentation{suffix}.json")));
        var jsonFrames = json.RootElement.GetProperty("frames").EnumerateArray().ToList();
        Assert.Equal(names.Count, jsonFrames.Count);
        Assert.Equal(names, jsonFrames.Select(f => f.GetProperty("name").GetString()));

        for (var k = 0; k < names.Count; k++)
        {
            var frame = jsonFrames[k].GetProperty("frame").GetInt32();
            var mine = rows.Where(r => r.Frame == frame).ToList();
            Assert.Equal(mine.Count, jsonFrames[k].GetProperty("dislocations").GetArrayLength());
            Assert.Equal(Enumerable.Range(1, mine.Count), mine.Select(r => r.Label));
            Assert.True(File.Exists(Path.Combine(folder, "labelme", names[k] + ".json")));

            var labels = ReadLabels(folder, names[k]);
            Assert.Equal(Enumerable.Range(1, mine.Count), labels.Where(v => v > 0).Distinct().Order().Select(v => (int)v));
            var masksPath = Path.Combine(folder, "masks", names[k] + ".tif");
            Assert.Equal(mine.Count > 0, File.Exists(masksPath));
            IReadOnlyList<TiffPage> masks = mine.Count > 0 ? TiffStackReader.Read(masksPath).Pages : [];
            Assert.Equal(mine.Count, masks.Count);
            foreach (var row in mine)
            {
                var mask = masks[row.Label - 1].Bytes!;
                Assert.Equal(row.Pixels, mask.Count(v => v == 255));
                Assert.Equal(row.Pixels, mask.Count(v => v != 0));
                Assert.All(Enumerable.Range(0, labels.Length).Where(i => labels[i] == row.Label), i => Assert.Equal(255, mask[i]));
                var expected = row.Length > 0 ? Enumerable.Range(1, Points).Select(p => p.ToString(CultureInfo.InvariantCulture)).ToArray() : null;
                Assert.Equal(expected, points.GetValueOrDefault((frame, row.Label)));
            }
        }

        Assert.Equal(points.Count, rows.Count(r => r.Length > 0));
        return rows;
    }

    private Task<CommandResult> Run(params (string Key, string Value)[] options) =>
        models.SegmentRun(this.scratch.Path, [("points", Points.ToString(CultureInfo.InvariantCulture)), .. options]);
}
