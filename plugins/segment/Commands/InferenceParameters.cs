using Dislocate.Contracts;
using Dislocate.Segment.Inference;
using Dislocate.Segment.PostProcessing;

namespace Dislocate.Segment.Commands;

/// <summary>Parameters shared by the inference commands (<c>run</c> and the ImageJ <c>image</c> command).</summary>
internal static class InferenceParameters
{
    public static ParameterSpec<string> Model { get; } = Parameter.Path("model", "Model (empty = shipped default)", ParameterKind.InputFile, $"A trained model (.dislocate file from 'segment train' or 'finetune'); empty = the shipped default model ({DefaultModel.FileName}).");

    public static ParameterSpec<double> Threshold { get; } = Parameter.Real("threshold", "Probability threshold", PostProcessingOptions.DefaultThreshold, 0.01, 1, "A pixel belongs to a mask when its probability is at least this (paper: 0.5).");

    public static ParameterSpec<double> Crest { get; } = Parameter.Real("crest", "Line thinning σ (px)", PostProcessingOptions.DefaultCrestSigma, 0, PostProcessingOptions.MaxCrestSigma, "Line-map models: keep only the crest of each line (smoothed with this σ) before binarising, so pileup lines a few pixels apart stay apart; 0 = binarise the map as it is.");

    public static ParameterSpec<string> Scale { get; } = Parameter.Text("scale", "Magnification change (auto or factor)", InputScale.Auto, "Resample the input by this factor before segmenting (0.5 = half the pixels per side), for images taken at another magnification than the model's training images; auto = 1, or 0.71, 0.5, 1.41 or 2 when the model is clearly more confident there (frames at half to twice the training magnification), chosen once on three frames of the input. Outputs stay in the input's pixels.");

    public static ParameterSpec<long> MinPixels { get; } = Parameter.Whole("min-pixels", "Smallest dislocation (pixels)", PostProcessingOptions.DefaultMinPixels, 1, 1000000, "Masks or mask pieces with fewer pixels are dropped as specks.");

    public static ParameterSpec<double> Duplicate { get; } = Parameter.Real("duplicate", "Same dislocation below Dice loss", PostProcessingOptions.DefaultDuplicateDiceLoss, 0, 1, "Two masks with a Dice loss below this are the same dislocation; the better one is kept (paper: 0.5).");

    public static ParameterSpec<bool> Split { get; } = Parameter.Flag("split", "Split disconnected masks", true, "Instance-mask models: split a mask holding several disconnected pieces into one dislocation per piece (line-map models, such as the default, always split).");

    public static ParameterSpec<double> Area { get; } = Parameter.Real("area", "Largest mask (fraction of image)", PostProcessingOptions.DefaultMaxAreaFraction, 0.001, 1, "A mask covering more of the image than this is no dislocation and is dropped.");

    public static ParameterSpec<long> Pieces { get; } = Parameter.Whole("pieces", "Pieces per mask", PostProcessingOptions.DefaultMaxPieces, 1, 1000, "A split mask keeps at most this many of its largest pieces.");

    public static ParameterSpec<double> LinkGap { get; } = Parameter.Real("link-gap", "Join broken lines across (px)", PostProcessingOptions.DefaultLinkGap, 0, PostProcessingOptions.MaxLinkGap, "Join pieces of one mask whose ends face each other across at most this many pixels, each continuing the other's direction, into one dislocation (a line broken where it fades or crosses another); 0 = no joining.");

    public static ParameterSpec<double> LinkAngle { get; } = Parameter.Real("link-angle", "Largest bend at a join (°)", PostProcessingOptions.DefaultLinkAngle, 0, 90, "Largest bend at such a join.");

    public static ParameterSpec<double> Crossing { get; } = Parameter.Real("crossing", "Split crossing lines longer than (px)", PostProcessingOptions.DefaultCrossingLength, 0, PostProcessingOptions.MaxCrossingLength, "Split a piece whose lines cross or touch into one dislocation per line at least this many pixels long, joining its branches through each junction by direction (with split); 0 = no splitting.");

    public static ParameterSpec<double> Confident { get; } = Parameter.Real("confident", "Short lines need mean probability", PostProcessingOptions.DefaultShortLineConfidence, 0, 1, "A dislocation whose line is shorter than 'short' pixels is kept only when its mean probability is at least this; 0 = keep all.");

    public static ParameterSpec<double> Short { get; } = Parameter.Real("short", "Short line below (px)", PostProcessingOptions.DefaultShortLineLength, 0, PostProcessingOptions.MaxShortLineLength, "Length in pixels below which a line must reach the 'confident' mean probability.");

    public static ParameterSpec<long> Points { get; } = Parameter.Whole("points", "Points per line", PostProcessingOptions.DefaultLinePoints, 2, 10000, "Equally spaced points per dislocation line (paper: 50).");

    public static ParameterSpec<long> Tile { get; } = Parameter.Whole("tile", "Tile size (px; 0 = auto)", 0, 0, TilingOptions.MaxTileSize, "Tile side, a multiple of 32; 0 = 512 or the model's training crop when larger.");

    public static ParameterSpec<long> Overlap { get; } = Parameter.Whole("overlap", "Tile overlap (px)", 64, 0, 4096, "Overlap between neighbouring tiles, blended smoothly.");

    public static ParameterSpec<bool> Resize { get; } = Parameter.Flag("resize", "Resize instead of tiling", false, "Resample each image to one tile instead of tiling it.");

    public static ParameterSpec<long> Views { get; } = Parameter.Whole("views", "Views averaged (1, 2, 4 or 8)", TilingOptions.DefaultViews, 1, 8, "Test-time augmentation: average the network's maps over this many mirrored or transposed copies of each image (1 = none; 2 = the image and its left-right mirror; 4 or 8); takes as many times longer.");

    public static ParameterSpec<long> Batch { get; } = Parameter.Whole("batch", "Tiles per network call", TilingOptions.DefaultBatchSize, 1, TilingOptions.MaxBatchSize, "Tiles per network call; more holds more memory and is no faster on the CPU (a GPU may gain).");

    public static ParameterSpec<string> Engine { get; } = Parameter.Choice("engine", "Inference engine", "auto", EngineChoice.Choices, "auto = ONNX Runtime on the CPU (faster here, no libtorch), libtorch for CUDA or --resize; torch; onnx (also runs .onnx models).");

    public static ParameterSpec<string> Precision { get; } = Parameter.Choice("precision", "Arithmetic (auto, fp32 or int8)", "auto", DefaultModel.Precisions, "auto = the default model's 8-bit (int8) export on the CPU engine, about twice as fast and as accurate (measured), fp32 otherwise; fp32 = always the float32 model; int8 = the int8 export (a model given must then be an int8 .onnx from 'segment export --format onnx-int8').");

    public static IEnumerable<ParameterSpec> All => [Model, Threshold, Crest, Scale, MinPixels, Duplicate, Split, Area, Pieces, LinkGap, LinkAngle, Crossing, Confident, Short, Points, Tile, Overlap, Resize, Views, Batch, Engine, Precision];

    /// <summary>
    /// The model file to run: the one given, or the default model, or its int8 export as <see cref="Precision"/> and the
    /// engine decide (see <see cref="DefaultModel.Resolve(string?, string, bool)"/>).
    /// </summary>
    public static string ModelPath(ParameterValues v)
    {
        var given = v.GetOptional(Model);
        var precision = v.Get(Precision);
        var onnxOnCpu = false;
        if (string.IsNullOrWhiteSpace(given) && precision == "auto" && DefaultModel.Int8Path is not null)
        {
            var device = v.Get(TrainingParameters.Device);
            onnxOnCpu = Onnx.OnnxModels.RunsOnCpu(device) && EngineChoice.Resolve(v.Get(Engine), DefaultModel.Resolve(null), device, v.Get(Resize)) == InferenceEngine.Onnx;
        }

        return DefaultModel.Resolve(given, precision, onnxOnCpu);
    }

    /// <summary>
    /// The segmenter for <paramref name="modelPath"/> on the engine, device and thread count given (the ONNX engine loads
    /// no libtorch), from <see cref="SegmenterCache"/>: a command repeated in one session reuses the loaded model.
    /// </summary>
    public static SegmenterCache.Lease OpenSegmenter(ParameterValues v, string modelPath, TilingOptions tiling, PostProcessingOptions postProcessing)
    {
        var device = v.Get(TrainingParameters.Device);
        var threads = v.GetInt32(TrainingParameters.Threads);
        var engine = EngineChoice.Resolve(v.Get(Engine), modelPath, device, tiling.Resize);
        return SegmenterCache.Acquire(
            SegmenterKey.Of(modelPath, engine, device, threads, tiling, postProcessing),
            () => Segmenter.Open(modelPath, engine, device, threads, tiling, postProcessing));
    }

    /// <summary>The input scale given (<c>auto</c> or a factor).</summary>
    public static InputScale ScaleOf(ParameterValues v) => InputScale.Parse(v.Get(Scale));

    /// <summary>The post-processing options given.</summary>
    public static PostProcessingOptions PostProcessing(ParameterValues v) => PostProcessingOptions.Default with
    {
        Threshold = v.Get(Threshold),
        CrestSigma = v.Get(Crest),
        MinPixels = v.GetInt32(MinPixels),
        DuplicateDiceLoss = v.Get(Duplicate),
        SplitComponents = v.Get(Split),
        LinePoints = v.GetInt32(Points),
        MaxAreaFraction = v.Get(Area),
        MaxPieces = v.GetInt32(Pieces),
        LinkGap = v.Get(LinkGap),
        LinkAngle = v.Get(LinkAngle),
        CrossingLength = v.Get(Crossing),
        ShortLineConfidence = v.Get(Confident),
        ShortLineLength = v.Get(Short),
    };

    /// <summary>The tiling options given; a tile size of 0 stands for the size the model was trained at.</summary>
    public static TilingOptions Tiling(ParameterValues v)
    {
        var tile = v.GetInt32(Tile);
        if (tile % 32 != 0)
        {
            throw new ParameterException(Tile.Key, $"{tile} is not a multiple of 32");
        }

        var views = v.GetInt32(Views);
        if (!TilingOptions.IsViewCount(views))
        {
            throw new ParameterException(Views.Key, $"{views} is not 1, 2, 4 or 8");
        }

        return new TilingOptions(tile, v.GetInt32(Overlap), v.GetInt32(Batch), v.Get(Resize), views);
    }
}
