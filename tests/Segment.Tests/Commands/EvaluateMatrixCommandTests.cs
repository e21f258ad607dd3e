using System.Globalization;
using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Hosting.Parameters;
using Dislocate.Segment.Commands;
using Dislocate.Segment.Evaluation;
using Dislocate.Segment.Tests.Evaluation;
using Dislocate.Segment.Training;

namespace Dislocate.Segment.Tests.Commands;

/// <summary>
/// <c>segment evaluate-matrix</c> with two tiny untrained models on two tiny generated datasets (their scores are
/// arbitrary, so the files are checked against each other), plus the engine's scoring and summaries on hand-made cases.
/// </summary>
public sealed class EvaluateMatrixCommandTests(TinyModel models) : IClassFixture<TinyModel>, IDisposable
{
    private const int Size = TinyModel.Size;
    private readonly TempFolder scratch = new();

    public void Dispose() => this.scratch.Dispose();

    [Fact]
    public async Task TwoModelsOnTwoDatasets_WriteAMatrixThatSummarisesThePerImageRows()
    {
        var d1 = TinyModel.WriteDataset(Path.Combine(this.scratch.Path, "d1"), 3, 5);
        var d2 = TinyModel.WriteDataset(Path.Combine(this.scratch.Path, "d2"), 2, 6);
        var folder = Path.Combine(this.scratch.Path, "matrix");
        var progress = new RecordingProgress();

        var result = await this.Evaluate(progress, ("models", $"{models.Path(1)},{models.Path(2)}"), ("datasets", $"{d1},{d2}"), ("out", folder));

        // Default labels: both files are model.dislocate, so their folders name them.
        var matrix = ReadCsv(Path.Combine(folder, "matrix.csv"));
        Assert.Equal(["model", "d1", "d2"], matrix[0]);
        Assert.Equal(["seed-1", "seed-2"], matrix.Skip(1).Select(r => r[0]));
        Assert.All(matrix.Skip(1), r => Assert.Equal(3, r.Length));

        var perImage = ReadCsv(Path.Combine(folder, "per_image.csv"));
        Assert.Equal(CrossEvaluationFiles.PerImageHeader, string.Join(',', perImage[0]));
        var rows = perImage.Skip(1).ToList();
        Assert.Equal(2 * (3 + 2), rows.Count); // every generated image has a scorable dislocation
        Assert.Equal(["000000", "000001", "000002"], rows.Where(r => r[0] == "seed-1" && r[1] == "d1").Select(r => r[2]));
        Assert.All(rows, r => Assert.InRange(int.Parse(r[3], CultureInfo.InvariantCulture), 1, 3));
        Assert.All(rows, r => Assert.InRange(Number(r[4]), 0, 1));
        Assert.All(rows, r => Assert.InRange(Number(r[5]), 0, 1));

        var table = Assert.IsType<TableOutput>(result.Outputs[0]);
        Assert.Equal(["model", "d1", "d2"], table.Columns);
        var longRows = ReadCsv(Path.Combine(folder, "matrix_long.csv"));
        Assert.Equal(CrossEvaluationFiles.LongHeader, string.Join(',', longRows[0]));
        Assert.Equal(5, longRows.Count);
        for (var m = 0; m < 2; m++)
        {
            for (var d = 0; d < 2; d++)
            {
                var (model, dataset) = (matrix[m + 1][0], matrix[0][d + 1]);
                var metrics = rows.Where(r => r[0] == model && r[1] == dataset).Select(r => Number(r[4])).ToArray();
                var losses = rows.Where(r => r[0] == model && r[1] == dataset).Select(r => Number(r[5])).ToArray();
                var mean = Number(matrix[m + 1][d + 1]);
                Assert.Equal(metrics.Average(), mean, 12);
                Assert.InRange(mean, 0, 1);
                Assert.Equal(mean, (double)table.Rows[m][d + 1]);
                var cell = longRows.Single(r => r[0] == model && r[1] == dataset);
                Assert.Equal([metrics.Length.ToString(CultureInfo.InvariantCulture), "0"], cell[2..4]);
                Assert.Equal(mean, Number(cell[4]));
                Assert.Equal(Median(metrics), Number(cell[5]), 12);
                Assert.Equal(losses.Average(), Number(cell[6]), 12);
                var dislocations = rows.Where(r => r[0] == model && r[1] == dataset).Sum(r => int.Parse(r[3], CultureInfo.InvariantCulture));
                var matched = rows.Where(r => r[0] == model && r[1] == dataset).Sum(r => int.Parse(r[6], CultureInfo.InvariantCulture));
                Assert.Equal([dislocations, matched], cell[7..9].Select(v => int.Parse(v, CultureInfo.InvariantCulture)));
                Assert.Equal((double)matched / dislocations, Number(cell[9]), 12);
            }
        }

        Assert.Equal((700, 600), PngSize(Path.Combine(folder, "matrix.png")));
        Assert.Equal((800, 500), PngSize(Path.Combine(folder, "metric_vs_dislocations_seed-1.png")));
        Assert.Equal((800, 500), PngSize(Path.Combine(folder, "metric_vs_dislocations_seed-2.png")));
        Assert.Equal(6, result.Outputs.OfType<FileOutput>().Count());
        Assert.All(result.Outputs.OfType<FileOutput>(), f => Assert.True(File.Exists(f.Path), f.Path));
        Assert.DoesNotContain(Directory.EnumerateFiles(folder), AtomicFile.IsPartial);
        Assert.Equal(new ProgressUpdate(10, 10), progress.Last with { Message = null });
    }

    [Fact]
    public async Task LimitAndNames_EvaluateTheFirstImagesUnderTheGivenLabels()
    {
        var d1 = TinyModel.WriteDataset(Path.Combine(this.scratch.Path, "d1"), 3, 5);
        var folder = Path.Combine(this.scratch.Path, "matrix");

        await this.Evaluate(null, ("models", $"{models.Path(1)},{models.Path(2)}"), ("datasets", d1), ("out", folder), ("limit", "2"), ("names", "a, b"), ("matching", "optimal"));

        var rows = ReadCsv(Path.Combine(folder, "per_image.csv")).Skip(1).ToList();
        Assert.Equal([("a", "000000"), ("a", "000001"), ("b", "000000"), ("b", "000001")], rows.Select(r => (r[0], r[2])));
        Assert.True(File.Exists(Path.Combine(folder, "metric_vs_dislocations_a.png")));
        Assert.True(File.Exists(Path.Combine(folder, "metric_vs_dislocations_b.png")));
    }

    [Fact]
    public async Task BadPathsAndNames_AreErrorsNamingTheKeyAndPath()
    {
        var d1 = TinyModel.WriteDataset(Path.Combine(this.scratch.Path, "d1"), 1, 5);
        var missingModel = Path.Combine(this.scratch.Path, "missing.dislocate");
        var missingData = Path.Combine(this.scratch.Path, "no-data");
        var model = models.Path(1);
        var outFolder = Path.Combine(this.scratch.Path, "out");

        var e1 = await Assert.ThrowsAsync<ParameterException>(() => this.Evaluate(null, ("models", $"{model},{missingModel}"), ("datasets", d1), ("out", outFolder)));
        var e2 = await Assert.ThrowsAsync<ParameterException>(() => this.Evaluate(null, ("models", model), ("datasets", $"{d1},{missingData}"), ("out", outFolder)));
        var e3 = await Assert.ThrowsAsync<ParameterException>(() => this.Evaluate(null, ("models", model), ("datasets", d1), ("out", outFolder), ("names", "a,b")));
        var e4 = await Assert.ThrowsAsync<ParameterException>(() => this.Evaluate(null, ("models", $"{model},,{model}"), ("datasets", d1), ("out", outFolder)));
        var e5 = await Assert.ThrowsAsync<InputFileException>(() => this.Evaluate(null, ("models", model), ("datasets", d1), ("out", outFolder), ("split", "train")));
        var e6 = await Assert.ThrowsAsync<ParameterException>(() => this.Evaluate(null, ("models", model), ("datasets", d1), ("out", outFolder), ("names", new string('n', 100_000))));

        Assert.Equal(("models", true), (e1.Key, e1.Message.Contains(missingModel, StringComparison.Ordinal)));
        Assert.Equal(("datasets", true), (e2.Key, e2.Message.Contains(missingData, StringComparison.Ordinal)));
        Assert.Equal(("names", true), (e3.Key, e3.Message.Contains("2 name(s) for 1 model(s)", StringComparison.Ordinal)));
        Assert.Equal("models", e4.Key);
        Assert.Equal((d1, "train"), (e5.Path, e5.Field));
        Assert.Equal(("names", true), (e6.Key, e6.Message.Contains("has 100000 characters", StringComparison.Ordinal)));
        Assert.False(Directory.Exists(outFolder));
    }

    [Fact]
    public async Task Cancelled_WritesNothing()
    {
        var d1 = TinyModel.WriteDataset(Path.Combine(this.scratch.Path, "d1"), 1, 5);
        var folder = Path.Combine(this.scratch.Path, "matrix");
        var command = new EvaluateMatrixCommand();
        var values = ParameterBinder.Bind(command.Descriptor, new Dictionary<string, string> { ["models"] = models.Path(1), ["datasets"] = d1, ["out"] = folder }, this.scratch.Path);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => command.ExecuteAsync(values, CommandContext.Silent(new CancellationToken(canceled: true))));

        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void ScoreImage_PerfectMaps_ScoreOne_EmptyMasksAreNotDislocations()
    {
        var a = MaskDrawing.Stroke(Size, Size, 8, 10, 56, 14, 1.5);
        var b = MaskDrawing.Stroke(Size, Size, 8, 40, 50, 52, 1.5);
        var sample = Sample(a, new float[Size * Size], b);
        float[][] maps = [b, MaskDrawing.Rect(Size, Size, 0, 0, Size - 1, Size - 1, 0.2f), a];

        var (dislocations, result) = CrossEvaluation.ScoreImage(sample, maps, MetricOptions.Default);

        Assert.Equal(2, dislocations);
        Assert.NotNull(result);
        Assert.Equal(1, result.Metric!.Value, 12);
        Assert.Equal(0, result.MatchingLoss, 12);
        Assert.Equal([2, 0], result.Dislocations.Select(d => d.Prediction));
        Assert.Equal(2, result.MatchedTruths(CrossEvaluationOptions.DefaultMatchedBelowLoss));
    }

    [Fact]
    public void ScoreImage_TruthWithoutPrediction_ScoresZero_NoTruthIsNoScore()
    {
        var a = MaskDrawing.Stroke(Size, Size, 8, 10, 56, 14, 1.5);
        var b = MaskDrawing.Stroke(Size, Size, 8, 40, 50, 52, 1.5);

        var (count, result) = CrossEvaluation.ScoreImage(Sample(a, b), [a], MetricOptions.Default);
        var (none, nothing) = CrossEvaluation.ScoreImage(Sample(new float[Size * Size]), [a], MetricOptions.Default);

        Assert.Equal(2, count);
        Assert.Equal(0.5, result!.Metric!.Value, 12);   // (1 + 0) / 2
        Assert.Equal(0.5, result.MatchingLoss, 12);     // (0 + 1) / 2
        Assert.Equal(1, result.MatchedTruths(0.5));
        Assert.Equal((0, null), (none, nothing));
    }

    [Fact]
    public void Summaries_MeanMedianAndEmptyCells()
    {
        // Dyadic values, so sums and means are exact in binary.
        CrossEvaluationImage Row(string model, double metric, double loss, int matched = 1) => new(model, "a", "x", 2, metric, loss, matched);
        var images = new[] { Row("m", 0.25, 0.5), Row("m", 0.75, 0.25, 2), Row("m", 0.5, 0.75, 0), Row("m", 0.125, 0.5), Row("n", 0.375, 0.625) };

        var result = CrossEvaluationResult.Create(["m", "n"], ["a", "b"], images, new int[,] { { 1, 0 }, { 0, 2 } });

        Assert.Equal(new CrossEvaluationCell("m", "a", 4, 1, 0.40625, 0.375, 0.5, 8, 4), result.Cell(0, 0)); // median (0.25 + 0.5) / 2
        Assert.Equal(0.5, result.Cell(0, 0).MatchedShare);
        Assert.Equal(new CrossEvaluationCell("m", "b", 0, 0, null, null, null), result.Cell(0, 1));
        Assert.Null(result.Cell(0, 1).MatchedShare);
        Assert.Equal(new CrossEvaluationCell("n", "a", 1, 0, 0.375, 0.375, 0.625, 2, 1), result.Cell(1, 0));
        Assert.Equal(new CrossEvaluationCell("n", "b", 0, 2, null, null, null), result.Cell(1, 1));
        Assert.Equal(3, result.Skipped);
        Assert.True(double.IsNaN(result.MeanMetrics()[1, 1]));
        Assert.Equal("model,a,b\nm,0.40625,\nn,0.375,\n", CrossEvaluationFiles.MatrixCsv(result));
        Assert.Equal(CrossEvaluationFiles.LongHeader + "\nm,a,4,1,0.40625,0.375,0.5,8,4,0.5\nm,b,0,0,,,,0,0,\nn,a,1,0,0.375,0.375,0.625,2,1,0.5\nn,b,0,2,,,,0,0,\n", CrossEvaluationFiles.LongCsv(result));
    }

    [Fact]
    public void Labels_TellModelsAndDatasetsApart()
    {
        Assert.Equal(["x", "y"], CrossEvaluationLabels.ForModels(["/a/x.dislocate", "/b/y.dislocate"]));
        Assert.Equal(["m1", "m2"], CrossEvaluationLabels.ForModels(["/runs/m1/model.dislocate", "/runs/m2/model.dislocate"]));
        Assert.Equal(["d1", "d2"], CrossEvaluationLabels.ForDatasets(["/data/d1", "/data/d2/"]));
        Assert.Equal(["p/test", "q/test"], CrossEvaluationLabels.ForDatasets(["/p/test", "/q/test"]));
        Assert.Equal(["a_b", "a_b_2", "c"], CrossEvaluationFiles.PlotStems(["a/b", "a b", "c"]));
    }

    private static TrainingSample Sample(params float[][] masks) =>
        new(Size, Size, new float[Size * Size], masks.Select(m => m.Select(v => v > 0 ? (byte)1 : (byte)0).ToArray()).ToArray(), "test");

    private static List<string[]> ReadCsv(string path) => File.ReadAllLines(path).Select(l => l.Split(',')).ToList();

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static (int, int) PngSize(string path)
    {
        var png = PngDecoder.Decode(path);
        Assert.Equal(3, png.Channels);
        return (png.Width, png.Height);
    }

    private async Task<CommandResult> Evaluate(IProgress<ProgressUpdate>? progress, params (string Key, string Value)[] options)
    {
        var command = new EvaluateMatrixCommand();
        var raw = new Dictionary<string, string> { ["threads"] = "2" };
        foreach (var (key, value) in options)
        {
            raw[key] = value;
        }

        var values = ParameterBinder.Bind(command.Descriptor, raw, this.scratch.Path);
        var context = CommandContext.Silent() with { Progress = progress ?? new RecordingProgress() };
        return await command.ExecuteAsync(values, context);
    }

    /// <summary>Keeps the last progress report, synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class RecordingProgress : IProgress<ProgressUpdate>
    {
        public ProgressUpdate Last { get; private set; }

        public void Report(ProgressUpdate value) => this.Last = value;
    }
}
