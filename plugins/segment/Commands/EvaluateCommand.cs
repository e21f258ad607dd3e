using System.Globalization;
using System.Text.Json;
using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Segment.Evaluation;

namespace Dislocate.Segment.Commands;

/// <summary>
/// <c>segment evaluate --pred &lt;tif&gt; --truth &lt;tif&gt;</c>: the matching Dice loss and spline-length metric of a
/// predicted instance-mask stack against a ground-truth one, printed, as a table and as JSON.
/// </summary>
/// <remarks>
/// Truth pages: any non-zero pixel is foreground; pages with none are not dislocations and are left out (listed in the
/// JSON). Prediction pages: 8-bit masks or probabilities (value / 255), 16-bit (value / 65535) or 32-bit float
/// probabilities in [0, 1]. Pages are numbered from 1 in the outputs, as ImageJ numbers slices.
/// </remarks>
internal sealed class EvaluateCommand : IPluginCommand
{
    private static readonly ParameterSpec<string> Pred = Parameter.Path("pred", "Predicted masks (TIFF)", ParameterKind.InputFile, "Predicted masks, one page each: 8-bit masks, or 16/32-bit probabilities.", required: true);

    private static readonly ParameterSpec<string> Truth = Parameter.Path("truth", "True masks (TIFF)", ParameterKind.InputFile, "Ground-truth masks, one page per dislocation; non-zero = foreground.", required: true);

    private static readonly ParameterSpec<string> Out = Parameter.Path("out", "Output (JSON file)", ParameterKind.OutputFile, $"Where to write the JSON result (default: next to the prediction file, <name>{DefaultJsonSuffix}).");

    private static readonly ParameterSpec<string> MatchingParameter = Parameter.Choice("matching", "Matching", "greedy", ["greedy", "optimal"], "Pairing of truths and predictions: greedy = the paper's Algorithm 1, optimal = Hungarian.");

    /// <summary>Suffix of the JSON written next to the prediction file when no <c>--out</c> is given.</summary>
    public const string DefaultJsonSuffix = ".evaluation.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public CommandDescriptor Descriptor { get; } = new(
        "evaluate",
        "Evaluate Segmentation",
        "Segment",
        "Matching Dice loss and spline-length metric of predicted instance masks against ground-truth masks (multi-page TIFFs, one page per instance).",
        [
            Pred,
            Truth,
            Out,
            MatchingParameter,
        ]);

    public Task<CommandResult> ExecuteAsync(ParameterValues parameters, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        var predPath = parameters.Get(Pred);
        var truthPath = parameters.Get(Truth);
        var outPath = parameters.GetOptional(Out) ?? Path.ChangeExtension(predPath, null) + DefaultJsonSuffix;
        if (!Matching.TryParse(parameters.Get(MatchingParameter), out var mode))
        {
            throw new ParameterException(MatchingParameter.Key, $"'{parameters.Get(MatchingParameter)}' is not greedy or optimal");
        }

        return Task.Run(
            () =>
            {
                var truthFile = TiffStackReader.Read(truthPath);
                var predFile = TiffStackReader.Read(predPath);
                context.Cancellation.ThrowIfCancellationRequested();
                if (truthFile.Width != predFile.Width || truthFile.Height != predFile.Height)
                {
                    throw new InputFileException(
                        predPath,
                        null,
                        $"its pages are {predFile.Width}×{predFile.Height} pixels but the ground truth {truthPath} has {truthFile.Width}×{truthFile.Height}; both stacks must have the same size");
                }

                var (truths, truthPages, emptyPages) = ReadTruth(truthFile, truthPath);
                var predictions = ReadPredictions(predFile, predPath);
                var options = MetricOptions.Default with { Matching = mode };
                var result = SplineLengthMetric.Evaluate(truths, predictions, options);
                var document = Document(predPath, truthPath, predFile, options, truthFile.Pages.Count, truthPages, emptyPages, result);
                AtomicFile.WriteAllText(outPath, JsonSerializer.Serialize(document, JsonOptions) + "\n");
                return CommandResult.Of(Summary(result, mode, emptyPages.Length, outPath), Table(Path.GetFileNameWithoutExtension(predPath), document), new FileOutput("evaluation", outPath));
            },
            context.Cancellation);
    }

    /// <summary>The truth planes as 0/255 bytes, with the 1-based page number of each and the pages that hold no foreground.</summary>
    internal static (MaskStack Truths, int[] Pages, int[] EmptyPages) ReadTruth(TiffFile file, string path)
    {
        var planes = new List<ReadOnlyMemory<byte>>();
        var pages = new List<int>();
        var empty = new List<int>();
        for (var k = 0; k < file.Pages.Count; k++)
        {
            var page = file.Pages[k];
            var mask = new byte[page.Width * page.Height];
            var any = false;
            for (var i = 0; i < mask.Length; i++)
            {
                // Any non-zero sample is foreground, whatever the bit depth.
                var on = page.SampleType switch
                {
                    TiffSampleType.Gray8 => page.Bytes![i] != 0,
                    TiffSampleType.Gray16 => page.UInt16s![i] != 0,
                    _ => page.Floats![i] != 0,
                };
                mask[i] = on ? byte.MaxValue : (byte)0;
                any |= on;
            }

            if (any)
            {
                planes.Add(mask);
                pages.Add(k + 1);
            }
            else
            {
                empty.Add(k + 1);
            }
        }

        if (planes.Count == 0)
        {
            throw new InputFileException(path, null, $"all {file.Pages.Count} page(s) are empty: there is no ground-truth dislocation to evaluate against");
        }

        return (MaskStack.FromBytes(file.Width, file.Height, planes), pages.ToArray(), empty.ToArray());
    }

    /// <summary>
    /// The prediction planes as values in [0, 1]: 8-bit pages as they are (read as value / 255), otherwise floats;
    /// a float page outside [0, 1] is an error naming the page and pixel.
    /// </summary>
    internal static MaskStack ReadPredictions(TiffFile file, string path)
    {
        if (file.Pages.All(p => p.SampleType == TiffSampleType.Gray8))
        {
            return MaskStack.FromBytes(file.Width, file.Height, file.Pages.Select(p => (ReadOnlyMemory<byte>)p.Bytes));
        }

        var planes = new float[file.Pages.Count][];
        for (var k = 0; k < planes.Length; k++)
        {
            var plane = file.Pages[k].ToGrayImage().Pixels;
            for (var i = 0; i < plane.Length; i++)
            {
                if (!(plane[i] >= 0 && plane[i] <= 1))
                {
                    throw new InputFileException(
                        path,
                        $"page {k + 1}",
                        string.Create(CultureInfo.InvariantCulture, $"pixel ({i % file.Width}, {i / file.Width}) is {plane[i]}; probabilities must lie in [0, 1]"));
                }
            }

            planes[k] = plane;
        }

        return MaskStack.FromArrays(file.Width, file.Height, planes);
    }

    private static EvaluationDocument Document(string predPath, string truthPath, TiffFile pred, MetricOptions options, int truthPageCount, int[] truthPages, int[] emptyPages, MetricResult result) => new(
        "dislocate segment evaluate",
        SegmentPlugin.Version,
        Path.GetFullPath(predPath),
        Path.GetFullPath(truthPath),
        pred.Width,
        pred.Height,
        new OptionsDocument(Matching.Name(options.Matching), options.Epsilon, options.Threshold, options.MinPixels, options.KeepLargestComponent, options.KnotSpacing),
        truthPageCount,
        emptyPages,
        pred.Pages.Count,
        result.MatchingLoss,
        result.Metric,
        result.Scored,
        result.DegenerateTruths,
        result.UnmatchedTruths,
        result.Dislocations.Select(d => new DislocationDocument(
            truthPages[d.Truth],
            d.Prediction >= 0 ? d.Prediction + 1 : null,
            d.DiceLoss,
            d.TruthLength,
            d.PredictionLength,
            d.Score)).ToArray());

    private static string Summary(MetricResult result, MatchingMode mode, int emptyPages, string outPath)
    {
        var metric = result.Metric is { } m ? m.ToString("F4", CultureInfo.InvariantCulture) : "n/a (no scorable ground truth)";
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"Matching loss {result.MatchingLoss:F4} ({Matching.Name(mode)}), metric {metric} over {result.Scored} of {result.TruthCount} ground-truth dislocations; {result.PredictionCount} predicted masks");
        var notes = new List<string>();
        if (result.DegenerateTruths > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{result.DegenerateTruths} truth(s) with no line skipped"));
        }

        if (result.UnmatchedTruths > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{result.UnmatchedTruths} truth(s) without a prediction scored 0"));
        }

        if (emptyPages > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{emptyPages} empty truth page(s) ignored"));
        }

        return text + (notes.Count > 0 ? " (" + string.Join("; ", notes) + ")" : string.Empty) + $"; wrote {outPath}.";
    }

    private static TableOutput Table(string name, EvaluationDocument document) => new(
        $"Evaluation of {name}",
        ["truth page", "prediction page", "dice loss", "truth length (px)", "prediction length (px)", "score"],
        document.Dislocations.Select(d => (IReadOnlyList<object>)
        [
            d.TruthPage,
            d.PredictionPage ?? 0, // 0: no prediction was left for this truth.
            d.DiceLoss,
            d.TruthLength,
            d.PredictionLength,
            d.Score ?? double.NaN, // NaN: the truth's own line is degenerate and was not scored.
        ]).ToArray());

    /// <summary>The JSON result.</summary>
    internal sealed record EvaluationDocument(
        string Tool,
        string Version,
        string PredictionFile,
        string TruthFile,
        int Width,
        int Height,
        OptionsDocument Options,
        int TruthPages,
        int[] EmptyTruthPages,
        int PredictionPages,
        double MatchingLoss,
        double? Metric,
        int Scored,
        int DegenerateTruths,
        int UnmatchedTruths,
        DislocationDocument[] Dislocations);

    /// <summary>The options used, in the JSON result.</summary>
    internal sealed record OptionsDocument(string Matching, double Epsilon, double Threshold, int MinPixels, bool KeepLargestComponent, double KnotSpacing);

    /// <summary>One ground-truth dislocation's row in the JSON result (pages 1-based; prediction page null when unmatched, score null when not scored).</summary>
    internal sealed record DislocationDocument(int TruthPage, int? PredictionPage, double DiceLoss, double TruthLength, double PredictionLength, double? Score);
}
