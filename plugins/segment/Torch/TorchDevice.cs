using Dislocate.Contracts;
using TorchSharp;

namespace Dislocate.Segment.Torch;

/// <summary>Chooses the Torch device: CUDA when available (or asked for), else CPU; one place so every command agrees.</summary>
internal static class TorchDevice
{
    /// <summary>The device names a user may give.</summary>
    public static readonly IReadOnlyList<string> Choices = ["auto", "cpu", "cuda"];

    /// <summary>Sets Torch's CPU threads (0 = all cores) and resolves <paramref name="choice"/>, as every Torch command starts.</summary>
    public static torch.Device Use(string choice, int threads)
    {
        TorchRuntime.EnsureInitialized();
        torch.set_num_threads(threads > 0 ? threads : Environment.ProcessorCount);
        return Resolve(choice);
    }

    /// <summary>Resolves <paramref name="choice"/> (auto, cpu, cuda) to a device; asking for CUDA where there is none is an error.</summary>
    public static torch.Device Resolve(string choice, string key = "device")
    {
        TorchRuntime.EnsureInitialized();
        var cuda = torch.cuda.is_available();
        return choice switch
        {
            "auto" => cuda ? torch.CUDA : torch.CPU,
            "cpu" => torch.CPU,
            "cuda" when cuda => torch.CUDA,
            "cuda" => throw new ParameterException(key, "CUDA is not available in this build (the CPU libtorch is installed; see README, 'GPU backends')"),
            _ => throw new ParameterException(key, $"'{choice}' is not one of auto, cpu, cuda"),
        };
    }
}
