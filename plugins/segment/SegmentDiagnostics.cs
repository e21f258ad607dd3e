using System.Globalization;
using Dislocate.Contracts;
using Dislocate.Segment.Inference;
using Dislocate.Segment.Model;
using Dislocate.Segment.Torch;
using TorchSharp;

namespace Dislocate.Segment;

/// <summary>
/// What <c>dislocate doctor</c> checks for the segment plugin: the default model and ONNX Runtime (required: inference),
/// libtorch (optional: training, fine-tuning and CUDA; an inference-only release has none) and whether oneDNN's
/// training gradients are right on this CPU.
/// </summary>
internal static class SegmentDiagnostics
{
    private const string Reinstall = "reinstall Dislocate (packaging/install.sh) or rebuild it (./test.sh builds the layout)";

    /// <summary>Every check, each one guarded: one that throws is a failed check, never a crash.</summary>
    public static IReadOnlyList<DiagnosticCheck> Run() =>
    [
        Guard("default model", "segment run --model FILE works without it; " + Reinstall, DefaultModelCheck),
        Guard("ONNX Runtime", Reinstall + "; 'segment run --engine torch' works without it", () => new DiagnosticCheck("ONNX Runtime", true, $"{Onnx.OnnxTileNetwork.RuntimeVersion}, CUDA provider: {(Onnx.OnnxTileNetwork.CudaAvailable ? "yes" : "no")}")),
        Guard("libtorch", "training, fine-tuning and CUDA inference need it (an inference-only release leaves it out): " + Reinstall, LibtorchCheck, required: false),
        Guard("training kernels", "training still works on ATen's kernels, about twice as slow", KernelCheck, required: false),
    ];

    private static DiagnosticCheck DefaultModelCheck()
    {
        if (DefaultModel.Path is not { } path)
        {
            return new DiagnosticCheck("default model", false, $"not installed (expected {DefaultModel.ShippedPath})", "segment run --model FILE works without it; " + Reinstall);
        }

        return new DiagnosticCheck("default model", true, $"{DefaultModel.NameAndVersion(ModelFile.ReadMetadata(path), path)}, {path}");
    }

    private static DiagnosticCheck LibtorchCheck()
    {
        if (!TorchRuntime.LibtorchInstalled)
        {
            return new DiagnosticCheck("libtorch", false, TorchRuntime.NotInstalledMessage, "install the full release to train", Required: false);
        }

        TorchRuntime.EnsureInitialized();
        using var sum = torch.ones(2, 2).sum();
        var ok = sum.item<float>() == 4;
        return new DiagnosticCheck("libtorch", ok, $"{torch.__version__}, CUDA available: {(torch.cuda.is_available() ? "yes" : "no")}, {torch.get_num_threads()} CPU threads", ok ? null : Reinstall);
    }

    private static DiagnosticCheck KernelCheck()
    {
        if (!TorchRuntime.LibtorchInstalled)
        {
            return new DiagnosticCheck("training kernels", true, "not checked: no libtorch (inference-only release)", Required: false);
        }

        TorchRuntime.EnsureInitialized();
        if (TorchRuntime.MkldnnDisabled)
        {
            return new DiagnosticCheck("training kernels", true, $"oneDNN switched off ({TorchRuntime.MkldnnVariable}=0): ATen's kernels", Required: false);
        }

        var result = KernelProbe.Run();
        var detail = string.Create(CultureInfo.InvariantCulture, $"oneDNN gradients {(result.Passed ? "correct" : "WRONG")} (largest relative error {result.RelativeError:E1} against float64); training uses {(result.Passed ? "oneDNN" : "ATen")}");
        return new DiagnosticCheck("training kernels", result.Passed, detail, result.Passed ? null : "training still works on ATen's kernels, about twice as slow", Required: false);
    }

    private static DiagnosticCheck Guard(string name, string fix, Func<DiagnosticCheck> check, bool required = true)
    {
        try
        {
            return check() with { Required = required };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var message = e.Message.Length > 300 ? e.Message[..300] + "…" : e.Message;
            return new DiagnosticCheck(name, false, message.ReplaceLineEndings(" "), fix, required);
        }
    }
}
