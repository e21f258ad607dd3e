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
    /// The engine for <paramref name="choice"/>. <c>auto</c> takes ONNX Runtime wherever it can run the job (a CPU device,
    /// tiled prediction; measured faster here, see README "Inference engines") and libtorch otherwise (CUDA builds,
    /// <c>--resize</c>). An .onnx model needs the ONNX engine.
    /// </summary>
    public static InferenceEngine Resolve(string choice, string modelPath, string device, bool resize)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        var onnxFile = IsOnnxFile(modelPath);
        var onnxPossible = device != "cuda" && !resize && !CudaBuild;
        return choice switch
        {
            "torch" when onnxFile => throw new ParameterException("engine", $"'{Path.GetFileName(modelPath)}' is an ONNX model, which only the onnx engine runs"),
            "torch" => InferenceEngine.Torch,
            "onnx" when device == "cuda" => throw new ParameterException("engine", "the onnx engine runs on the CPU in this build; use --device cpu, or --engine torch for CUDA"),
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
