using System.Text.Json;
using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Segment.Commands;
using Dislocate.Segment.Tests.Evaluation;

namespace Dislocate.Segment.Tests.Commands;

public sealed class EvaluateCommandTests : IDisposable
{
    private const int Width = 96;
    private const int Height = 64;
    private readonly TempFolder scratch = new();

    public EvaluateCommandTests() => Directory.CreateDirectory(this.scratch.Path);

    public void Dispose() => this.scratch.Dispose();

    [Fact]
    public async Task EvaluatesTiffStacks_AndWritesTheJson()
    {
        var a = MaskDrawing.Stroke(Width, Height, 10, 10, 80, 20, 2);
        var b = MaskDrawing.Stroke(Width, Height, 10, 40, 80, 55, 2);
        // Truth: a, an empty page, b (8-bit 0/255). Prediction (float): b, nothing, a.
        var truth = this.WriteBytes("truth.tif", a, new float[Width * Height], b);
        var pred = this.WriteFloats("pred.tif", b, new float[Width * Height], a);
        var json = Path.Combine(this.scratch.Path, "out", "result.json");
        Directory.CreateDirectory(Path.GetDirectoryName(json)!);

        var command = new EvaluateCommand();
        var result = await command.ExecuteAsync(Values(command, ("pred", pred), ("truth", truth), ("out", json)), CommandContext.Silent());

        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var r = document.RootElement;
        Assert.Equal(0, r.GetProperty("matching_loss").GetDouble(), 12);
        Assert.Equal(1, r.GetProperty("metric").GetDouble(), 12);
        Assert.Equal(3, r.GetProperty("truth_pages").GetInt32());
        Assert.Equal([2], r.GetProperty("empty_truth_pages").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(3, r.GetProperty("prediction_pages").GetInt32());
        Assert.Equal("greedy", r.GetProperty("options").GetProperty("matching").GetString());
        Assert.Equal(0.5, r.GetProperty("options").GetProperty("threshold").GetDouble());
        var rows = r.GetProperty("dislocations").EnumerateArray().ToList();
        Assert.Equal([(1, 3), (3, 1)], rows.Select(d => (d.GetProperty("truth_page").GetInt32(), d.GetProperty("prediction_page").GetInt32())));
        Assert.All(rows, d => Assert.Equal(d.GetProperty("truth_length").GetDouble(), d.GetProperty("prediction_length").GetDouble(), 12));
        Assert.InRange(rows[0].GetProperty("truth_length").GetDouble(), 68, 74); // drawn length √(70² + 10²) ≈ 70.7
        Assert.False(File.Exists(AtomicFile.PartialPath(json)));

        var table = Assert.IsType<TableOutput>(result.Outputs[0]);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(6, table.Columns.Count);
        Assert.Equal(json, Assert.IsType<FileOutput>(result.Outputs[1]).Path);
        Assert.Contains("metric 1.0000", result.Summary, StringComparison.Ordinal);
        Assert.Contains("1 empty truth page", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SixteenBitProbabilities_OptimalMatching_AndUnmatchedTruth_DefaultJsonPath()
    {
        var a = MaskDrawing.Stroke(Width, Height, 10, 10, 80, 20, 2);
        var b = MaskDrawing.Stroke(Width, Height, 10, 40, 80, 55, 2);
        var truth = this.WriteBytes("truth.tif", a, b);
        var pred = Path.Combine(this.scratch.Path, "pred16.tif");
        TiffStackWriter.Write(pred, [(ReadOnlyMemory<ushort>)a.Select(v => (ushort)(v * 65535)).ToArray()], Width, Height);

        var command = new EvaluateCommand();
        var result = await command.ExecuteAsync(Values(command, ("pred", pred), ("truth", truth), ("matching", "optimal")), CommandContext.Silent());

        var json = Path.Combine(this.scratch.Path, "pred16" + EvaluateCommand.DefaultJsonSuffix);
        Assert.Equal(json, Assert.IsType<FileOutput>(result.Outputs[1]).Path);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var r = document.RootElement;
        Assert.Equal("optimal", r.GetProperty("options").GetProperty("matching").GetString());
        Assert.Equal(0.5, r.GetProperty("metric").GetDouble(), 12);          // (1 + 0) / 2
        Assert.Equal(0.5, r.GetProperty("matching_loss").GetDouble(), 12);   // (0 + 1) / 2
        Assert.Equal(1, r.GetProperty("unmatched_truths").GetInt32());
        var second = r.GetProperty("dislocations")[1];
        Assert.Equal(JsonValueKind.Null, second.GetProperty("prediction_page").ValueKind);
        Assert.Equal(0, second.GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task SizeMismatch_NamesBothFilesAndSizes()
    {
        var truth = this.WriteBytes("truth.tif", MaskDrawing.Rect(Width, Height, 5, 5, 30, 8));
        var pred = Path.Combine(this.scratch.Path, "small.tif");
        TiffStackWriter.Write(pred, [(ReadOnlyMemory<float>)new float[32 * 16]], 32, 16);
        var command = new EvaluateCommand();
        var e = await Assert.ThrowsAsync<InputFileException>(() => command.ExecuteAsync(Values(command, ("pred", pred), ("truth", truth)), CommandContext.Silent()));
        Assert.Contains(pred, e.Message, StringComparison.Ordinal);
        Assert.Contains(truth, e.Message, StringComparison.Ordinal);
        Assert.Contains("32×16", e.Message, StringComparison.Ordinal);
        Assert.Contains("96×64", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyTruth_UnreadableFile_AndOutOfRangeProbabilities_AreInputErrors()
    {
        var command = new EvaluateCommand();
        var pred = this.WriteFloats("pred.tif", MaskDrawing.Rect(Width, Height, 5, 5, 30, 8));

        var empty = this.WriteBytes("empty.tif", new float[Width * Height], new float[Width * Height]);
        var e1 = await Assert.ThrowsAsync<InputFileException>(() => command.ExecuteAsync(Values(command, ("pred", pred), ("truth", empty)), CommandContext.Silent()));
        Assert.Equal(empty, e1.Path);
        Assert.Contains("empty", e1.Problem, StringComparison.Ordinal);

        var garbage = Path.Combine(this.scratch.Path, "garbage.tif");
        File.WriteAllBytes(garbage, [1, 2, 3, 4, 5]);
        var e2 = await Assert.ThrowsAsync<InputFileException>(() => command.ExecuteAsync(Values(command, ("pred", pred), ("truth", garbage)), CommandContext.Silent()));
        Assert.Equal(garbage, e2.Path);

        var outside = MaskDrawing.Rect(Width, Height, 5, 5, 30, 8, 2.5f);
        var bad = this.WriteFloats("bad.tif", new float[Width * Height], outside);
        var truth = this.WriteBytes("truth.tif", MaskDrawing.Rect(Width, Height, 5, 5, 30, 8));
        var e3 = await Assert.ThrowsAsync<InputFileException>(() => command.ExecuteAsync(Values(command, ("pred", bad), ("truth", truth)), CommandContext.Silent()));
        Assert.Equal("page 2", e3.Field);
        Assert.Contains("(5, 5)", e3.Problem, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(this.scratch.Path, "bad" + EvaluateCommand.DefaultJsonSuffix)));
    }

    [Fact]
    public void Descriptor_HasMacroKeysOfOneLowerCaseWord_AndFileKinds()
    {
        var d = new EvaluateCommand().Descriptor;
        Assert.Equal("evaluate", d.Id);
        Assert.All(d.Parameters, p => Assert.Equal(Hosting.Plugins.PluginCatalog.ImageJKey(p.Key), p.Key));
        Assert.Equal(ParameterKind.InputFile, d.Find("pred")!.Kind);
        Assert.Equal(ParameterKind.OutputFile, d.Find("out")!.Kind);
    }

    private static ParameterValues Values(EvaluateCommand command, params (string Key, string Text)[] given) => CommandValues.Of(command, given);

    private string WriteBytes(string name, params float[][] planes)
    {
        var path = Path.Combine(this.scratch.Path, name);
        TiffStackWriter.Write(path, planes.Select(p => (ReadOnlyMemory<byte>)p.Select(v => (byte)(v * 255)).ToArray()).ToList(), Width, Height);
        return path;
    }

    private string WriteFloats(string name, params float[][] planes)
    {
        var path = Path.Combine(this.scratch.Path, name);
        TiffStackWriter.Write(path, planes.Select(p => (ReadOnlyMemory<float>)p).ToList(), Width, Height);
        return path;
    }
}
