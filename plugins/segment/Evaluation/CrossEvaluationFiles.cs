using System.Globalization;
using System.Text;
using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Core.Plotting;

namespace Dislocate.Segment.Evaluation;

/// <summary>
/// Writes a cross-evaluation into a folder, each file atomically: <c>matrix.csv</c> (mean metric, models × datasets),
/// <c>matrix_long.csv</c> (one row per model and dataset with counts, mean and median metric, mean loss and the share of
/// ground-truth dislocations matched one to one),
/// <c>per_image.csv</c>, <c>matrix.png</c> (the heat map of Fig. 9a) and per model
/// <c>metric_vs_dislocations_&lt;model&gt;.png</c> (image metrics grouped by ground-truth dislocation count, Fig. 9b).
/// </summary>
/// <remarks>Numbers are written round-trippable in invariant culture; a cell without scored images is left empty.</remarks>
internal static class CrossEvaluationFiles
{
    /// <summary>Header of <c>per_image.csv</c>.</summary>
    public const string PerImageHeader = "model,dataset,image,dislocations,metric,loss,matched";

    /// <summary>Header of <c>matrix_long.csv</c>.</summary>
    public const string LongHeader = "model,dataset,images,skipped,mean_metric,median_metric,mean_loss,dislocations,matched,matched_share";

    /// <summary>Writes every file into <paramref name="folder"/> (created when missing) and returns them.</summary>
    public static IReadOnlyList<FileOutput> Write(string folder, CrossEvaluationResult result)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(folder);
        var files = new List<FileOutput>
        {
            WriteText(folder, "matrix", "matrix.csv", MatrixCsv(result)),
            WriteText(folder, "matrix (long)", "matrix_long.csv", LongCsv(result)),
            WriteText(folder, "per image", "per_image.csv", PerImageCsv(result)),
        };

        var heatmap = new HeatmapChart("Cross-evaluation: mean spline-length metric", result.Models, result.Datasets, result.MeanMetrics(), "dataset", "model")
        {
            Min = 0,
            Max = 1,
        };
        var matrixPng = Path.Combine(folder, "matrix.png");
        ChartRenderer.WritePng(matrixPng, ChartRenderer.RenderPng(heatmap));
        files.Add(new FileOutput("matrix plot", matrixPng));

        var stems = PlotStems(result.Models);
        for (var m = 0; m < result.Models.Count; m++)
        {
            var model = result.Models[m];
            var groups = result.Images
                .Where(i => i.Model == model)
                .GroupBy(i => i.Dislocations)
                .OrderBy(g => g.Key)
                .Select(g => (g.Key.ToString(CultureInfo.InvariantCulture), g.Select(i => i.Metric).ToArray()))
                .ToList();
            var chart = new BoxChart($"Metric vs number of dislocations: {model} (all datasets)", "ground-truth dislocations in the image", "spline-length metric", groups);
            var path = Path.Combine(folder, $"metric_vs_dislocations_{stems[m]}.png");
            ChartRenderer.WritePng(path, ChartRenderer.RenderPng(chart));
            files.Add(new FileOutput($"metric vs dislocations ({model})", path));
        }

        return files;
    }

    /// <summary>The matrix of mean metrics: a header of dataset labels, then one row per model.</summary>
    internal static string MatrixCsv(CrossEvaluationResult result)
    {
        var text = new StringBuilder();
        text.Append("model");
        foreach (var dataset in result.Datasets)
        {
            text.Append(',').Append(Csv(dataset));
        }

        text.Append('\n');
        for (var m = 0; m < result.Models.Count; m++)
        {
            text.Append(Csv(result.Models[m]));
            for (var d = 0; d < result.Datasets.Count; d++)
            {
                text.Append(',').Append(Number(result.Cell(m, d).MeanMetric));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>One row per model and dataset.</summary>
    internal static string LongCsv(CrossEvaluationResult result)
    {
        var text = new StringBuilder(LongHeader).Append('\n');
        foreach (var c in result.Cells)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Csv(c.Model)},{Csv(c.Dataset)},{c.Images},{c.Skipped},{Number(c.MeanMetric)},{Number(c.MedianMetric)},{Number(c.MeanLoss)},{c.Dislocations},{c.Matched},{Number(c.MatchedShare)}\n");
        }

        return text.ToString();
    }

    /// <summary>One row per scored image.</summary>
    internal static string PerImageCsv(CrossEvaluationResult result)
    {
        var text = new StringBuilder(PerImageHeader).Append('\n');
        foreach (var i in result.Images)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Csv(i.Model)},{Csv(i.Dataset)},{Csv(i.Image)},{i.Dislocations},{Number(i.Metric)},{Number(i.Loss)},{i.Matched}\n");
        }

        return text.ToString();
    }

    /// <summary>File-name-safe stems of the model labels (other characters become '_'), made distinct by a numeric suffix.</summary>
    internal static string[] PlotStems(IReadOnlyList<string> models)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var stems = new string[models.Count];
        for (var m = 0; m < models.Count; m++)
        {
            var safe = new string(models[m].Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_').ToArray());
            var stem = safe;
            for (var k = 2; !used.Add(stem); k++)
            {
                stem = string.Create(CultureInfo.InvariantCulture, $"{safe}_{k}");
            }

            stems[m] = stem;
        }

        return stems;
    }

    private static FileOutput WriteText(string folder, string name, string file, string text)
    {
        var path = Path.Combine(folder, file);
        AtomicFile.WriteAllText(path, text);
        return new FileOutput(name, path);
    }

    private static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    private static string Csv(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
}
