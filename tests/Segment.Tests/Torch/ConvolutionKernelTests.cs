using Dislocate.Segment.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Dislocate.Segment.Tests.Torch;

public sealed class ConvolutionKernelTests
{
    [Fact]
    public void Convolution_gradients_are_finite_and_match_finite_differences()
    {
        // The reason TorchRuntime switches oneDNN off: on the reference machine its conv backward returned NaN.
        TorchRuntime.EnsureInitialized();
        torch.manual_seed(1);
        using var x = torch.randn(2, 8, 32, 32, dtype: float64).requires_grad_(true);
        using var conv = nn.Conv2d(8, 8, 3, padding: 1, bias: false, dtype: float64);
        using var bn = nn.BatchNorm2d(8, dtype: float64);
        using var weights = torch.randn(2, 8, 32, 32, dtype: float64);
        Tensor Loss() => (bn.call(conv.call(x)).relu() * weights).sum();
        using (var loss = Loss())
        {
            loss.backward();
        }

        var grad = x.grad!.clone();
        Assert.Equal(0, grad.isnan().sum().item<long>());

        // Central differences at a few pixels.
        const double h = 1e-6;
        foreach (var (n, c, yy, xx) in new[] { (0, 0, 0, 0), (1, 3, 10, 17), (0, 7, 31, 31) })
        {
            double At(double delta)
            {
                using var noGrad = torch.no_grad();
                var original = x[n, c, yy, xx].item<double>();
                x[n, c, yy, xx] = torch.tensor(original + delta, dtype: float64);
                using var l = Loss();
                var value = l.item<double>();
                x[n, c, yy, xx] = torch.tensor(original, dtype: float64);
                return value;
            }

            var numeric = (At(h) - At(-h)) / (2 * h);
            Assert.Equal(numeric, grad[n, c, yy, xx].item<double>(), 4);
        }
    }

    [Fact]
    public void Float_convolution_gradients_agree_with_a_double_precision_computation()
    {
        // Float convolutions are where oneDNN runs; doubles never use it, so they are the reference. The weights need
        // gradients too, as in training: that is the backward that went wrong. The activations are channels-last, as the
        // plugin's networks make them (in NCHW, oneDNN's gradients were wrong on the reference machine; see ChannelsLast).
        TorchRuntime.EnsureInitialized();
        torch.manual_seed(2);
        using var x64 = torch.randn(4, 8, 32, 32, dtype: float64);
        using var w1 = torch.randn(8, 8, 3, 3, dtype: float64) * 0.2;
        using var w2 = torch.randn(8, 8, 3, 3, dtype: float64) * 0.2;
        using var up = torch.randn(4, 8, 32, 32, dtype: float64);
        Tensor Gradient(ScalarType type)
        {
            using var x = (type == float32 ? ChannelsLast.Of(x64.to_type(type)) : x64.to_type(type)).detach().clone().requires_grad_(true);
            using var k1 = w1.to_type(type).detach().clone().requires_grad_(true);
            using var k2 = w2.to_type(type).detach().clone().requires_grad_(true);
            using var a = nn.functional.conv2d(x, k1, padding: [1, 1]);
            using var b = nn.functional.batch_norm(a, null, null, training: true).relu();
            using var c = nn.functional.conv2d(b, k2, padding: [1, 1]);
            using var loss = (nn.functional.batch_norm(c, null, null, training: true).relu() * up.to_type(type)).sum();
            loss.backward();
            return x.grad!.to_type(float64).clone();
        }

        using var reference = Gradient(float64);
        using var single = Gradient(float32);
        Assert.Equal(0, single.isnan().sum().item<long>());
        var error = (single - reference).abs().max().item<double>() / reference.abs().max().item<double>();
        Assert.True(error < 1e-3, $"float gradient differs from the double one by {error:E2} (relative to its largest value)");
    }
}
