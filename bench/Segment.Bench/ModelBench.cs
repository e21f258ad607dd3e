using System.Diagnostics;
using System.Globalization;
using Dislocate.Segment.Model;
using Dislocate.Segment.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Dislocate.Segment.Bench;

/// <summary>
/// Size and CPU speed of each UNet++ variant at batch 1 and N = 20 outputs. Usage:
/// <c>model [encoders=resnet18,resnet34,resnet50] [size=512] [runs=3]</c>.
/// </summary>
/// <remarks>
/// For each encoder and decoder scale (1.0 and 0.5): parameter count; forward time (eval mode, no gradients); and
/// training-step time (train mode: forward, a matching-free BCE + soft-Dice loss against fixed random masks, backward,
/// Adam step); each the median of <c>runs</c> timed runs after one warm-up pass and step at 64² (JIT, Adam state).
/// Kernels as the plugin uses them: the forward pass on oneDNN, training steps under <c>TorchRuntime.TrainingKernels</c>
/// (oneDNN once its gradient probe passed, else ATen; see TorchRuntime).
/// Peak RSS is the process's resident high-water mark (VmHWM) while that variant ran, reset between variants where
/// the kernel allows it.
/// </remarks>
internal static class ModelBench
{
    private const int Outputs = 20;
    private const int WarmupSize = 64;
    private static readonly double[] Scales = [1.0, 0.5];

    public static int Run(string[] args)
    {
        var encoders = (args.Length > 0 ? args[0] : string.Join(",", EncoderNames.All)).Split(',', StringSplitOptions.RemoveEmptyEntries);
        var size = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 512;
        var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var kinds = new List<EncoderKind>();
        foreach (var name in encoders)
        {
            if (!EncoderNames.TryParse(name, out var kind))
            {
                Console.Error.WriteLine($"unknown encoder '{name}'; use {string.Join(", ", EncoderNames.All)}");
                return 2;
            }

            kinds.Add(kind);
        }

        if (size % ModelSpec.SizeMultiple != 0 || size <= 0 || runs < 1)
        {
            Console.Error.WriteLine("size must be a positive multiple of 32 and runs ≥ 1");
            return 2;
        }

        TorchRuntime.EnsureInitialized();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"UNet++ at {size}×{size}, batch 1, N = {Outputs}, CPU, {get_num_threads()} Torch threads, kernels: {TorchRuntime.KernelDescription}, median of {runs} run(s) after a 64² warm-up; libtorch {__version__}, {Environment.ProcessorCount} logical CPUs"));
        Console.WriteLine("| encoder | decoder | parameters | forward (s/image) | training step (s/image) | peak RSS (GiB) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (var kind in kinds)
        {
            foreach (var scale in Scales)
            {
                var resetPeak = ResetPeakRss();
                var (parameters, forward, step) = Measure(new ModelSpec(kind, Outputs, scale), size, runs);
                var peak = PeakRssGiB();
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {EncoderNames.Name(kind)} | ×{scale} | {parameters / 1e6:F2} M | {forward:F2} | {step:F2} | {peak:F2}{(resetPeak ? string.Empty : " (cumulative)")} |"));
            }
        }

        return 0;
    }

    private static (long Parameters, double Forward, double Step) Measure(ModelSpec spec, int size, int runs)
    {
        manual_seed(1);
        using var model = new UNetPlusPlus(spec);
        using var adam = optim.Adam(model.parameters(), 1e-4);
        using var input = randn(1, 1, size, size);
        using var target = Target(spec, size);

        // Warm-up at 64²: JIT, Adam's state and kernel selection without paying for a full-size pass.
        using (var smallInput = randn(1, 1, WarmupSize, WarmupSize))
        using (var smallTarget = Target(spec, WarmupSize))
        {
            Forward(model, smallInput);
            TrainingStep(model, adam, smallInput, smallTarget);
        }

        var forward = Median(runs, () => Forward(model, input));
        var step = Median(runs, () => TrainingStep(model, adam, input, target));
        return (model.ParameterCount, forward, step);
    }

    private static Tensor Target(ModelSpec spec, int size) => rand(1, spec.Outputs, size, size).lt(0.02).to_type(ScalarType.Float32);

    private static void Forward(UNetPlusPlus model, Tensor input)
    {
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.call(input);
    }

    private static void TrainingStep(UNetPlusPlus model, optim.Optimizer adam, Tensor input, Tensor target)
    {
        model.train();
        using var kernels = TorchRuntime.TrainingKernels(); // as Trainer runs: oneDNN after its probe, else ATen
        using var scope = NewDisposeScope();
        adam.zero_grad();
        var logits = model.call(input);
        var probabilities = logits.sigmoid();
        var intersection = (probabilities * target).sum([2, 3]);
        var dice = 1 - (((2 * intersection) + 1) / (probabilities.sum([2, 3]) + target.sum([2, 3]) + 1));
        var loss = nn.functional.binary_cross_entropy_with_logits(logits, target) + dice.mean();
        loss.backward();
        adam.step();
    }

    private static double Median(int runs, Action action)
    {
        var seconds = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            seconds[i] = watch.Elapsed.TotalSeconds;
        }

        Array.Sort(seconds);
        return runs % 2 == 1 ? seconds[runs / 2] : (seconds[(runs / 2) - 1] + seconds[runs / 2]) / 2;
    }

    private static bool ResetPeakRss()
    {
        GC.Collect();
        try
        {
            // Writing 5 to clear_refs resets the VmHWM high-water mark (Linux ≥ 4.0).
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static double PeakRssGiB()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kb / (1024.0 * 1024.0);
            }
        }

        return double.NaN;
    }
}
