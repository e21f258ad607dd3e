using System.Diagnostics;
using System.Globalization;
using Dislocate.Core.Runtime;
using Dislocate.Segment.Model;
using Dislocate.Segment.Torch;
using Dislocate.Segment.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Dislocate.Segment.Bench;

/// <summary>
/// One training step of the plugin's line-map network, timed by phase, for the side-by-side comparison with PyTorch
/// (<c>bench/pytorch/train_step.py</c>, same architecture, loss, optimiser, batch, crop and threads). Usage:
/// <c>trainstep [crop=256] [batch=8] [threads=2] [steps=10] [decoder=0.25] [nested=1]</c>.
/// </summary>
/// <remarks>
/// Kernels as training uses them (TorchRuntime.TrainingKernels: oneDNN after its probe, activations channels-last from
/// the stem). Random inputs, a fixed pattern of thin lines as target; the median of <c>steps</c> steps after two warm-up
/// steps. The allocator is whatever the process has: run it with jemalloc preloaded, as the dislocate launcher does.
/// </remarks>
internal static class TrainStepBench
{
    public static int Run(string[] args)
    {
        var crop = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 256;
        var batch = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
        var threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
        var steps = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10;
        var decoder = args.Length > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : 0.25;
        var nested = args.Length > 5 ? double.Parse(args[5], CultureInfo.InvariantCulture) : 1;
        set_num_threads(threads);
        using var kernels = TorchRuntime.TrainingKernels();
        manual_seed(1);
        var spec = new ModelSpec(EncoderKind.ResNet18, Outputs: 1, DecoderScale: decoder, Output: OutputKind.LineMap, NestedScale: nested);
        using var model = new UNetPlusPlus(spec);
        model.train();
        using var adam = optim.Adam(model.parameters(), 1e-3);
        using var input = randn(batch, 1, crop, crop);
        using var truth = zeros(batch, 1, crop, crop);
        for (var row = 0; row < crop; row += 12)
        {
            truth[TensorIndex.Colon, TensorIndex.Colon, row, TensorIndex.Colon] = tensor(1f);
        }

        var times = new List<double[]>();
        for (var step = 0; step < steps + 2; step++)
        {
            using var scope = NewDisposeScope();
            var clock = Stopwatch.StartNew();
            adam.zero_grad();
            var logits = model.call(input);
            var t1 = clock.Elapsed.TotalSeconds;
            var loss = LineMapLoss.Compute(sigmoid(logits), truth, 1);
            _ = loss.item<float>();
            var t2 = clock.Elapsed.TotalSeconds;
            loss.backward();
            var t3 = clock.Elapsed.TotalSeconds;
            adam.step();
            var t4 = clock.Elapsed.TotalSeconds;
            if (step >= 2)
            {
                times.Add([t1, t2 - t1, t3 - t2, t4 - t3, t4]);
            }
        }

        double Median(int i)
        {
            var v = times.Select(t => t[i]).Order().ToArray();
            return v.Length % 2 == 1 ? v[v.Length / 2] : (v[(v.Length / 2) - 1] + v[v.Length / 2]) / 2;
        }

        var total = Median(4);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"torchsharp {typeof(torch).Assembly.GetName().Version}, {spec} (libtorch {__version__}), {TorchRuntime.KernelDescription}, {ProcessAllocator.Describe()}: {model.ParameterCount / 1e6:F2} M parameters, step {total * 1000:F0} ms (forward {Median(0) * 1000:F0}, loss {Median(1) * 1000:F0}, backward {Median(2) * 1000:F0}, optimiser {Median(3) * 1000:F0}), {batch / total:F1} training images/s"));
        return 0;
    }
}
