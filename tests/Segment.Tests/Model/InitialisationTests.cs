using Dislocate.Segment.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Dislocate.Segment.Tests.Model;

[Collection(TorchGlobalState.Name)]
public class InitialisationTests
{
    [Fact]
    public void SameSeedGivesSameWeightsAndAnotherSeedDoesNot()
    {
        manual_seed(11);
        using var a = TinyModels.Create();
        manual_seed(11);
        using var b = TinyModels.Create();
        manual_seed(12);
        using var c = TinyModels.Create();
        var sa = a.state_dict();
        var sb = b.state_dict();
        var sc = c.state_dict();
        Assert.All(sa, kv => Assert.True(TinyModels.Same(kv.Value, sb[kv.Key]), kv.Key));
        Assert.False(TinyModels.Same(sa["encoder.conv1.weight"], sc["encoder.conv1.weight"]));
        Assert.False(TinyModels.Same(sa["decoder.blocks.x_0_0.conv1.0.weight"], sc["decoder.blocks.x_0_0.conv1.0.weight"]));
    }

    [Fact]
    public void InitialisationFollowsTorchvisionAndSmp()
    {
        manual_seed(3);
        using var model = new UNetPlusPlus(new ModelSpec(EncoderKind.ResNet18, 20));
        var state = model.state_dict();

        // Encoder: Kaiming normal, fan-out, ReLU gain: std = √(2 / (512·3·3)).
        AssertStd(state["encoder.layer4.0.conv2.weight"], Math.Sqrt(2.0 / (512 * 9)));

        // Decoder: Kaiming uniform, fan-in: std = √(2 / (768·3·3)) for x_0_0.conv1 (512 upsampled + 256 skip).
        var decoder = state["decoder.blocks.x_0_0.conv1.0.weight"];
        AssertStd(decoder, Math.Sqrt(2.0 / (768 * 9)));
        Assert.True(decoder.abs().max().item<float>() <= Math.Sqrt(6.0 / (768 * 9)) + 1e-7);

        // Head: Xavier uniform, bound √(6 / (fan_in + fan_out)) = √(6 / (16·9 + 20·9)); bias 0.
        var head = state["segmentation_head.0.weight"];
        Assert.True(head.abs().max().item<float>() <= Math.Sqrt(6.0 / ((16 * 9) + (20 * 9))) + 1e-7);
        Assert.Equal(0f, state["segmentation_head.0.bias"].abs().sum().item<float>());

        // Every BatchNorm starts as the identity: weight 1, bias 0.
        foreach (var (name, value) in state)
        {
            if (name.EndsWith("bn1.weight", StringComparison.Ordinal) || name.EndsWith(".1.weight", StringComparison.Ordinal))
            {
                Assert.Equal(0f, (value - 1).abs().max().item<float>());
            }
            else if (name.EndsWith("bn1.bias", StringComparison.Ordinal) || name.EndsWith(".1.bias", StringComparison.Ordinal))
            {
                Assert.Equal(0f, value.abs().max().item<float>());
            }
        }
    }

    private static void AssertStd(Tensor weight, double expected)
    {
        var std = weight.std().item<float>();
        Assert.InRange(std, expected * 0.97, expected * 1.03);
    }
}
