using Dislocate.Segment.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Dislocate.Segment.Tests.Model;

public class UNetPlusPlusTests
{
    private static readonly Lazy<UNetPlusPlus> ResNet50 = new(() => new UNetPlusPlus(new ModelSpec(EncoderKind.ResNet50, 20)));

    // torchvision's resnet18/34/50 (3 input channels, with fc) have 11,689,512 / 21,797,672 / 25,557,032 parameters;
    // without fc (512·1000+1000 or 2048·1000+1000) and with one input channel (−64·2·7·7 = −6,272):
    [Theory]
    [InlineData(EncoderKind.ResNet18, 11_689_512 - 513_000 - 6_272)]
    [InlineData(EncoderKind.ResNet34, 21_797_672 - 513_000 - 6_272)]
    [InlineData(EncoderKind.ResNet50, 25_557_032 - 2_049_000 - 6_272)]
    public void EncoderHasTorchvisionParameterCount(EncoderKind encoder, long expected)
    {
        using var model = new UNetPlusPlus(new ModelSpec(encoder, Outputs: 1, DecoderScale: 0.25));
        var count = model.named_parameters().Where(p => p.name.StartsWith("encoder.", StringComparison.Ordinal)).Sum(p => p.parameter.numel());
        Assert.Equal(expected, count);
    }

    [Fact]
    public void ResNet50With20OutputsHasSmpParameterCount()
    {
        // smp.UnetPlusPlus("resnet50", in_channels=1, classes=20): 48,982,228 parameters (≈ 49.0 M, as measured in our
        // notes), counted from smp's channel arithmetic by an independent script.
        Assert.Equal(48_982_228, ResNet50.Value.ParameterCount);
    }

    [Fact]
    public void DecoderChannelsScale()
    {
        Assert.Equal([256, 128, 64, 32, 16], new ModelSpec().DecoderChannels);
        Assert.Equal([128, 64, 32, 16, 8], new ModelSpec(DecoderScale: 0.5).DecoderChannels);
        Assert.Equal([64, 32, 16, 8, 4], new ModelSpec(DecoderScale: 0.25).DecoderChannels);
        Assert.Equal([3, 1, 1, 1, 1], new ModelSpec(DecoderScale: 0.01).DecoderChannels); // 2.56 rounds to 3; never 0
    }

    [Theory]
    [InlineData(1.0, 13_172_293)]
    [InlineData(0.5, 12_298_181)]
    public void NestedNodes_TakeTheirScaledWidths_AsThePythonReferenceCounts(double nested, long expected)
    {
        // Counted by bench/pytorch/train_step.py's UNetPlusPlus(0.25, 1, nested) (torch 1.13), an independent build.
        var spec = new ModelSpec(EncoderKind.ResNet18, Outputs: 1, DecoderScale: 0.25, Output: OutputKind.LineMap, NestedScale: nested);
        using var model = new UNetPlusPlus(spec);

        Assert.Equal(expected, model.ParameterCount);
        var shapes = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.shape);
        if (nested == 0.5)
        {
            Assert.Equal([128, 64, 32, 32], spec.NestedChannels);
            Assert.Equal([32, 128, 3, 3], shapes["decoder.blocks.x_2_3.conv1.0.weight"]); // x_2_2 (32) + x_3_3 (32) + stride-2 features (64)
            Assert.Equal([8, 176, 3, 3], shapes["decoder.blocks.x_0_3.conv1.0.weight"]); // x_0_2 (16) + 3 × 32 + 64
            Assert.Equal([32, 128, 3, 3], shapes["decoder.blocks.x_3_3.conv1.0.weight"]); // stride-4 features (64) + stride-2 (64)
        }
        else
        {
            Assert.Equal([256, 128, 64, 64], spec.NestedChannels);
        }

        using var input = randn(1, 1, 64, 64);
        model.eval();
        using var output = model.call(input);
        Assert.Equal([1L, 1, 64, 64], output.shape);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void ANestedScaleOutsideZeroToOne_IsAProblemNamingTheField(double nested)
    {
        Assert.Equal("nested_scale", new ModelSpec(NestedScale: nested).FindProblem()?.Field);
    }

    [Fact]
    public void StateDictUsesTorchvisionAndSmpNames()
    {
        var shapes = ResNet50.Value.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.shape);
        var expected = new Dictionary<string, long[]>
        {
            ["encoder.conv1.weight"] = [64, 1, 7, 7],
            ["encoder.bn1.weight"] = [64],
            ["encoder.bn1.running_mean"] = [64],
            ["encoder.bn1.num_batches_tracked"] = [],
            ["encoder.layer1.0.conv1.weight"] = [64, 64, 1, 1],
            ["encoder.layer1.0.conv3.weight"] = [256, 64, 1, 1],
            ["encoder.layer1.0.downsample.0.weight"] = [256, 64, 1, 1],
            ["encoder.layer1.0.downsample.1.running_var"] = [256],
            ["encoder.layer2.0.conv2.weight"] = [128, 128, 3, 3],
            ["encoder.layer3.5.bn3.bias"] = [1024],
            ["encoder.layer4.0.downsample.0.weight"] = [2048, 1024, 1, 1],
            ["encoder.layer4.2.conv3.weight"] = [2048, 512, 1, 1],
            ["encoder.layer4.2.bn3.running_var"] = [2048],

            // x_0_0: upsampled 2048 + skip 1024 → 256; x_1_1: upsampled 1024 + skip 512 → 512;
            // x_2_3: upsampled x_2_2 (256) + x_3_3 (64) + stride-2 features (64) → 64;
            // x_0_3: upsampled 64 + 4 × 64 skips → 32; x_0_4: 32 → 16 at full resolution, no skip.
            ["decoder.blocks.x_0_0.conv1.0.weight"] = [256, 3072, 3, 3],
            ["decoder.blocks.x_0_0.conv1.1.running_mean"] = [256],
            ["decoder.blocks.x_0_0.conv2.0.weight"] = [256, 256, 3, 3],
            ["decoder.blocks.x_1_1.conv1.0.weight"] = [512, 1536, 3, 3],
            ["decoder.blocks.x_2_3.conv1.0.weight"] = [64, 384, 3, 3],
            ["decoder.blocks.x_0_3.conv1.0.weight"] = [32, 320, 3, 3],
            ["decoder.blocks.x_0_4.conv1.0.weight"] = [16, 32, 3, 3],
            ["decoder.blocks.x_0_4.conv2.1.bias"] = [16],
            ["segmentation_head.0.weight"] = [20, 16, 3, 3],
            ["segmentation_head.0.bias"] = [20],
        };
        foreach (var (name, shape) in expected)
        {
            Assert.True(shapes.ContainsKey(name), $"missing {name}");
            Assert.Equal(shape, shapes[name]);
        }

        // Convolutions followed by BatchNorm have no bias, and there is no classifier.
        Assert.DoesNotContain("decoder.blocks.x_0_0.conv1.0.bias", shapes.Keys);
        Assert.DoesNotContain("encoder.conv1.bias", shapes.Keys);
        Assert.DoesNotContain(shapes.Keys, k => k.StartsWith("encoder.fc", StringComparison.Ordinal));
        Assert.DoesNotContain("encoder.layer4.3.conv1.weight", shapes.Keys);

        var blocks = shapes.Keys.Where(k => k.StartsWith("decoder.", StringComparison.Ordinal)).Select(k => k.Split('.')[2]).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["x_0_0", "x_0_1", "x_0_2", "x_0_3", "x_0_4", "x_1_1", "x_1_2", "x_1_3", "x_2_2", "x_2_3", "x_3_3"], blocks);
        Assert.All(shapes.Keys, k => Assert.Matches(@"^(encoder|decoder\.blocks|segmentation_head)\.", k));
    }

    [Fact]
    public void BasicBlockEncoderNames()
    {
        using var model = new UNetPlusPlus(new ModelSpec(EncoderKind.ResNet18, 3, 0.25));
        var shapes = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.shape);
        Assert.Equal([512, 512, 3, 3], shapes["encoder.layer4.1.conv2.weight"]);
        Assert.Equal([512], shapes["encoder.layer4.1.bn2.running_var"]);
        Assert.Equal([128, 64, 1, 1], shapes["encoder.layer2.0.downsample.0.weight"]);
        Assert.DoesNotContain("encoder.layer1.0.downsample.0.weight", shapes.Keys); // 64 → 64, stride 1: no shortcut conv
        Assert.DoesNotContain("encoder.layer1.0.conv3.weight", shapes.Keys);
        Assert.DoesNotContain("encoder.layer4.2.conv1.weight", shapes.Keys);

        // Decoder ×0.25 (64, 32, 16, 8, 4): x_0_0 joins 512 upsampled + 256 skip.
        Assert.Equal([64, 768, 3, 3], shapes["decoder.blocks.x_0_0.conv1.0.weight"]);
        Assert.Equal([3, 4, 3, 3], shapes["segmentation_head.0.weight"]);
    }

    [Theory]
    [InlineData(1, 64, 64)]
    [InlineData(2, 96, 160)]
    public void OutputHasInputSizeAndOneChannelPerOutput(int batch, int height, int width)
    {
        var model = TinyModels.Shared;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var output = model.call(rand(batch, 1, height, width));
        Assert.Equal([batch, 3, height, width], output.shape);
        Assert.Equal(ScalarType.Float32, output.dtype);
        Assert.True(output.isfinite().all().item<bool>());
    }

    [Theory]
    [InlineData(100, 100)]
    [InlineData(64, 80)]
    public void SizesThatAreNotMultiplesOf32AreRefused(int height, int width)
    {
        var model = TinyModels.Shared;
        using var input = zeros(1, 1, height, width);
        var e = Assert.Throws<ArgumentException>(() => model.call(input));
        Assert.Contains("multiples of 32", e.Message, StringComparison.Ordinal);
        Assert.Contains($"{height}×{width}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongChannelCountIsRefused()
    {
        var model = TinyModels.Shared;
        using var input = zeros(1, 3, 64, 64);
        var e = Assert.Throws<ArgumentException>(() => model.call(input));
        Assert.Contains("[batch, 1, height, width]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidSpecIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new UNetPlusPlus(new ModelSpec(EncoderKind.ResNet18, Outputs: 0)));
        Assert.Contains("outputs", e.Message, StringComparison.Ordinal);
        Assert.Equal("decoder_scale", new ModelSpec(DecoderScale: double.NaN).FindProblem()?.Field);
        Assert.Equal("encoder", new ModelSpec((EncoderKind)7).FindProblem()?.Field);
        Assert.Null(new ModelSpec().FindProblem());
    }

    [Fact]
    public void GradientsReachEveryParameter()
    {
        using var model = TinyModels.Create();
        model.train();
        using var scope = NewDisposeScope();
        var input = rand(2, 1, 64, 64);
        var target = rand(2, 3, 64, 64).gt(0.5).to_type(ScalarType.Float32);
        var loss = nn.functional.binary_cross_entropy_with_logits(model.call(input), target);
        loss.backward();
        foreach (var (name, parameter) in model.named_parameters())
        {
            Assert.True(parameter.grad is { } g && g.abs().sum().item<float>() > 0, $"no gradient reached {name}");
        }
    }

    [Fact]
    public void ForwardLeavesNoLiveTensors()
    {
        var model = TinyModels.Shared;
        using var input = rand(1, 1, 64, 64);
        using var noGrad = no_grad();
        model.call(input).Dispose(); // warm-up: lazily created tensors are not leaks
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        model.call(input).Dispose();
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
