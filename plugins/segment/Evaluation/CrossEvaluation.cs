using System.Globalization;
using Dislocate.Contracts;
using Dislocate.Core.Imaging;
using Dislocate.Segment.Inference;
using Dislocate.Segment.Model;
using Dislocate.Segment.PostProcessing;
using Dislocate.Segment.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Dislocate.Segment.Evaluation;

/// <summary>
/// The cross-evaluation of the paper's section 5.2 (Fig. 9): every model on every dataset, each image's probability
/// maps scored with the spline-length metric against its instance masks.
/// </summary>
/// <remarks>
/// Per image: the model's predicted masks, then <see cref="SplineLengthMetric"/> against the image's non-empty instance
/// masks. An instance-mask model's predictions are its probability maps (<see cref="TiledPredictor"/> at the model's own
/// tile size, so images larger than a tile are tiled); a line-map model holds every line in one map, so its predictions
/// are the instances <c>segment run</c> finds in it (crests split into pieces, one mask per piece, as written to its
/// <c>masks</c> folder) — scoring the one map as one mask would match a single truth. An image
/// with no scorable ground truth (no mask, or only masks too small for a line) has no metric; it is left out and
/// counted rather than scored as 0 or 1. Models are loaded one at a time and images read one at a time, so memory
/// holds one model and one image. The constructor opens every dataset and reads every model's header, so a wrong path
/// fails before any model runs.
/// </remarks>
internal sealed class CrossEvaluation
{
    private readonly IReadOnlyList<CrossEvaluationModel> models;
    private readonly IReadOnlyList<CrossEvaluationDataset> datasets;
    private readonly CrossEvaluationOptions options;
    private readonly DatasetFolderSamples[] samples;
    private readonly ModelMetadata[] metadata;

    /// <summary>Checks the inputs: labels non-empty and unique, every dataset holding the split, every model file readable.</summary>
    public CrossEvaluation(IReadOnlyList<CrossEvaluationModel> models, IReadOnlyList<CrossEvaluationDataset> datasets, CrossEvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(datasets);
        ArgumentNullException.ThrowIfNull(options);
        options.Metric.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Limit);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        CheckLabels(models.Select(m => m.Name).ToList(), "model", nameof(models));
        CheckLabels(datasets.Select(d => d.Name).ToList(), "dataset", nameof(datasets));
        this.models = models;
        this.datasets = datasets;
        this.options = options;
        this.samples = datasets.Select(d => new DatasetFolderSamples(d.Folder, options.Split)).ToArray();
        this.metadata = models.Select(m => EngineChoice.IsOnnxFile(m.Path) ? Onnx.OnnxModels.ReadMetadata(m.Path) : ModelFile.ReadMetadata(m.Path)).ToArray();
        this.ImagesPerModel = this.samples.Sum(s => this.ImageCount(s));
    }

    /// <summary>Images each model is run on (all datasets together, after the limit).</summary>
    public int ImagesPerModel { get; }

    /// <summary>
    /// Runs every model on every dataset on <paramref name="device"/>, reporting one progress unit per model and image
    /// and checking <paramref name="cancellation"/> before each image and network call.
    /// </summary>
    public CrossEvaluationResult Run(torch.Device device, IProgress<ProgressUpdate>? progress, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(device);
        var rows = new List<CrossEvaluationImage>();
        var skipped = new int[this.models.Count, this.datasets.Count];
        var total = (long)this.models.Count * this.ImagesPerModel;
        long done = 0;
        progress?.Report(new ProgressUpdate(0, total, "loading the first model"));
        for (var m = 0; m < this.models.Count; m++)
        {
            var model = this.models[m];
            // The tiling 'segment run' uses by default (tile 0 = max(512, the training crop), overlap 64), so the
            // matrix scores what a user's run would produce.
            var tiling = new TilingOptions(0, 64, this.options.BatchSize);
            // .dislocate files run on libtorch on the given device, .onnx files (e.g. int8 exports) on ONNX Runtime.
            using var segmenter = EngineChoice.IsOnnxFile(model.Path)
                ? Segmenter.Open(model.Path, InferenceEngine.Onnx, device.type == DeviceType.CUDA ? "cuda" : "cpu", torch.get_num_threads(), tiling, PostProcessingOptions.Default)
                : new Segmenter(model.Path, device, tiling, PostProcessingOptions.Default);
            for (var d = 0; d < this.datasets.Count; d++)
            {
                var dataset = this.datasets[d];
                var count = this.ImageCount(this.samples[d]);
                for (var i = 0; i < count; i++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    var sample = this.samples[d].Get(i);
                    var predictions = Predictions(segmenter, new GrayImage(sample.Width, sample.Height, sample.Image), cancellation);
                    var (dislocations, result) = ScoreImage(sample, predictions, this.options.Metric);
                    var name = Path.GetFileNameWithoutExtension(sample.Source);
                    if (result?.Metric is { } metric)
                    {
                        var matched = result.MatchedTruths(this.options.MatchedBelowLoss);
                        rows.Add(new CrossEvaluationImage(model.Name, dataset.Name, name, dislocations, metric, result.MatchingLoss, matched));
                    }
                    else
                    {
                        skipped[m, d]++;
                    }

                    progress?.Report(new ProgressUpdate(++done, total, string.Create(CultureInfo.InvariantCulture, $"{model.Name} on {dataset.Name}: image {i + 1} of {count}")));
                }
            }
        }

        return CrossEvaluationResult.Create(this.models.Select(m => m.Name).ToArray(), this.datasets.Select(d => d.Name).ToArray(), rows, skipped);
    }

    /// <summary>
    /// Scores one image's probability <paramref name="maps"/> against its instance masks: the number of ground-truth
    /// dislocations (non-empty masks; empty ones are not dislocations) and the metric result, null when there is none.
    /// </summary>
    internal static (int Dislocations, MetricResult? Result) ScoreImage(TrainingSample sample, float[][] maps, MetricOptions options)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(maps);
        return ScoreImage(sample, MaskStack.FromArrays(sample.Width, sample.Height, maps), options);
    }

    /// <summary>As <see cref="ScoreImage(TrainingSample, float[][], MetricOptions)"/> for predictions already stacked.</summary>
    internal static (int Dislocations, MetricResult? Result) ScoreImage(TrainingSample sample, MaskStack predictions, MetricOptions options)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(predictions);
        var truths = new List<ReadOnlyMemory<byte>>();
        foreach (var mask in sample.Masks)
        {
            if (mask.AsSpan().IndexOfAnyExcept((byte)0) < 0)
            {
                continue;
            }

            // Dataset masks are nonzero = on; MaskStack reads bytes as value / 255.
            var plane = new byte[mask.Length];
            for (var k = 0; k < mask.Length; k++)
            {
                plane[k] = mask[k] != 0 ? byte.MaxValue : (byte)0;
            }

            truths.Add(plane);
        }

        if (truths.Count == 0)
        {
            return (0, null);
        }

        var truthStack = MaskStack.FromBytes(sample.Width, sample.Height, truths);
        return (truths.Count, SplineLengthMetric.Evaluate(truthStack, predictions, options));
    }

    /// <summary>
    /// What the metric scores for one image: an instance-mask model's probability maps, or a line-map model's instances
    /// as 0/1 masks (one per piece <see cref="Segmenter.Segment(GrayImage, CancellationToken)"/> finds, none when it finds none).
    /// </summary>
    internal static MaskStack Predictions(Segmenter segmenter, GrayImage image, CancellationToken cancellation)
    {
        if (segmenter.Metadata.Spec.Output != OutputKind.LineMap)
        {
            return MaskStack.FromArrays(image.Width, image.Height, segmenter.Predict(image, cancellation));
        }

        return InstanceMasks(segmenter.Segment(image, cancellation));
    }

    /// <summary>One 0/255 plane per instance of <paramref name="segmented"/>, in label order.</summary>
    internal static MaskStack InstanceMasks(PostProcessedImage segmented)
    {
        var planes = new List<ReadOnlyMemory<byte>>(segmented.Instances.Count);
        foreach (var instance in segmented.Instances)
        {
            var plane = new byte[segmented.Width * segmented.Height];
            foreach (var pixel in instance.Pixels)
            {
                plane[pixel] = byte.MaxValue;
            }

            planes.Add(plane);
        }

        return MaskStack.FromBytes(segmented.Width, segmented.Height, planes);
    }

    private static void CheckLabels(List<string> labels, string what, string parameter)
    {
        if (labels.Count == 0)
        {
            throw new ArgumentException($"Give at least one {what}.", parameter);
        }

        if (labels.FirstOrDefault(string.IsNullOrWhiteSpace) is not null)
        {
            throw new ArgumentException($"Every {what} needs a non-empty label.", parameter);
        }

        if (labels.GroupBy(l => l, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"The {what} label '{twice.Key}' appears twice.", parameter);
        }
    }

    private int ImageCount(DatasetFolderSamples source) =>
        (int)(this.options.Limit > 0 ? Math.Min(this.options.Limit, source.Count) : source.Count);
}
