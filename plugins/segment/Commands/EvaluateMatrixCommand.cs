using System.Globalization;
using Dislocate.Contracts;
using Dislocate.Segment.Evaluation;

namespace Dislocate.Segment.Commands;

/// <summary>
/// <c>segment evaluate-matrix --models a,b --datasets d1,d2 --out folder</c>: the cross-evaluation of the paper's
/// section 5.2, every model on every dataset folder, as a matrix of mean spline-length metrics (CSV, PNG heat map,
/// Fig. 9a), per-image scores and, per model, the metric against the number of dislocations (Fig. 9b).
/// </summary>
internal sealed class EvaluateMatrixCommand : IPluginCommand
{
    private static readonly ParameterSpec<string> Models = Parameter.Text("models", "Models (files, comma-separated)", null, "Trained model files (.dislocate, or .onnx as segment export writes them), separated by commas; one matrix row each.") with { Required = true };

    private static readonly ParameterSpec<string> Datasets = Parameter.Text("datasets", "Datasets (folders, comma-separated)", null, "Dataset folders written by 'synthetic generate', separated by commas; one matrix column each.") with { Required = true };

    private static readonly ParameterSpec<string> Out = Parameter.Path("out", "Output (folder)", ParameterKind.OutputFolder, "Folder for matrix.csv, matrix_long.csv, per_image.csv, matrix.png and metric_vs_dislocations_<model>.png.", required: true);

    private static readonly ParameterSpec<string> Split = Parameter.Choice("split", "Dataset part", CrossEvaluationOptions.DefaultSplit, ["test", "train"], "Which part of every dataset folder to evaluate on.");

    private static readonly ParameterSpec<long> Limit = Parameter.Whole("limit", "Images per dataset (0 = all)", 0, 0, int.MaxValue, "At most this many images of each dataset, the first by name; 0 = all.");

    private static readonly ParameterSpec<string> NamesParameter = Parameter.Text("names", "Model names (comma-separated)", null, "Row labels for the models, in order; empty = from the file or folder names.");

    private static readonly ParameterSpec<double> MatchedBelow = Parameter.Real("matched-below", "Matched below Dice loss", CrossEvaluationOptions.DefaultMatchedBelowLoss, 1e-6, 1, "A ground-truth dislocation counts as matched one to one when the matching pairs it with a prediction whose Dice loss is below this (0.5: the paper's duplicate bar).");

    public CommandDescriptor Descriptor { get; } = new(
        "evaluate-matrix",
        "Cross-Evaluate Models",
        "Segment",
        "Run several models on several generated datasets; write the matrix of mean spline-length metrics (CSV, PNG) and per-image scores.",
        [
            Models,
            Datasets,
            Out,
            Split,
            Limit,
            TrainingParameters.MatchingChoice,
            MatchedBelow,
            NamesParameter,
            TrainingParameters.Threads,
            TrainingParameters.Device,
        ]);

    public Task<CommandResult> ExecuteAsync(ParameterValues parameters, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        var modelPaths = PathList(parameters, Models, context, File.Exists, "model file");
        var datasetPaths = PathList(parameters, Datasets, context, Directory.Exists, "dataset folder");
        var modelNames = Names(parameters, modelPaths.Count) ?? CrossEvaluationLabels.ForModels(modelPaths);
        var datasetNames = CrossEvaluationLabels.ForDatasets(datasetPaths);
        if (!Matching.TryParse(parameters.Get(TrainingParameters.MatchingChoice), out var mode))
        {
            throw new ParameterException(TrainingParameters.MatchingChoice.Key, $"'{parameters.Get(TrainingParameters.MatchingChoice)}' is not greedy or optimal");
        }

        var split = parameters.Get(Split);
        var options = new CrossEvaluationOptions(split, parameters.GetInt32(Limit), MetricOptions.Default with { Matching = mode }, MatchedBelowLoss: parameters.Get(MatchedBelow));
        var folder = parameters.Get(Out);
        var evaluation = new CrossEvaluation(
            modelPaths.Select((p, i) => new CrossEvaluationModel(modelNames[i], p)).ToArray(),
            datasetPaths.Select((p, i) => new CrossEvaluationDataset(datasetNames[i], p)).ToArray(),
            options);
        return Task.Run(
            () =>
            {
                var device = TrainingParameters.Prepare(parameters);
                var result = evaluation.Run(device, context.Progress, context.Cancellation);
                context.Cancellation.ThrowIfCancellationRequested();
                var files = CrossEvaluationFiles.Write(folder, result);
                foreach (var empty in result.Cells.Where(c => c.Images == 0))
                {
                    context.Log.Warn($"{empty.Model} on {empty.Dataset}: no image had a scorable dislocation; its cell is empty.");
                }

                var summary = Summary(result, split, evaluation.ImagesPerModel, folder);
                context.Log.Info(summary);
                return new CommandResult(summary, [Table(result), .. files]);
            },
            context.Cancellation);
    }

    /// <summary>The comma-separated paths of <paramref name="parameter"/>, resolved and each checked to exist; errors name the key and the path.</summary>
    internal static IReadOnlyList<string> PathList(ParameterValues parameters, ParameterSpec<string> parameter, CommandContext context, Func<string, bool> exists, string what)
    {
        var key = parameter.Key;
        var text = parameters.GetOptional(parameter) ?? string.Empty;
        var items = text.Split(',', StringSplitOptions.TrimEntries);
        if (items.All(i => i.Length == 0))
        {
            throw new ParameterException(key, $"give at least one {what}");
        }

        if (items.Any(i => i.Length == 0))
        {
            throw new ParameterException(key, $"'{text}' has an empty entry; separate the {what}s by single commas");
        }

        var paths = items.Select(context.ResolvePath).ToArray();
        foreach (var path in paths)
        {
            if (!exists(path))
            {
                throw new ParameterException(key, $"{what} '{path}' does not exist");
            }
        }

        if (paths.GroupBy(p => p, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ParameterException(key, $"{what} '{twice.Key}' is given twice");
        }

        return paths;
    }

    private const int MaxNameLength = 80;

    /// <summary>The model labels given with <c>names</c>, or null when none are.</summary>
    private static string[]? Names(ParameterValues parameters, int models)
    {
        var text = parameters.GetOptional(NamesParameter);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var names = text.Split(',', StringSplitOptions.TrimEntries);
        if (names.Length != models)
        {
            throw new ParameterException(NamesParameter.Key, string.Create(CultureInfo.InvariantCulture, $"{names.Length} name(s) for {models} model(s); give one per model, in order"));
        }

        if (names.Any(n => n.Length == 0))
        {
            throw new ParameterException(NamesParameter.Key, $"'{text}' has an empty name");
        }

        // Labels head table rows and plot axes; a 100 000-character one kept the plotting busy for minutes.
        if (names.FirstOrDefault(n => n.Length > MaxNameLength) is { } longName)
        {
            throw new ParameterException(NamesParameter.Key, string.Create(CultureInfo.InvariantCulture, $"'{longName[..20]}…' has {longName.Length} characters; a model label may have at most {MaxNameLength}"));
        }

        if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ParameterException(NamesParameter.Key, $"'{twice.Key}' is given twice; every model needs its own label");
        }

        return names;
    }

    private static string Summary(CrossEvaluationResult result, string split, int images, string folder)
    {
        var means = result.Cells.Where(c => c.MeanMetric is not null).Select(c => c.MeanMetric!.Value).ToArray();
        var shares = result.Cells.Where(c => c.MatchedShare is not null).Select(c => c.MatchedShare!.Value).ToArray();
        var range = means.Length > 0
            ? string.Create(CultureInfo.InvariantCulture, $"mean metric {means.Min():F4} to {means.Max():F4}, {shares.Min():P1} to {shares.Max():P1} of the true dislocations matched one to one")
            : "no image had a scorable dislocation";
        var skipped = result.Skipped > 0
            ? string.Create(CultureInfo.InvariantCulture, $"; {result.Skipped} model-image pair(s) without a scorable dislocation left out")
            : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Evaluated {result.Models.Count} model(s) on {result.Datasets.Count} dataset(s) ({split} split, {images} image(s) per model): {range}{skipped}; files in {folder}.");
    }

    private static TableOutput Table(CrossEvaluationResult result) => new(
        "Cross-evaluation (mean metric)",
        ["model", .. result.Datasets],
        result.Models.Select((model, m) => (IReadOnlyList<object>)
        [
            model,
            .. result.Datasets.Select((_, d) => (object)(result.Cell(m, d).MeanMetric ?? double.NaN)), // NaN: no image was scored.
        ]).ToArray());
}
