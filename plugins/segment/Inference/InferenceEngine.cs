using Dislocate.Contracts;

namespace Dislocate.Segment.Inference;

/// <summary>The engine that runs a segmentation network: libtorch through TorchSharp, or ONNX Runtime.</summary>
internal enum InferenceEngine
{
    /// <summary>TorchSharp and libtorch: CPU or CUDA, tiles or whole-image resampling.</summary>
    Torch,

    /// <summary>ONNX Runtime on the CPU: no libtorch loaded; runs .dislocate models (converted in memory) and .onnx files.</summary>
    Onnx,
}

/// <summary>Chooses the engine for <c>--engine auto|torch|onnx</c>.</summary>
internal static class EngineChoice
{
    /// <summary>The values of the <c>engine</c> parameter.</summary>
    public static readonly IReadOnlyList<string> Choices = ["auto", "torch", "onnx"];

    /// <summary>True when a model file is an ONNX model rather than a .dislocate file.</summary>
    public static bool IsOnnxFile(string modelPath) => modelPath.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The engine for <paramref name="choice"/>. <c>auto</c> takes ONNX Runtime wherever it can run the job (tiled
    /// prediction on the CPU, or on CUDA when its CUDA provider is built in; measured faster on the CPU here, see README
    /// "Inference engines") and libtorch otherwise (<c>--resize</c>, CUDA through a CUDA libtorch build). An .onnx
    /// model needs the ONNX engine.
    /// </summary>
    /// <param name="choice">auto, torch or onnx.</param>
    /// <param name="modelPath">The model file (.onnx files need the ONNX engine).</param>
    /// <param name="device">auto, cpu or cuda.</param>
    /// <param name="resize">Whether whole images are resampled (torch only).</param>
    /// <param name="onnxCuda">Whether ONNX Runtime has its CUDA provider; null = ask it (only when a GPU may be used).</param>
    public static InferenceEngine Resolve(string choice, string modelPath, string device, bool resize, bool? onnxCuda = null)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        var onnxFile = IsOnnxFile(modelPath);
        var ortCuda = device != "cpu" && (onnxCuda ?? Onnx.OnnxTileNetwork.CudaAvailable);
        // A GPU build of libtorch beats ONNX Runtime on the CPU; ONNX Runtime with CUDA is preferred where it exists.
        var onnxPossible = !resize && (device == "cuda" ? ortCuda : (device == "cpu" || ortCuda || !CudaBuild));
        return choice switch
        {
            "torch" when onnxFile => throw new ParameterException("engine", $"'{Path.GetFileName(modelPath)}' is an ONNX model, which only the onnx engine runs"),
            "torch" => InferenceEngine.Torch,
            "onnx" when device == "cuda" && !ortCuda => throw new ParameterException("engine", "this build's ONNX Runtime has no CUDA provider (build with -p:OnnxBackend=cuda); use --device cpu, or --engine torch for CUDA"),
            "onnx" when resize => throw new ParameterException("resize", "resampling whole images runs on the torch engine only; use --engine torch or tile (the default)"),
            "onnx" => InferenceEngine.Onnx,
            "auto" when onnxFile => resize ? throw new ParameterException("resize", "an ONNX model tiles; --resize needs a .dislocate model") : InferenceEngine.Onnx,
            "auto" => onnxPossible ? InferenceEngine.Onnx : InferenceEngine.Torch,
            _ => throw new ParameterException("engine", $"'{choice}' is not one of {string.Join(", ", Choices)}"),
        };
    }

#if TORCH_CUDA
    private const bool CudaBuild = true;
#else
    private const bool CudaBuild = false;
#endif
}
