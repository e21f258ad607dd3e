using System.Globalization;
using Dislocate.Segment.Onnx.Format;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;

namespace Dislocate.Segment.Onnx;

/// <summary>
/// Measures the range of every intermediate tensor of a float ONNX model over calibration tiles, for
/// <see cref="OnnxInt8Quantizer"/>.
/// </summary>
/// <remarks>
/// Every node output becomes a graph output and the tiles run through ONNX Runtime one at a time. A tensor's range is
/// the given percentile of each tile's values at each end, averaged over the tiles, so one unusual tile moves it a
/// little. The default, 1, takes each tile's extremes: on models 1.13.0 and 1.14.0 (ten real frames and twenty M2
/// images) clipping the tails cost more than the finer steps gained (0.9999: M2 matched 77.6 and 77.3 % against 78.8
/// and 78.3 %, paper metric 0.726 and 0.726 against 0.729 and 0.731; 0.999 worse again), because the strongest
/// activations are the lines themselves. Ranges are rounded outward to three significant digits so that the last-bit differences
/// between CPUs' kernels do not change the quantized model.
/// </remarks>
internal static class OnnxCalibration
{
    /// <summary>Share of each tile's values of a tensor kept inside its range at each end (1: all; 0.9999: the top 0.01 % clip).</summary>
    public const double Percentile = 1;

    /// <summary>Side of the calibration tiles: ranges barely depend on it, and small tiles keep all the tensors of one in memory.</summary>
    public const int TileSize = 256;

    /// <summary>Calibration tiles cut from each image.</summary>
    public const int TilesPerImage = 4;

    /// <summary>At most about this many values of a tensor per tile go into its tails (an even-stride sample).</summary>
    public const int TailSample = 1 << 16;

    /// <summary>Each node output's (min, max) over <paramref name="tiles"/> (normalised, one channel, <paramref name="size"/>² each).</summary>
    public static Dictionary<string, (float Min, float Max)> Ranges(
        ModelProto model,
        IReadOnlyList<float[]> tiles,
        int size,
        int threads,
        IProgress<Contracts.ProgressUpdate>? progress = null,
        double percentile = Percentile,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tiles);
        if (tiles.Count == 0)
        {
            throw new ArgumentException("calibration needs at least one tile", nameof(tiles));
        }

        var probe = model.Clone();
        var outputs = probe.Graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var node in probe.Graph.Node)
        {
            var name = node.Output[0];
            names.Add(name);
            if (outputs.Add(name))
            {
                probe.Graph.Output.Add(new ValueInfoProto
                {
                    Name = name,
                    Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
                });
            }
        }

        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads > 0 ? threads : Environment.ProcessorCount,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,

            // Basic optimisations only: fusing Conv + Relu would hide the tensors between them.
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_BASIC,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        using var session = new InferenceSession(probe.ToByteArray(), options);
        using var run = new RunOptions();
        var inputName = session.InputNames[0];
        var low = names.ToDictionary(n => n, _ => new List<float>(), StringComparer.Ordinal);
        var high = names.ToDictionary(n => n, _ => new List<float>(), StringComparer.Ordinal);
        foreach (var (tile, index) in tiles.Select((t, i) => (t, i)))
        {
            cancellation.ThrowIfCancellationRequested();
            progress?.Report(new Contracts.ProgressUpdate(index, tiles.Count, "calibrating"));
            if (tile.Length != size * size)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"a calibration tile holds {tile.Length} values, not {size}²"), nameof(tiles));
            }

            using var input = OrtValue.CreateTensorValueFromMemory((float[])tile.Clone(), [1, 1, size, size]);
            using var results = session.Run(run, [inputName], [input], names);
            for (var i = 0; i < names.Count; i++)
            {
                var values = results[i].GetTensorDataAsSpan<float>();
                var (lo, hi) = Tails(values, percentile);
                low[names[i]].Add(lo);
                high[names[i]].Add(hi);
            }
        }

        // A tensor's range: the mean over tiles of each tile's tails, so one unusual tile moves it a little, not all the way.
        return names.ToDictionary(
            n => n,
            n => (RoundOutward(low[n].Average(), down: true), RoundOutward(high[n].Average(), down: false)),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// Calibration tiles of <paramref name="size"/>² from <paramref name="images"/>, each normalised as the model normalises
    /// it and cut at up to <paramref name="perImage"/> places spread over the image (images smaller than a tile are
    /// mirrored at their edges, as the tiler pads them).
    /// </summary>
    public static List<float[]> Tiles(IEnumerable<Dislocate.Core.Imaging.GrayImage> images, Model.InputNormalisation normalisation, int size, int perImage)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(normalisation);
        var tiles = new List<float[]>();
        foreach (var image in images)
        {
            var normalised = new float[image.Pixels.Length];
            normalisation.Apply(image.Pixels, normalised);
            var across = Math.Max(1, (int)Math.Ceiling(Math.Sqrt(perImage)));
            for (var t = 0; t < perImage; t++)
            {
                var x0 = Place(t % across, across, image.Width, size);
                var y0 = Place(t / across % across, across, image.Height, size);
                var tile = new float[size * size];
                for (var y = 0; y < size; y++)
                {
                    for (var x = 0; x < size; x++)
                    {
                        tile[(y * size) + x] = normalised[(Inference.TileLayout.Reflect(y0 + y, image.Height) * image.Width) + Inference.TileLayout.Reflect(x0 + x, image.Width)];
                    }
                }

                tiles.Add(tile);
            }
        }

        return tiles;
    }

    private static int Place(int i, int count, int length, int size) => count == 1 || length <= size ? 0 : i * (length - size) / (count - 1);

    /// <summary>The <paramref name="percentile"/> tails of <paramref name="values"/>: the value below which (1 − p) of them lie, and above which (1 − p) lie.</summary>
    /// <remarks>Tensors of more than <see cref="TailSample"/> values are sampled at an even stride: sorting all of them costs minutes.</remarks>
    internal static (float Low, float High) Tails(ReadOnlySpan<float> values, double percentile)
    {
        var stride = Math.Max(1, values.Length / TailSample);
        var sorted = new float[(values.Length + stride - 1) / stride];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = values[i * stride];
        }

        Array.Sort(sorted);
        var last = sorted.Length - 1;
        var k = (int)Math.Floor(((1 - percentile) * last) + 1e-6); // 1e-6: (1 − 0.9999) · 10⁴ is 0.99999… in binary
        return (sorted[k], sorted[last - k]);
    }

    /// <summary><paramref name="value"/> rounded to three significant digits, away from the range's inside.</summary>
    internal static float RoundOutward(double value, bool down)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return 0;
        }

        // Scale by powers of ten (exact steps, no libm) until three digits lead.
        var digits = 1.0;
        while (Math.Abs(value * digits) >= 1000)
        {
            digits /= 10;
        }

        while (Math.Abs(value * digits) < 100)
        {
            digits *= 10;
        }

        var scaled = value * digits;
        return (float)((down ? Math.Floor(scaled) : Math.Ceiling(scaled)) / digits);
    }
}
