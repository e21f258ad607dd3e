using System.Diagnostics;
using System.Globalization;
using Dislocate.Segment.Inference;
using Dislocate.Segment.Model;
using Dislocate.Segment.Onnx;
using Dislocate.Segment.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Dislocate.Segment.Bench;

/// <summary>
/// Forward time per 512² tile of each encoder on both inference engines, side by side in one process: libtorch
/// (TorchSharp) and ONNX Runtime running the graph <see cref="OnnxExporter"/> writes from the same weights.
/// </summary>
/// <remarks>Usage: <c>engines [encoders=resnet18,resnet34,resnet50] [size=512] [runs=5] [threads=0]</c>; models are line maps, decoder ×0.25.</remarks>
internal static class EngineBench
{
    public static int Run(string[] args)
    {
        var encoders = (args.Length > 0 ? args[0] : string.Join(",", EncoderNames.All)).Split(',', StringSplitOptions.RemoveEmptyEntries);
        var size = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 512;
        var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var threads = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0;
        threads = threads > 0 ? threads : Environment.ProcessorCount;
        TorchRuntime.EnsureInitialized();
        set_num_threads(threads);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"forward of one {size}² tile (sigmoid included), batch 1, {threads} threads, median of {runs} after 2 warm-up runs; libtorch {__version__} ({TorchRuntime.KernelDescription}), ONNX Runtime {OnnxTileNetwork.RuntimeVersion}"));
        Console.WriteLine("| encoder | parameters | libtorch (ms) | ONNX Runtime (ms) | ONNX / libtorch |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        var folder = Directory.CreateTempSubdirectory("dislocate-engine-bench").FullName;
        try
        {
            foreach (var name in encoders)
            {
                if (!EncoderNames.TryParse(name, out var kind))
                {
                    Console.Error.WriteLine($"unknown encoder '{name}'");
                    return 2;
                }

                var spec = new ModelSpec(kind, 1, 0.25, Output: OutputKind.LineMap);
                var path = Path.Combine(folder, $"{name}.dislocate");
                long parameters;
                manual_seed(1);
                using (var model = new UNetPlusPlus(spec))
                {
                    parameters = model.ParameterCount;
                    ModelFile.Save(path, model, new ModelMetadata(spec, InputNormalisation.Default, size, new Dictionary<string, string>(), SegmentPlugin.Version));
                }

                var tile = new float[size * size];
                for (var i = 0; i < tile.Length; i++)
                {
                    tile[i] = (float)Math.Sin(i * 0.01);
                }

                var probabilities = new float[size * size];
                var (torchModel, _) = ModelFile.Load(path, CPU);
                double torchMs;
                using (torchModel)
                using (var network = new TorchTileNetwork(torchModel, CPU))
                {
                    torchMs = Median(runs, () => network.Run(tile, 1, size, size, probabilities));
                }

                double onnxMs;
                using (var network = OnnxModels.Open(path, threads).Network)
                {
                    onnxMs = Median(runs, () => network.Run(tile, 1, size, size, probabilities));
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {parameters / 1e6:F1} M | {torchMs:F0} | {onnxMs:F0} | {onnxMs / torchMs:F2} |"));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        return 0;
    }

    internal static double Median(int runs, Action run)
    {
        run();
        run();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
