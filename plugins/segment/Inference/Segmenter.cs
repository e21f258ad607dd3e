using Dislocate.Contracts;
using Dislocate.Core.Imaging;
using Dislocate.Segment.Evaluation;
using Dislocate.Segment.Model;
using Dislocate.Segment.PostProcessing;
using Dislocate.Segment.Torch;
using TorchSharp;

namespace Dislocate.Segment.Inference;

/// <summary>
/// The one inference entry point: a model file, tiling and post-processing options in, for each frame the
/// post-processed instances out (paper section 5.3: binarise, drop specks, merge duplicates with Dice loss &lt; 0.5,
/// split disconnected masks, lines as ordered 50-point polylines).
/// </summary>
internal sealed class Segmenter : IDisposable
{
    /// <summary>The smallest default tile side (the paper's image size).</summary>
    public const int DefaultTileSize = 512;

    private readonly UNetPlusPlus? model;
    private readonly TiledPredictor predictor;

    /// <summary>
    /// Loads <paramref name="modelPath"/> onto <paramref name="device"/> (the torch engine). A tile size of 0 (or no
    /// tiling) means max(512, the crop the model was trained at): the network is fully convolutional, so larger tiles
    /// than its training crops work and need far fewer overlapping tiles.
    /// </summary>
    public Segmenter(string modelPath, torch.Device device, TilingOptions? tiling, PostProcessingOptions postProcessing)
    {
        ArgumentNullException.ThrowIfNull(postProcessing);
        postProcessing.Validate();
        TorchRuntime.EnsureInitialized();
        (this.model, this.Metadata) = ModelFile.Load(modelPath, device);
        try
        {
            (this.PostProcessing, this.Tiling) = Settle(this.Metadata, tiling, postProcessing);
        }
        catch
        {
            this.model.Dispose();
            throw;
        }

        this.predictor = new TiledPredictor(this.model, this.Metadata, device, this.Tiling);
    }

    private Segmenter(ModelMetadata metadata, ITileNetwork network, TilingOptions? tiling, PostProcessingOptions postProcessing)
    {
        this.Metadata = metadata;
        try
        {
            (this.PostProcessing, this.Tiling) = Settle(metadata, tiling, postProcessing);
        }
        catch
        {
            network.Dispose();
            throw;
        }

        this.predictor = new TiledPredictor(network, metadata.Normalisation, this.Tiling);
    }

    /// <summary>
    /// Opens <paramref name="modelPath"/> (a .dislocate or an .onnx file) on <paramref name="engine"/>. The ONNX engine
    /// converts a .dislocate model to ONNX in memory (<see cref="Onnx.OnnxExporter"/>) and never loads libtorch.
    /// </summary>
    /// <param name="modelPath">Model file.</param>
    /// <param name="engine">The engine (see <see cref="EngineChoice.Resolve"/>).</param>
    /// <param name="device">auto, cpu or cuda (the torch engine's device).</param>
    /// <param name="threads">CPU threads; 0 = all cores.</param>
    /// <param name="tiling">Tiling (null = defaults).</param>
    /// <param name="postProcessing">Post-processing options.</param>
    public static Segmenter Open(string modelPath, InferenceEngine engine, string device, int threads, TilingOptions? tiling, PostProcessingOptions postProcessing)
    {
        ArgumentNullException.ThrowIfNull(postProcessing);
        if (engine == InferenceEngine.Torch)
        {
            return new Segmenter(modelPath, TorchDevice.Use(device, threads), tiling, postProcessing);
        }

        postProcessing.Validate(); // before the model is read, as the torch constructor does
        var (metadata, network) = Onnx.OnnxModels.Open(modelPath, threads, device);
        return new Segmenter(metadata, network, tiling, postProcessing);
    }

    /// <summary>The model's metadata.</summary>
    public ModelMetadata Metadata { get; }

    /// <summary>The engine that runs the network, e.g. <c>onnxruntime 1.32.0 (cpu, 2 threads)</c>.</summary>
    public string Engine => this.predictor.Engine;

    /// <summary>Tiling in use.</summary>
    public TilingOptions Tiling { get; }

    /// <summary>Post-processing in use.</summary>
    public PostProcessingOptions PostProcessing { get; }

    /// <summary>Probability maps of one image, one per network output.</summary>
    public float[][] Predict(GrayImage image, CancellationToken cancellation = default) => this.predictor.Predict(image, null, cancellation);

    /// <summary>
    /// Probability maps of one image resampled by <paramref name="scale"/> before the network sees it, resampled back to
    /// the image's size (<see cref="ImageResampling"/>: anti-aliased when shrinking), so post-processing and every
    /// output stay in the input's pixels.
    /// </summary>
    public float[][] Predict(GrayImage image, double scale, InferencePhases? phases, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (scale == 1)
        {
            return this.predictor.Predict(image, phases, cancellation);
        }

        phases ??= new InferencePhases();
        GrayImage scaled;
        using (phases.Time("resample"))
        {
            scaled = ImageResampling.Scale(image, scale);
        }

        var maps = this.predictor.Predict(scaled, phases, cancellation);
        using (phases.Time("resample"))
        {
            for (var i = 0; i < maps.Length; i++)
            {
                maps[i] = ImageResampling.Resize(maps[i], scaled.Width, scaled.Height, image.Width, image.Height);
            }
        }

        return maps;
    }

    /// <summary>Probability maps of one image from the network's single view, whatever <see cref="TilingOptions.Views"/> says (the scale choice was calibrated on those).</summary>
    public float[][] PredictOneView(GrayImage image, InferencePhases? phases, CancellationToken cancellation) =>
        this.predictor.Predict(image, 1, phases, cancellation);

    /// <summary>Segments one image into dislocation instances.</summary>
    public PostProcessedImage Segment(GrayImage image, CancellationToken cancellation = default) => this.Segment(image, null, cancellation);

    /// <summary>As <see cref="Segment(GrayImage, CancellationToken)"/>, adding the time of each phase to <paramref name="phases"/>.</summary>
    public PostProcessedImage Segment(GrayImage image, InferencePhases? phases, CancellationToken cancellation) => this.Segment(image, 1, phases, cancellation);

    /// <summary>
    /// As <see cref="Segment(GrayImage, InferencePhases?, CancellationToken)"/>, the network seeing the image resampled by
    /// <paramref name="scale"/> (see <see cref="Predict(GrayImage, double, InferencePhases?, CancellationToken)"/>).
    /// </summary>
    public PostProcessedImage Segment(GrayImage image, double scale, InferencePhases? phases, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(image);
        phases ??= new InferencePhases();
        var maps = this.Predict(image, scale, phases, cancellation);
        using var post = phases.Time("post-process");
        return PostProcess(maps, image.Width, image.Height, this.PostProcessing, this.Metadata.Spec.Output);
    }

    /// <summary>
    /// Instances from one image's <paramref name="maps"/>: a line map is first thinned to its crests (its plane in
    /// <paramref name="maps"/> is replaced), then <see cref="InstancePostProcessor"/> runs with <paramref name="options"/>.
    /// </summary>
    internal static PostProcessedImage PostProcess(float[][] maps, int width, int height, PostProcessingOptions options, OutputKind output)
    {
        ArgumentNullException.ThrowIfNull(maps);
        ArgumentNullException.ThrowIfNull(options);
        if (output == OutputKind.LineMap && options.CrestSigma > 0)
        {
            var crests = new float[maps[0].Length];
            LineCrests.Extract(maps[0], width, height, options.CrestSigma, options.Threshold, crests);
            maps[0] = crests;
        }

        return InstancePostProcessor.Process(MaskStack.FromArrays(width, height, maps), options);
    }

    /// <summary>
    /// The post-processing a model's outputs need: a line map holds every dislocation of the image in its one channel,
    /// so it is always split into its pieces (one dislocation each; without splitting, a macro that leaves out the
    /// <c>split</c> checkbox got one "dislocation" per frame), its pieces are not capped (an instance mask holds one
    /// dislocation and keeps at most a few pieces) and the area limit that drops confused instance masks is raised to
    /// half the image.
    /// </summary>
    public static PostProcessingOptions ForOutput(PostProcessingOptions options, OutputKind output)
    {
        ArgumentNullException.ThrowIfNull(options);
        return output == OutputKind.LineMap
            ? options with { SplitComponents = true, MaxPieces = int.MaxValue, MaxAreaFraction = Math.Max(options.MaxAreaFraction, LineMapMaxAreaFraction) }
            : options;
    }

    /// <summary>A line map covering more than this fraction of the image is noise, not lines.</summary>
    public const double LineMapMaxAreaFraction = 0.5;

    /// <inheritdoc/>
    public void Dispose()
    {
        this.predictor.Dispose();
        this.model?.Dispose();
    }

    private static (PostProcessingOptions PostProcessing, TilingOptions Tiling) Settle(ModelMetadata metadata, TilingOptions? tiling, PostProcessingOptions postProcessing)
    {
        tiling ??= new TilingOptions(TileSize: 0);
        var settled = tiling.TileSize == 0 ? tiling with { TileSize = Math.Max(DefaultTileSize, metadata.TileSize) } : tiling;
        if (settled.FindProblem() is { } problem)
        {
            throw new ParameterException(problem.Field == "tile_size" ? "tile" : problem.Field, problem.Problem);
        }

        return (ForOutput(postProcessing, metadata.Spec.Output), settled);
    }
}
