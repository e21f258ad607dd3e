using TorchSharp;
using static TorchSharp.torch;

namespace Dislocate.Segment.Torch;

/// <summary>What one kernel probe found: the largest relative weight-gradient error of float32 training steps and whether every value was finite.</summary>
/// <param name="RelativeError">max over steps and weights of max|g32 − g64| / max|g64| (NaN when a gradient was not finite).</param>
/// <param name="AllFinite">True when every float32 loss and gradient was finite.</param>
/// <param name="Steps">Training steps compared.</param>
internal sealed record KernelProbeResult(double RelativeError, bool AllFinite, int Steps)
{
    /// <summary>
    /// The largest error that passes: ATen's kernels measured ~1e-5 on this probe, oneDNN's wrong NCHW gradients 0.5–1 or
    /// NaN; the probe's network is shallow, so float32 rounding is not amplified towards the tolerance.
    /// </summary>
    public const double Tolerance = 1e-3;

    /// <summary>True when the float32 kernels computed every training step correctly.</summary>
    public bool Passed => this.AllFinite && this.RelativeError <= Tolerance;
}

/// <summary>
/// Checks that this process's float32 CPU kernels compute training gradients correctly, against the same steps in float64
/// (which never run on oneDNN, so ATen's reference kernels compute them).
/// </summary>
/// <remarks>
/// A shallow network with every kernel class the plugin's networks train with, at their channel widths, laid out as
/// the networks lay them out (the stem's output made channels-last, <see cref="ChannelsLast"/>): the 7×7 stride-2 stem on one input channel, batch norm, ReLU,
/// max pooling, a 3×3 convolution, a strided 3×3 convolution with its strided 1×1 shortcut, nearest upsampling,
/// concatenation and a 3×3 head. A deep network would amplify float32 rounding through its ReLU and batch-norm kinks to
/// several percent, hiding the difference between right and wrong kernels. Several steps run, each with fresh inputs
/// and the weights moved by a small SGD step, because the failures seen on the reference machine were finite in one
/// step and NaN in the next, as kernels reused their buffers.
/// </remarks>
internal static class KernelProbe
{
    private const int Size = 64;
    private const int Batch = 2;
    private const int StepsCompared = 4;

    /// <summary>Runs the probe with the kernels currently enabled in this process.</summary>
    public static KernelProbeResult Run()
    {
        using var scope = NewDisposeScope();
        var generator = new torch.Generator(11);
        Tensor Weight(long o, long i, long k) => torch.randn([o, i, k, k], ScalarType.Float64, generator: generator) * Math.Sqrt(2.0 / (i * k * k));
        Tensor[] weights = [Weight(64, 1, 7), Weight(64, 64, 3), Weight(128, 64, 3), Weight(128, 64, 1), Weight(32, 128 + 64, 3), Weight(2, 32, 3)];
        var worst = 0.0;
        var finite = true;
        for (var step = 0; step < StepsCompared && finite; step++)
        {
            var input = torch.randn([Batch, 1, Size, Size], ScalarType.Float64, generator: generator);
            var upstream = torch.randn([Batch, 2, Size / 2, Size / 2], ScalarType.Float64, generator: generator);
            var reference = Gradients(weights, input, upstream, ScalarType.Float64);
            var single = Gradients(weights, input, upstream, ScalarType.Float32);
            for (var w = 0; w < weights.Length; w++)
            {
                if (!single[w].isfinite().all().item<bool>())
                {
                    finite = false;
                    break;
                }

                var scale = reference[w].abs().max().item<double>();
                worst = Math.Max(worst, (single[w] - reference[w]).abs().max().item<double>() / scale);
                weights[w] = weights[w] - (reference[w] * (0.01 / scale));
            }
        }

        return new KernelProbeResult(finite ? worst : double.NaN, finite, StepsCompared);
    }

    // The weight gradients (as float64) of the probe network's loss, computed in the given precision.
    private static Tensor[] Gradients(Tensor[] weights, Tensor input, Tensor upstream, ScalarType type)
    {
        var w = weights.Select(t => t.to_type(type).detach().clone().requires_grad_(true)).ToArray();
        var x = input.to_type(type);
        var stem = nn.functional.batch_norm(Layout(nn.functional.conv2d(x, w[0], strides: [2, 2], padding: [3, 3]), type), null, null, training: true).relu_();
        var pooled = nn.functional.max_pool2d(stem, [3, 3], strides: [2, 2], padding: [1, 1]);
        var inner = nn.functional.batch_norm(nn.functional.conv2d(pooled, w[1], padding: [1, 1]), null, null, training: true).relu_();
        var down = nn.functional.conv2d(inner, w[2], strides: [2, 2], padding: [1, 1]) + nn.functional.conv2d(inner, w[3], strides: [2, 2]);
        var up = nn.functional.interpolate(nn.functional.batch_norm(down, null, null, training: true).relu_(), scale_factor: [2.0, 2.0], mode: InterpolationMode.Nearest);
        var joined = nn.functional.batch_norm(nn.functional.conv2d(torch.cat([up, inner], 1), w[4], padding: [1, 1]), null, null, training: true).relu_();
        var head = nn.functional.conv2d(nn.functional.interpolate(joined, scale_factor: [2.0, 2.0], mode: InterpolationMode.Nearest), w[5], padding: [1, 1]);
        var loss = (torch.sigmoid(head) * upstream.to_type(type)).sum();
        loss.backward();
        return [.. w.Select(t => t.grad!.to_type(ScalarType.Float64))];
    }

    // float32 runs in the layout training uses; float64 never reaches oneDNN, so its layout does not matter.
    private static Tensor Layout(Tensor tensor, ScalarType type) => type == ScalarType.Float32 ? ChannelsLast.Of(tensor) : tensor;
}
