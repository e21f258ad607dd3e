using Dislocate.Segment.Torch;
using TorchSharp;

namespace Dislocate.Segment.Tests.Torch;

public sealed class KernelProbeTests
{
    [Fact]
    public void The_kernels_training_uses_compute_gradients_that_agree_with_float64()
    {
        // The probe every training run makes: with the stem's output channels-last, oneDNN's float32 gradients agree
        // with float64 (found wrong in NCHW on the reference machine). If this fails, training falls back to ATen.
        TorchRuntime.EnsureInitialized();
        torch.set_num_threads(2);
        var result = KernelProbe.Run();
        Assert.True(result.Passed, $"relative error {result.RelativeError:E2}, finite {result.AllFinite}");
        Assert.InRange(result.RelativeError, 0, 1e-4);
    }

    [Fact]
    public void Channels_last_keeps_values_and_shape()
    {
        using var x = torch.arange(2 * 3 * 4 * 5, dtype: torch.float32).reshape(2, 3, 4, 5);
        using var cl = ChannelsLast.Of(x);
        Assert.Equal(x.shape, cl.shape);
        Assert.Equal(new long[] { 60, 1, 15, 3 }, cl.stride());
        Assert.Equal(0, (x - cl).abs().max().item<float>());
    }
}
