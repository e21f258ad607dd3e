using System.Globalization;
using System.Text;
using System.Text.Json;
using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Segment.Evaluation;

namespace Dislocate.Segment.Commands;

/// <summary>
/// <c>segment score</c>: centre-line F1, precision and recall of predicted line masks against true ones at a pixel
/// tolerance, per frame (CSV) and overall (JSON); the product's real-data score (see <see cref="CentreLines"/>).
/// </summary>
/// <remarks>
/// Frames pair by name (file stems, or page numbers of stacks). Frames present on one side only are listed in the JSON
/// and not scored; no pair at all is an error. Overall figures pool the centre-line pixels of every frame (so long lines
/// weigh more than short ones); the mean of the per-frame F1 is reported beside them.
/// </remarks>
internal sealed class ScoreCommand : IPluginCommand
{
    private static readonly ParameterSpec<string> Pred = Parameter.RequiredText("pred", "Predicted masks", "A 'segment run' output folder (its labels/), a folder of mask images, a multi-page TIFF or one image.");

    private static readonly ParameterSpec<string> Truth = Parameter.RequiredText("truth", "True masks", "True line masks: a folder of images, a multi-page TIFF (a hyperstack's channels are one frame) or one image; any value other than the background (the most frequent value) is a line.");

    private static readonly ParameterSpec<string> Out = Parameter.Path("out", "Output (folder)", ParameterKind.OutputFolder, "Folder for scores.csv (one row per frame) and score.json (overall).", required: true);

    private static readonly ParameterSpec<double> Tolerance = Parameter.Real("tolerance", "Tolerance (px)", CentreLines.DefaultTolerance, 0, 100, "A centre-line pixel counts as found when one of the other side lies within this distance.");

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public CommandDescriptor Descriptor { get; } = new(
        "score",
        "Score Line Masks",
        "Segment",
        "Centre-line F1 at a pixel tolerance of predicted line masks (a 'segment run' folder, mask images or a stack) against true masks.",
        [
            // Text, not InputFolder: each may be a file or a folder; LineMaskFrames checks it and names it in errors.
            Pred,
            Truth,
            Out,
            Tolerance,
        ]);

    public Task<CommandResult> ExecuteAsync(ParameterValues parameters, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        var predPath = context.ResolvePath(parameters.Get(Pred));
        var truthPath = context.ResolvePath(parameters.Get(Truth));
        var folder = context.ResolvePath(parameters.Get(Out));
        var tolerance = parameters.Get(Tolerance);
        foreach (var input in new[] { predPath, truthPath })
        {
            if (Path.GetFullPath(input).TrimEnd(Path.DirectorySeparatorChar) == Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar))
            {
                throw new ParameterException(Out.Key, $"'{folder}' is an input; choose another folder so no input is overwritten");
            }
        }

        return Task.Run(
            () =>
            {
                var predicted = LineMaskFrames.Read(predPath).ToDictionary(f => f.Name, StringComparer.Ordinal);
                var truths = LineMaskFrames.Read(truthPath);
                var rows = new List<(string Name, CentreLineScore Score)>();
                var total = CentreLineScore.Empty;
                foreach (var truth in truths)
                {
                    context.Cancellation.ThrowIfCancellationRequested();
                    if (!predicted.TryGetValue(truth.Name, out var pred))
                    {
                        continue;
                    }

                    if (pred.Width != truth.Width || pred.Height != truth.Height)
                    {
                        throw new InputFileException(pred.Source, truth.Name, $"is {pred.Width}×{pred.Height}, but the true mask {truth.Source} is {truth.Width}×{truth.Height}");
                    }

                    var score = CentreLines.Score(pred.Mask, truth.Mask, truth.Width, truth.Height, tolerance);
                    rows.Add((truth.Name, score));
                    total = total.Add(score);
                    context.Progress.Report(new ProgressUpdate(rows.Count, truths.Count, truth.Name));
                }

                if (rows.Count == 0)
                {
                    throw new InputFileException(predPath, null, $"has no frame whose name matches a frame of {truthPath} (names are file stems, or <stem>_000001 … for the frames of a stack, as 'segment run' names them)");
                }

                var truthNames = truths.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
                var onlyTruth = truths.Select(t => t.Name).Where(n => !predicted.ContainsKey(n)).ToList();
                var onlyPred = predicted.Keys.Where(n => !truthNames.Contains(n)).Order(StringComparer.Ordinal).ToList();
                Directory.CreateDirectory(folder);
                var csv = new StringBuilder("frame,true_pixels,predicted_pixels,precision,recall,f1\n");
                foreach (var (name, s) in rows)
                {
                    csv.Append(CultureInfo.InvariantCulture, $"{name},{s.TruePixels},{s.PredictedPixels},{s.Precision:F4},{s.Recall:F4},{s.F1:F4}\n");
                }

                var csvPath = Path.Combine(folder, "scores.csv");
                var jsonPath = Path.Combine(folder, "score.json");
                AtomicFile.WriteAllText(csvPath, csv.ToString());
                var meanF1 = rows.Average(r => r.Score.F1);
                var json = JsonSerializer.Serialize(
                    new
                    {
                        tolerance_px = tolerance,
                        frames = rows.Count,
                        f1 = Math.Round(total.F1, 4),
                        precision = Math.Round(total.Precision, 4),
                        recall = Math.Round(total.Recall, 4),
                        mean_frame_f1 = Math.Round(meanF1, 4),
                        true_centre_pixels = total.TruePixels,
                        predicted_centre_pixels = total.PredictedPixels,
                        pred = predPath,
                        truth = truthPath,
                        frames_only_in_truth = onlyTruth,
                        frames_only_in_pred = onlyPred,
                    },
                    Indented);
                AtomicFile.WriteAllText(jsonPath, json + "\n");
                var text = string.Create(
                    CultureInfo.InvariantCulture,
                    $"Centre-line F1 at {tolerance} px over {rows.Count} frames: {total.F1:F3} (precision {total.Precision:F3}, recall {total.Recall:F3}; mean per frame {meanF1:F3}){(onlyTruth.Count + onlyPred.Count > 0 ? $"; not scored: {onlyTruth.Count} frame(s) only in the truth, {onlyPred.Count} only in the prediction" : string.Empty)}.");
                return CommandResult.Of(text, new FileOutput("scores", csvPath), new FileOutput("json", jsonPath));
            },
            context.Cancellation);
    }
}
