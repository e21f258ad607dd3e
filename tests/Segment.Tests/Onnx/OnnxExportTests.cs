using Dislocate.Contracts;
using Dislocate.Segment.Inference;
using Dislocate.Segment.Model;
using Dislocate.Segment.Onnx;
using Dislocate.Segment.PostProcessing;
using Dislocate.Segment.Tests.Model;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;
using static TorchSharp.torch;

namespace Dislocate.Segment.Tests.Onnx;

/// <summary>ONNX export and the ONNX Runtime engine reproduce TorchSharp's network, for every encoder.</summary>
public sealed class OnnxExportTests : IDisposable
{
    private readonly TempFolder scratch = new();

    public void Dispose() => this.scratch.Dispose();

    [Theory]
    [InlineData(EncoderKind.ResNet18, 512, 512)]
    [InlineData(EncoderKind.ResNet34, 512, 384)]
    [InlineData(EncoderKind.ResNet50, 384, 512)]
    public void OnnxRuntime_GivesTorchSharpsLogits_Within1e4_OnRealSizedInputs(EncoderKind encoder, int width, int height)
    {
        var (torch32, onnx, float64) = this.ThreeWays(new ModelSpec(encoder, Outputs: 2, DecoderScale: 0.25), width, height);

        Assert.True(MaxDifference(torch32, onnx) <= 1e-4, $"max |ONNX − TorchSharp| = {MaxDifference(torch32, onnx):E2} over logits up to {torch32.Max(Math.Abs):F2}");
        Assert.True(MaxDifference(onnx, float64) <= 1e-4, $"max |ONNX − float64| = {MaxDifference(onnx, float64):E2}");
        Assert.True(torch32.Max(Math.Abs) > 0.01, "the logits are not trivially zero");
    }

    [Fact]
    public void ANestedScaledModel_ExportsToo_WithTheSameLogits()
    {
        var (torch32, onnx, float64) = this.ThreeWays(new ModelSpec(EncoderKind.ResNet18, Outputs: 1, DecoderScale: 0.25, Output: OutputKind.LineMap, NestedScale: 0.5), 256, 192);

        Assert.True(MaxDifference(torch32, onnx) <= 1e-4, $"max |ONNX − TorchSharp| = {MaxDifference(torch32, onnx):E2}");
        Assert.True(MaxDifference(onnx, float64) <= 1e-4, $"max |ONNX − float64| = {MaxDifference(onnx, float64):E2}");
    }

    [Fact]
    public void WithADecoderOfTwoChannels_OnnxRuntimeStaysOnTheFloat64Result()
    {
        // Found while testing the exporter: on this VM's AVX2 kernels libtorch's float32 convolutions (oneDNN and ATen
        // alike) drift by ~1e-2 from the float64 result when the decoder ends in 2–4 channels (scale 0.125), while ONNX
        // Runtime stays within 1e-5. How far libtorch drifts depends on the CPU's kernels (CI's machine drifted less than
        // ONNX Runtime), so only ONNX Runtime's distance is a property of the exporter; libtorch's is bounded loosely.
        var (torch32, onnx, float64) = this.ThreeWays(new ModelSpec(EncoderKind.ResNet18, Outputs: 2, DecoderScale: 0.125), 128, 128);

        Assert.True(MaxDifference(onnx, float64) <= 1e-4, $"max |ONNX − float64| = {MaxDifference(onnx, float64):E2}");
        Assert.True(MaxDifference(torch32, float64) <= 0.1, $"max |TorchSharp − float64| = {MaxDifference(torch32, float64):E2}");
    }

    [Fact]
    public void TheOnnxEngine_SegmentsLikeTheTorchEngine_AndAnExportedFileCarriesTheModelsMetadata()
    {
        var spec = TinyModels.Spec;
        var path = this.SavedModel(spec, seed: 5);
        var image = new Core.Imaging.GrayImage(200, 136, TinyModels.Pattern(200, 136, seed: 9));
        var tiling = new TilingOptions(TileSize: 64, Overlap: 16, BatchSize: 3);

        using var torchEngine = Segmenter.Open(path, InferenceEngine.Torch, "cpu", 2, tiling, PostProcessingOptions.Default);
        using var onnxEngine = Segmenter.Open(path, InferenceEngine.Onnx, "cpu", 2, tiling, PostProcessingOptions.Default);
        var expected = torchEngine.Predict(image);
        var actual = onnxEngine.Predict(image);

        Assert.StartsWith("torch", torchEngine.Engine, StringComparison.Ordinal);
        Assert.StartsWith("onnxruntime", onnxEngine.Engine, StringComparison.Ordinal);
        Assert.Equal(expected.Length, actual.Length);
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.True(expected[k].Zip(actual[k], (e, a) => Math.Abs(e - a)).Max() <= 1e-5);
        }

        var onnxPath = Path.Combine(this.scratch.Path, "model.onnx");
        File.WriteAllBytes(onnxPath, OnnxExporter.Export(path));
        using var fromFile = Segmenter.Open(onnxPath, InferenceEngine.Onnx, "cpu", 1, tiling, PostProcessingOptions.Default);
        Assert.Equal(ModelFile.ReadMetadata(path).Spec, fromFile.Metadata.Spec);
        Assert.Equal("7", fromFile.Metadata.Training["seed"]);
        Assert.Equal(expected[0].Length, fromFile.Predict(image)[0].Length);
    }

    [Fact]
    public void AnOnnxModelMadeElsewhere_RunsWithAssumedMetadata_AndGarbageIsAClearError()
    {
        var path = this.SavedModel(TinyModels.Spec, seed: 2);
        var (metadata, weights) = ModelFile.ReadWeights(path);
        var onnx = OnnxExporter.Build(metadata, weights);
        onnx.MetadataProps.Clear();
        var foreign = Path.Combine(this.scratch.Path, "foreign.onnx");
        File.WriteAllBytes(foreign, onnx.ToByteArray());

        var (assumed, network) = OnnxModels.Open(foreign, 1);
        using (network)
        {
            Assert.Equal(TinyModels.Spec.Outputs, assumed.Spec.Outputs);
            Assert.Equal(OutputKind.Instances, assumed.Spec.Output);
            Assert.Equal(InputNormalisation.Default, assumed.Normalisation);
        }

        var garbage = Path.Combine(this.scratch.Path, "garbage.onnx");
        File.WriteAllBytes(garbage, [0x08, 0x07, 0x12, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]);
        var e = Assert.Throws<InputFileException>(() => OnnxModels.Open(garbage, 1));
        Assert.Contains("garbage.onnx", e.Message, StringComparison.Ordinal);
        Assert.Throws<InputFileException>(() => OnnxModels.Open(Path.Combine(this.scratch.Path, "missing.onnx"), 1));
    }

    [Fact]
    public void WeightsReadWithoutLibtorch_EqualThoseTorchSharpLoads_ForFloat16Files()
    {
        var spec = TinyModels.Spec;
        using var model = TinyModels.Create(spec);
        Perturb(model, 4);
        var path = Path.Combine(this.scratch.Path, "half.dislocate");
        ModelFile.Save(path, model, TinyModels.Metadata(spec), halfWeights: true);

        var (loaded, _) = ModelFile.Load(path, CPU);
        using (loaded)
        {
            var (_, weights) = ModelFile.ReadWeights(path);
            var state = loaded.state_dict();
            Assert.Equal(state.Keys.OrderBy(k => k, StringComparer.Ordinal), weights.Keys.OrderBy(k => k, StringComparer.Ordinal));
            foreach (var (name, tensor) in state)
            {
                Assert.Equal(tensor.shape, weights[name].Shape);
                Assert.Equal(tensor.to_type(ScalarType.Float32).data<float>().ToArray(), weights[name].Values);
            }
        }
    }

    [Theory]
    [InlineData("auto", "m.dislocate", "auto", false, "Onnx")]
    [InlineData("auto", "m.dislocate", "cpu", true, "Torch")]
    [InlineData("auto", "m.dislocate", "cuda", false, "Torch")]
    [InlineData("auto", "m.ONNX", "auto", false, "Onnx")]
    [InlineData("torch", "m.dislocate", "auto", false, "Torch")]
    [InlineData("onnx", "m.dislocate", "cpu", false, "Onnx")]
    public void EngineChoice_TakesOnnxRuntimeOnTheCpu_AndLibtorchForCudaOrResize(string choice, string model, string device, bool resize, string expected) =>
        Assert.Equal(expected, EngineChoice.Resolve(choice, model, device, resize).ToString());

    [Fact]
    public void EngineChoice_TakesOnnxRuntimeOnCuda_WhereItsCudaProviderIsBuiltIn()
    {
        Assert.Equal(InferenceEngine.Onnx, EngineChoice.Resolve("auto", "m.dislocate", "cuda", false, onnxCuda: true));
        Assert.Equal(InferenceEngine.Onnx, EngineChoice.Resolve("onnx", "m.dislocate", "cuda", false, onnxCuda: true));
        Assert.Equal(InferenceEngine.Torch, EngineChoice.Resolve("auto", "m.dislocate", "cuda", false, onnxCuda: false));
        Assert.False(OnnxTileNetwork.CudaAvailable); // this build takes the CPU package
    }

    [Fact]
    public void EngineChoice_RefusesWhatAnEngineCannotDo_NamingTheParameter()
    {
        Assert.Equal("engine", Assert.Throws<ParameterException>(() => EngineChoice.Resolve("torch", "m.onnx", "cpu", false)).Key);
        Assert.Equal("engine", Assert.Throws<ParameterException>(() => EngineChoice.Resolve("onnx", "m.dislocate", "cuda", false)).Key);
        Assert.Equal("resize", Assert.Throws<ParameterException>(() => EngineChoice.Resolve("onnx", "m.dislocate", "cpu", true)).Key);
    }

    private static double MaxDifference(float[] a, double[] b) => a.Select((v, i) => Math.Abs(v - b[i])).Max();

    private static double MaxDifference(float[] a, float[] b) => a.Zip(b, (x, y) => (double)Math.Abs(x - y)).Max();

    // Logits of one image from TorchSharp in float32, from ONNX Runtime (the exported graph) and from TorchSharp in
    // float64 (the reference both are held to).
    private (float[] Torch32, float[] Onnx, double[] Float64) ThreeWays(ModelSpec spec, int width, int height)
    {
        var path = this.SavedModel(spec, seed: (int)spec.Encoder + 1);
        var image = TinyModels.Pattern(width, height, seed: 3);
        var normalised = new float[image.Length];
        InputNormalisation.Default.Apply(image, normalised);

        var (model, _) = ModelFile.Load(path, CPU);
        float[] torch32;
        double[] float64;
        using (model)
        {
            torch32 = TinyModels.Logits(model, normalised, width, height);
            foreach (var m in model.modules())
            {
                if (m is TorchSharp.Modules.Conv2d or TorchSharp.Modules.BatchNorm2d)
                {
                    m.to(ScalarType.Float64);
                }
            }

            using var noGrad = no_grad();
            using var x = tensor(normalised.Select(v => (double)v).ToArray(), [1, 1, height, width]);
            float64 = model.call(x).data<double>().ToArray();
        }

        var (metadata, weights) = ModelFile.ReadWeights(path);
        var onnx = OnnxExporter.Build(metadata, weights);
        Assert.Equal(OnnxExporter.Opset, Assert.Single(onnx.OpsetImport).Version);
        using var session = new InferenceSession(onnx.ToByteArray());
        using var options = new RunOptions();
        using var input = OrtValue.CreateTensorValueFromMemory(normalised, [1, 1, height, width]);
        using var outputs = session.Run(options, [OnnxExporter.InputName], [input], [OnnxExporter.OutputName]);
        var actual = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        Assert.Equal(torch32.Length, actual.Length);
        return (torch32, actual, float64);
    }

    // Batch-norm statistics and affine parameters (the 1-D tensors outside the head) away from their initial 0/1, so folding them into the convolutions is tested.
    private static void Perturb(UNetPlusPlus model, int seed)
    {
        using var noGrad = no_grad();
        var generator = new Generator((ulong)seed);
        foreach (var (name, tensor) in model.state_dict())
        {
            if (!tensor.is_floating_point())
            {
                continue;
            }

            var u = rand(tensor.shape, generator: generator);
            if (name == "segmentation_head.0.weight")
            {
                // Logits of a trained model stay within about ±10 (the sigmoid saturates); random ones reach ±80.
                tensor.mul_(0.1);
            }
            else if (name.EndsWith("running_var", StringComparison.Ordinal))
            {
                tensor.copy_((u * 1.0) + 0.5);
            }
            else if (tensor.dim() == 1 && !name.StartsWith("segmentation_head", StringComparison.Ordinal))
            {
                tensor.copy_(name.EndsWith("weight", StringComparison.Ordinal) ? (u * 0.4) + 0.8 : (u - 0.5) * 0.2);
            }
        }
    }

    private string SavedModel(ModelSpec spec, int seed)
    {
        using var model = TinyModels.Create(spec);
        Perturb(model, seed);
        var path = Path.Combine(this.scratch.Path, $"{spec.Encoder}-{seed}.dislocate");
        ModelFile.Save(path, model, TinyModels.Metadata(spec));
        return path;
    }
}
