using Dislocate.Contracts;
using Dislocate.Core.Runtime;
using Dislocate.Segment.Inference;
using Dislocate.Segment.Model;
using Dislocate.Segment.Torch;
using TorchSharp;

namespace Dislocate.Segment.Commands;

/// <summary><c>segment info</c>: which Torch backend, device and thread count this installation uses.</summary>
internal sealed class InfoCommand : IPluginCommand
{
    private static readonly ParameterSpec<string> Device = Parameter.Choice("device", "Device", "auto", TorchDevice.Choices, "Device to report on: auto picks CUDA when available.");

    public CommandDescriptor Descriptor { get; } = new(
        "info",
        "Segmentation Backend Info",
        "Segment",
        "Show the Torch version, the devices it can use and its CPU thread count.",
        [
            Device,
        ]);

    public Task<CommandResult> ExecuteAsync(ParameterValues parameters, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var device = TorchDevice.Resolve(parameters.Get(Device));
        using var probe = torch.ones(2, 2, device: device).sum();
        var summary =
            $"TorchSharp {typeof(torch).Assembly.GetName().Version}, libtorch {torch.__version__}; " +
            $"device {device.type}; CUDA available: {torch.cuda.is_available()}; CPU threads: {torch.get_num_threads()}; " +
            $"kernels: {TorchRuntime.KernelDescription}; allocator: {ProcessAllocator.Describe()}; default model: {DefaultModelDescription()}; " +
            $"inference engine (--engine auto, tiled): {AutoEngine(parameters.Get(Device))}; probe sum = {probe.item<float>()}";
        return Task.FromResult(CommandResult.Of(summary));
    }

    // What 'segment run' takes with --engine auto on this device, and ONNX Runtime's version.
    private static string AutoEngine(string device) =>
        EngineChoice.Resolve("auto", DefaultModel.ShippedPath, device, resize: false) == InferenceEngine.Onnx
            ? $"onnx (ONNX Runtime {Onnx.OnnxTileNetwork.RuntimeVersion}, CPU; measured faster than libtorch here)"
            : "torch (libtorch; CUDA, or --resize)";

    private static string DefaultModelDescription()
    {
        if (DefaultModel.Path is not { } path)
        {
            return $"none installed (expected {DefaultModel.ShippedPath})";
        }

        try
        {
            var metadata = ModelFile.ReadMetadata(path);
            var int8 = DefaultModel.Int8Path is { } q ? $"; int8 export for the CPU engine (--precision auto): {q}" : "; no int8 export installed";
            return $"{DefaultModel.NameAndVersion(metadata, path)} ({metadata.Spec}; {path}{int8})";
        }
        catch (InputFileException e)
        {
            return $"unreadable: {e.Message}";
        }
    }
}
