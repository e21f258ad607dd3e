using System.Globalization;
using Dislocate.Segment.Inference;
using Microsoft.ML.OnnxRuntime;

namespace Dislocate.Segment.Onnx;

/// <summary>
/// Tiles through an ONNX model in ONNX Runtime on the CPU: no libtorch is loaded, so start-up is faster and memory smaller.
/// </summary>
/// <remarks>
/// One session per network, graph optimisations on (ORT fuses Conv + Relu and picks its own kernels), intra-op threads as
/// given, sequential execution (one tile batch at a time, like the torch engine). The session's first input and first
/// output are the image and the logits, whatever their names, so ONNX models made elsewhere run if they follow the
/// convention of <see cref="OnnxExporter"/>.
/// </remarks>
internal sealed class OnnxTileNetwork : ITileNetwork
{
    private readonly InferenceSession session;
    private readonly RunOptions run = new();
    private readonly string inputName;
    private readonly string outputName;
    private readonly int threads;
    private readonly bool cuda;

    /// <summary>
    /// Opens a session for the serialised model <paramref name="model"/>; <paramref name="source"/> names it in errors.
    /// With <paramref name="cuda"/> the session runs on ONNX Runtime's CUDA execution provider (device 0).
    /// </summary>
    public OnnxTileNetwork(byte[] model, int threads, string source, bool cuda = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        this.threads = threads > 0 ? threads : Environment.ProcessorCount;
        this.cuda = cuda;
        using var options = new SessionOptions
        {
            IntraOpNumThreads = this.threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        if (cuda)
        {
            options.AppendExecutionProvider_CUDA(0);
        }

        try
        {
            this.session = new InferenceSession(model, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new Contracts.InputFileException(source, null, $"is not an ONNX model ONNX Runtime can run: {e.Message}", e);
        }

        if (this.session.InputMetadata.Count != 1 || this.session.OutputMetadata.Count < 1)
        {
            this.session.Dispose();
            throw new Contracts.InputFileException(source, "graph", $"has {this.session.InputMetadata.Count} inputs; a segmentation model takes one image [batch, 1, height, width]");
        }

        this.inputName = this.session.InputNames[0];
        this.outputName = this.session.OutputNames[0];
        var input = this.session.InputMetadata[this.inputName].Dimensions;
        var output = this.session.OutputMetadata[this.outputName].Dimensions;
        if (input.Length != 4 || (input[1] != 1 && input[1] > 0) || output.Length != 4 || output[1] <= 0)
        {
            this.session.Dispose();
            throw new Contracts.InputFileException(
                source,
                "graph",
                $"takes [{string.Join(", ", input)}] and gives [{string.Join(", ", output)}]; a segmentation model takes [batch, 1, height, width] and gives [batch, masks, height, width]");
        }

        this.Outputs = output[1];
        this.Metadata = this.session.ModelMetadata.CustomMetadataMap;
    }

    /// <summary>
    /// True when this ONNX Runtime build has the CUDA execution provider compiled in (the Microsoft.ML.OnnxRuntime.Gpu.Linux
    /// package, built with <c>-p:OnnxBackend=cuda</c>); whether a device and its libraries are present shows when a
    /// session opens.
    /// </summary>
    public static bool CudaAvailable => LazyCuda.Value;

    private static Lazy<bool> LazyCuda { get; } = new(() => OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider", StringComparer.Ordinal));

    /// <summary>The ONNX Runtime version in use, e.g. <c>1.32.0</c>.</summary>
    public static string RuntimeVersion => OrtEnv.Instance().GetVersionString();

    /// <inheritdoc/>
    public int Outputs { get; }

    /// <summary>The model's metadata_props.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The model's arithmetic: <c>float32</c>, or <c>int8</c> for a QDQ model from <see cref="OnnxInt8Quantizer"/> (set by <see cref="OnnxModels"/> from its record).</summary>
    public string Precision { get; internal set; } = "float32";

    /// <inheritdoc/>
    public string Engine => string.Create(CultureInfo.InvariantCulture, $"onnxruntime {RuntimeVersion} ({(this.cuda ? "cuda" : "cpu")}, {this.Precision}, {this.threads} threads)");

    /// <inheritdoc/>
    public void Run(ReadOnlySpan<float> tiles, int count, int height, int width, Span<float> probabilities)
    {
        long[] shape = [count, 1, height, width];
        using var input = OrtValue.CreateTensorValueFromMemory(tiles.ToArray(), shape);
        using var results = this.session.Run(this.run, [this.inputName], [input], [this.outputName]);
        var logits = results[0];
        var dims = logits.GetTensorTypeAndShape().Shape;
        long[] expected = [count, this.Outputs, height, width];
        if (!dims.SequenceEqual(expected))
        {
            throw new InvalidOperationException($"The ONNX model returned [{string.Join(", ", dims)}] for [{string.Join(", ", shape)}]; expected [{string.Join(", ", expected)}].");
        }

        var values = logits.GetTensorDataAsSpan<float>();
        for (var i = 0; i < values.Length; i++)
        {
#pragma warning disable RS0030 // the logits themselves differ in their last bits between CPUs (ONNX Runtime picks kernels per ISA), so a bit-exact sigmoid would buy nothing here, and float exp keeps it fast
            probabilities[i] = 1f / (1f + MathF.Exp(-values[i]));
#pragma warning restore RS0030
        }
    }

    /// <inheritdoc/>
    public float[][] RunResized(float[] image, int width, int height, int size) =>
        throw new Contracts.ParameterException("resize", "resampling whole images runs on the torch engine only; use --engine torch or tile (the default)");

    /// <inheritdoc/>
    public void Dispose()
    {
        this.session.Dispose();
        this.run.Dispose();
    }
}
