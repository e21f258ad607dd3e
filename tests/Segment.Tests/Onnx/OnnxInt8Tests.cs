using Dislocate.Contracts;
using Dislocate.Core.Imaging;
using Dislocate.Segment.Commands;
using Dislocate.Segment.Evaluation;
using Dislocate.Segment.Inference;
using Dislocate.Segment.Model;
using Dislocate.Segment.Onnx;
using Dislocate.Segment.PostProcessing;
using Dislocate.Segment.Tests.Commands;
using Dislocate.Segment.Tests.Model;
using Dislocate.Synthetic.Settings;
using Dislocate.Synthetic.Streaming;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;

namespace Dislocate.Segment.Tests.Onnx;

/// <summary>The int8 (QDQ) ONNX model: known quantization parameters, ONNX Runtime's fused 8-bit kernels, and the shipped model's lines kept.</summary>
public sealed class OnnxInt8Tests : IDisposable
{
    private readonly TempFolder scratch = new();

    public void Dispose() => this.scratch.Dispose();

    [Theory]
    [InlineData(0f, 2.55f, 0.01f, 0)] // a ReLU's range: zero point 0, so ONNX Runtime can drop the ReLU
    [InlineData(-1f, 1f, 2f / 255, 128)] // 127.5 rounds to even
    [InlineData(0.5f, 2.55f, 0.01f, 0)] // the range always holds 0
    [InlineData(-2.55f, -1f, 0.01f, 255)]
    [InlineData(0f, 0f, 1f, 0)] // an all-zero tensor
    public void ActivationParameters_CoverTheRange_WithZeroExact(float min, float max, float scale, int zero)
    {
        var (s, z) = OnnxInt8Quantizer.Activation(min, max);

        Assert.Equal(scale, s, 6);
        Assert.Equal(zero, z);
    }

    [Theory]
    [InlineData(1.2345, false, 1.24)]
    [InlineData(1.2345, true, 1.23)]
    [InlineData(-0.012345, true, -0.0124)]
    [InlineData(-0.012345, false, -0.0123)]
    [InlineData(98765.4, false, 98800)]
    [InlineData(0, false, 0)]
    public void Ranges_RoundOutward_ToThreeSignificantDigits(double value, bool down, double expected) =>
        Assert.Equal(expected, OnnxCalibration.RoundOutward(value, down), 4);

    [Fact]
    public void Tails_DropTheStatedShareAtEachEnd()
    {
        var values = Enumerable.Range(0, 10_001).Select(i => (float)i).Reverse().ToArray();

        Assert.Equal((1f, 9999f), OnnxCalibration.Tails(values, 0.9999));
        Assert.Equal((0f, 10000f), OnnxCalibration.Tails(values, 1));
        Assert.Equal((5000f, 5000f), OnnxCalibration.Tails(values, 0.5));
    }

    [Fact]
    public void TheShippedModel_InInt8_FindsTheLinesItFindsInFloat_WithFused8BitKernels()
    {
        var source = new SyntheticSampleSource(GeneratorSettings.Default with { Width = 256, Height = 256 }, 20261207);
        var (metadata, weights) = ModelFile.ReadWeights(DefaultModel.ShippedPath);
        var fp32 = OnnxExporter.Build(metadata, weights);
        var calibration = Enumerable.Range(10, 3).Select(i => Image(source, i)).ToList();
        var tiles = OnnxCalibration.Tiles(calibration, metadata.Normalisation, OnnxCalibration.TileSize, 1);
        var int8 = OnnxInt8Quantizer.Quantize(fp32, OnnxCalibration.Ranges(fp32, tiles, OnnxCalibration.TileSize, 2), new Int8Options());
        var fp32Path = Path.Combine(this.scratch.Path, "fp32.onnx");
        var int8Path = Path.Combine(this.scratch.Path, "int8.onnx");
        File.WriteAllBytes(fp32Path, fp32.ToByteArray());
        File.WriteAllBytes(int8Path, int8.ToByteArray());

        // Four times smaller: int8 weights, float scales per channel.
        Assert.True(new FileInfo(int8Path).Length < new FileInfo(fp32Path).Length * 0.3, $"{new FileInfo(int8Path).Length} bytes against {new FileInfo(fp32Path).Length}");

        // ONNX Runtime turns the QDQ pairs into 8-bit operators; all but the float first and last convolutions.
        var optimised = Path.Combine(this.scratch.Path, "optimised.onnx");
        using (var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_EXTENDED, OptimizedModelFilePath = optimised })
        using (new InferenceSession(int8Path, options))
        {
        }

        var ops = Segment.Onnx.Format.ModelProto.Parser.ParseFrom(File.ReadAllBytes(optimised)).Graph.Node.Select(n => n.OpType).ToList();
        var convs = fp32.Graph.Node.Count(n => n.OpType == "Conv");
        Assert.Equal(convs - 2, ops.Count(op => op == "QLinearConv"));
        Assert.Equal(2, ops.Count(op => op == "Conv"));

        var tiling = new TilingOptions(TileSize: 256);
        using var floatEngine = Segmenter.Open(fp32Path, InferenceEngine.Onnx, "cpu", 2, tiling, PostProcessingOptions.Default);
        using var int8Engine = Segmenter.Open(int8Path, InferenceEngine.Onnx, "cpu", 2, tiling, PostProcessingOptions.Default);
        Assert.Equal("dislocate-lines-r18", int8Engine.Metadata.Training["name"]);
        CentreLineScore floatScore = CentreLineScore.Empty, int8Score = CentreLineScore.Empty;
        for (var i = 0; i < 3; i++)
        {
            var sample = source.Get(i);
            var image = Image(source, i);
            var truth = CentreLines.Union(sample.Masks, image.Pixels.Length);
            var a = floatEngine.Predict(image)[0];
            var b = int8Engine.Predict(image)[0];
            int both = 0, either = 0;
            for (var k = 0; k < a.Length; k++)
            {
                both += a[k] > 0.5 && b[k] > 0.5 ? 1 : 0;
                either += a[k] > 0.5 || b[k] > 0.5 ? 1 : 0;
            }

            Assert.True(both >= 0.85 * either, $"image {i}: line pixels agree on {both} of {either}");
            floatScore = floatScore.Add(CentreLines.Score(Lines(floatEngine, image), truth, 256, 256));
            int8Score = int8Score.Add(CentreLines.Score(Lines(int8Engine, image), truth, 256, 256));
        }

        Assert.True(Math.Abs(floatScore.F1 - int8Score.F1) <= 0.03, $"centre-line F1: float {floatScore.F1:F3}, int8 {int8Score.F1:F3}");
    }

    [Fact]
    public async Task ExportCommand_WritesTheSameInt8FileTwice_WithItsQuantizationAndTailsInTheRecord_AndNeedsCalibrationImages()
    {
        var source = new SyntheticSampleSource(GeneratorSettings.Default with { Width = 96, Height = 80 }, 3);
        var folder = Directory.CreateDirectory(Path.Combine(this.scratch.Path, "frames")).FullName;
        for (var i = 0; i < 3; i++)
        {
            var image = source.Get(i).Image;
            Core.IO.TiffStackWriter.Write(Path.Combine(folder, $"f{i}.tif"), [image.Pixels.AsMemory()], image.Width, image.Height);
        }

        var model = Path.Combine(this.scratch.Path, "tiny.dislocate");
        using (var tiny = TinyModels.Create(TinyModels.Spec))
        {
            ModelFile.Save(model, tiny, TinyModels.Metadata(TinyModels.Spec));
        }

        var command = new ExportCommand();
        async Task<string> Export(string name, params (string Key, string Text)[] more)
        {
            var target = Path.Combine(this.scratch.Path, name);
            await command.ExecuteAsync(CommandValues.Of(command, [("model", model), ("out", target), ("format", "onnx-int8"), .. more]), CommandContext.Silent());
            return target;
        }

        var first = await Export("a.onnx", ("calibration", folder));
        var second = await Export("b.onnx", ("calibration", folder));

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        var (metadata, network) = OnnxModels.Open(first, 1);
        using (network)
        {
            Assert.StartsWith("int8 QDQ", metadata.Training["quantization"], StringComparison.Ordinal);
            Assert.StartsWith("3 images of frames (f0.tif, f1.tif, f2.tif)", metadata.Training["calibration"], StringComparison.Ordinal);
        }

        // Fewer images than the folder holds: spread from the first to the last.
        var two = await Export("d.onnx", ("calibration", folder), ("calibration-count", "2"));
        var (twoMetadata, twoNetwork) = OnnxModels.Open(two, 1);
        using (twoNetwork)
        {
            Assert.StartsWith("2 images of frames (f0.tif, f2.tif)", twoMetadata.Training["calibration"], StringComparison.Ordinal);
        }

        // Clipped tails give other activation scales than each tile's extremes (the default), and the record says which.
        var clipped = await Export("e.onnx", ("calibration", folder), ("calibration-percentile", "0.999"));
        static byte[] Initialisers(string path) =>
            Segment.Onnx.Format.ModelProto.Parser.ParseFrom(File.ReadAllBytes(path)).Graph.Initializer.SelectMany(t => t.ToByteArray()).ToArray();
        Assert.NotEqual(Initialisers(first), Initialisers(clipped));
        var (clippedMetadata, clippedNetwork) = OnnxModels.Open(clipped, 1);
        using (clippedNetwork)
        {
            Assert.Contains("calibration-percentile 0.999 of each calibration tile's values", clippedMetadata.Training["quantization"], StringComparison.Ordinal);
        }

        Assert.Contains("calibration-percentile 1 of each calibration tile's values", metadata.Training["quantization"], StringComparison.Ordinal);
        Assert.Equal("calibration", (await Assert.ThrowsAsync<ParameterException>(() => Export("c.onnx"))).Key);
        Assert.False(File.Exists(Path.Combine(this.scratch.Path, "c.onnx")));
    }

    private static GrayImage Image(SyntheticSampleSource source, int i)
    {
        var image = source.Get(i).Image;
        return new GrayImage(image.Width, image.Height, image.Pixels);
    }

    private static byte[] Lines(Segmenter segmenter, GrayImage image) =>
        segmenter.Segment(image).Labels.Select(l => l != 0 ? (byte)1 : (byte)0).ToArray();
}
