using System.Text.Json;
using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Segment.Commands;
using Dislocate.Segment.Tests.Evaluation;

namespace Dislocate.Segment.Tests.Commands;

public sealed class ScoreCommandTests : IDisposable
{
    private const int Width = 80;
    private const int Height = 60;
    private readonly TempFolder scratch = new();

    public ScoreCommandTests() => Directory.CreateDirectory(this.scratch.Path);

    public void Dispose() => this.scratch.Dispose();

    [Fact]
    public async Task Scores_frames_paired_by_name_and_writes_csv_and_json()
    {
        var a = MaskDrawing.Stroke(Width, Height, 10, 10, 70, 10, 1.5f);
        var b = MaskDrawing.Stroke(Width, Height, 10, 40, 70, 40, 1.5f);
        // Truth drawn dark on white (as hand-drawn masks); prediction as 0/255 masks in a segment-run-like labels/ folder.
        this.WritePng("truth/f1.png", a, invert: true);
        this.WritePng("truth/f2.png", Max(a, b), invert: true);
        this.WritePng("truth/only-truth.png", a, invert: true);
        this.WritePng("run/labels/f1.png", a, invert: false);
        this.WritePng("run/labels/f2.png", a, invert: false); // misses b
        this.WritePng("run/labels/only-pred.png", a, invert: false);

        var command = new ScoreCommand();
        var result = await command.ExecuteAsync(Values(command, ("pred", this.P("run")), ("truth", this.P("truth")), ("out", this.P("score"))), CommandContext.Silent());

        var rows = File.ReadAllLines(this.P("score/scores.csv"));
        Assert.Equal("frame,true_pixels,predicted_pixels,precision,recall,f1", rows[0]);
        Assert.Equal(3, rows.Length);
        Assert.StartsWith("f1,", rows[1], StringComparison.Ordinal);
        Assert.EndsWith(",1.0000,1.0000,1.0000", rows[1], StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(this.P("score/score.json")));
        var r = json.RootElement;
        Assert.Equal(2, r.GetProperty("frames").GetInt32());
        Assert.Equal(1, r.GetProperty("precision").GetDouble());
        Assert.InRange(r.GetProperty("recall").GetDouble(), 0.62, 0.72); // 2 of 3 lines found
        Assert.Equal(["only-truth"], r.GetProperty("frames_only_in_truth").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["only-pred"], r.GetProperty("frames_only_in_pred").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("over 2 frames", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_common_frame_and_an_output_onto_an_input_are_clear_errors()
    {
        var a = MaskDrawing.Stroke(Width, Height, 10, 10, 70, 10, 1.5f);
        this.WritePng("truth/x.png", a, invert: true);
        this.WritePng("pred/y.png", a, invert: false);
        var command = new ScoreCommand();
        var e = await Assert.ThrowsAsync<InputFileException>(() => command.ExecuteAsync(Values(command, ("pred", this.P("pred")), ("truth", this.P("truth")), ("out", this.P("s"))), CommandContext.Silent()));
        Assert.Contains("no frame whose name matches", e.Message, StringComparison.Ordinal);
        var p = await Assert.ThrowsAsync<ParameterException>(() => command.ExecuteAsync(Values(command, ("pred", this.P("pred")), ("truth", this.P("truth")), ("out", this.P("truth"))), CommandContext.Silent()));
        Assert.Equal("out", p.Key);
    }

    private static ParameterValues Values(ScoreCommand command, params (string Key, string Text)[] given) => CommandValues.Of(command, given);

    private static float[] Max(float[] a, float[] b) => [.. a.Zip(b, Math.Max)];

    private string P(string relative) => Path.Combine(this.scratch.Path, relative);

    private void WritePng(string relative, float[] plane, bool invert)
    {
        var path = this.P(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = plane.Select(v => (byte)((v > 0.5f) ^ invert ? 255 : 0)).ToArray();
        using var stream = File.Create(path);
        PngEncoder.WriteGray8(stream, bytes, Width, Height);
    }
}
