using System.Globalization;
using Dislocate.Contracts;
using Dislocate.Segment.Torch;
using TorchSharp;

namespace Dislocate.Segment.Commands;

/// <summary>
/// <c>segment probe-kernels</c>: checks this machine's oneDNN float32 training gradients against float64 (the check every
/// training run makes before its first step; see <see cref="TorchRuntime"/>), with whatever ISA cap the environment sets.
/// </summary>
internal sealed class ProbeKernelsCommand : IPluginCommand
{
    private static readonly ParameterSpec<long> Threads = Parameter.Whole("threads", "CPU threads (0 = all)", 0, 0, 1024, "CPU threads for Torch; 0 = all cores.");

    public CommandDescriptor Descriptor { get; } = new(
        "probe-kernels",
        "Probe CPU Kernels",
        "Segment",
        "Check that oneDNN's float32 training gradients agree with float64 on this CPU (honours ONEDNN_MAX_CPU_ISA); exit code 1 when they do not.",
        [
            Threads,
        ]);

    public Task<CommandResult> ExecuteAsync(ParameterValues parameters, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        TorchRuntime.EnsureInitialized();
        if (TorchRuntime.MkldnnDisabled)
        {
            throw new InvalidOperationException($"oneDNN is switched off in this process ({TorchRuntime.MkldnnVariable}=0); unset it to probe.");
        }

        var threads = parameters.GetInt32(Threads);
        torch.set_num_threads(threads > 0 ? threads : Environment.ProcessorCount);
        var result = KernelProbe.Run();
        var isa = Environment.GetEnvironmentVariable("ONEDNN_MAX_CPU_ISA") ?? "none";
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"oneDNN training gradients (channels-last, ISA cap {isa}): {(result.Passed ? "correct" : "WRONG")}; largest relative error against float64 {result.RelativeError:E2} over {result.Steps} steps (tolerance {KernelProbeResult.Tolerance:E0}){(result.AllFinite ? string.Empty : "; non-finite gradients")}.");
        if (!result.Passed)
        {
            throw new InvalidOperationException(text + " Training on this machine will use ATen's kernels.");
        }

        return Task.FromResult(CommandResult.Of(text));
    }
}
