using System.Diagnostics;
using System.Globalization;
using Dislocate.Core.IO;
using Dislocate.Segment.Model;
using Dislocate.Segment.Onnx;
using Google.Protobuf;

namespace Dislocate.Segment.Bench;

/// <summary>
/// The int8 (QDQ) ONNX model of a model file against its float one: calibrates on the given images, writes both .onnx
/// files, and times one tile of each in ONNX Runtime side by side.
/// </summary>
/// <remarks>Usage: <c>int8 MODEL OUTDIR IMAGEFOLDER [images=10] [tile=512] [runs=7] [threads=2] [options=first,head,reduce]</c>.</remarks>
internal static class Int8Bench
{
    public static int Run(string[] args)
    {
        if (args.Length < 3)
        {
            Console.Error.WriteLine("usage: int8 MODEL OUTDIR IMAGEFOLDER [images=10] [tile=512] [runs=7] [threads=2] [float=first,head,reduce]");
            return 2;
        }

        var count = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10;
        var size = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 512;
        var runs = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 7;
        var threads = args.Length > 6 ? int.Parse(args[6], CultureInfo.InvariantCulture) : 2;
        var flags = (args.Length > 7 ? args[7] : "first,head,reduce").Split(',');
        var options = new Int8Options(flags.Contains("first"), flags.Contains("head"), flags.Contains("reduce"));
        Directory.CreateDirectory(args[1]);
        var (metadata, weights) = ModelFile.ReadWeights(args[0]);
        var fp32 = OnnxExporter.Build(metadata, weights);
        var images = ImageFileReader.ImageFiles(args[2]).Take(count).Select(ImageFileReader.ReadGray).ToList();
        var clock = Stopwatch.StartNew();
        var tiles = OnnxCalibration.Tiles(images, metadata.Normalisation, OnnxCalibration.TileSize, OnnxCalibration.TilesPerImage);
        var ranges = OnnxCalibration.Ranges(fp32, tiles, OnnxCalibration.TileSize, threads);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"calibration: {tiles.Count} tiles of {OnnxCalibration.TileSize}², {ranges.Count} tensors, {clock.Elapsed.TotalSeconds:F1} s"));
        var int8 = OnnxInt8Quantizer.Quantize(fp32, ranges, options);
        var fp32Bytes = fp32.ToByteArray();
        var int8Bytes = int8.ToByteArray();
        File.WriteAllBytes(Path.Combine(args[1], "fp32.onnx"), fp32Bytes);
        File.WriteAllBytes(Path.Combine(args[1], "int8.onnx"), int8Bytes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fp32.onnx {fp32Bytes.Length / 1e6:F1} MB, int8.onnx {int8Bytes.Length / 1e6:F1} MB ({options})"));
        var tile = OnnxCalibration.Tiles(images.Take(1), metadata.Normalisation, size, 1)[0];
        var p32 = new float[size * size];
        var p8 = new float[size * size];
        using var n32 = new OnnxTileNetwork(fp32Bytes, threads, "fp32");
        using var n8 = new OnnxTileNetwork(int8Bytes, threads, "int8");
        var ms32 = EngineBench.Median(runs, () => n32.Run(tile, 1, size, size, p32));
        var ms8 = EngineBench.Median(runs, () => n8.Run(tile, 1, size, size, p8));
        double maxDiff = 0, sumDiff = 0;
        int agree = 0, line32 = 0, line8 = 0;
        for (var i = 0; i < p32.Length; i++)
        {
            var d = Math.Abs(p32[i] - p8[i]);
            maxDiff = Math.Max(maxDiff, d);
            sumDiff += d;
            line32 += p32[i] > 0.5 ? 1 : 0;
            line8 += p8[i] > 0.5 ? 1 : 0;
            agree += p32[i] > 0.5 && p8[i] > 0.5 ? 1 : 0;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one {size}² tile, {threads} threads, median of {runs}: fp32 {ms32:F0} ms, int8 {ms8:F0} ms ({ms32 / ms8:F2}×)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"probabilities: max |Δ| {maxDiff:F3}, mean |Δ| {sumDiff / p32.Length:F5}; pixels > 0.5: fp32 {line32}, int8 {line8}, both {agree}"));
        return 0;
    }
}
