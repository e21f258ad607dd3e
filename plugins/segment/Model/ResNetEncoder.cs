using Dislocate.Segment.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dislocate.Segment.Model;

/// <summary>
/// A torchvision ResNet without its classifier (no avgpool, no fc), returning the six feature maps smp's
/// ResNetEncoder returns: the input, then strides 2 (after conv1/bn1/relu), 4 (layer1), 8, 16 and 32 (layer4).
/// </summary>
/// <remarks>Layer names equal torchvision's (conv1, bn1, layer1.0.conv1, layer2.0.downsample.0, …), so PyTorch weights load by name.</remarks>
internal sealed class ResNetEncoder : nn.Module<Tensor, Tensor[]>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly Sequential layer4;

    /// <summary>Builds the encoder for <paramref name="kind"/> with <paramref name="inputChannels"/> input channels.</summary>
    public ResNetEncoder(EncoderKind kind, int inputChannels)
        : base("encoder")
    {
        var (bottleneck, blocks) = kind switch
        {
            EncoderKind.ResNet18 => (false, new[] { 2, 2, 2, 2 }),
            EncoderKind.ResNet34 => (false, new[] { 3, 4, 6, 3 }),
            EncoderKind.ResNet50 => (true, new[] { 3, 4, 6, 3 }),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown encoder"),
        };
        this.conv1 = nn.Conv2d(inputChannels, 64, 7, stride: 2, padding: 3, bias: false);
        this.bn1 = nn.BatchNorm2d(64);
        long channels = 64;
        this.layer1 = MakeLayer(bottleneck, ref channels, 64, blocks[0], 1);
        this.layer2 = MakeLayer(bottleneck, ref channels, 128, blocks[1], 2);
        this.layer3 = MakeLayer(bottleneck, ref channels, 256, blocks[2], 2);
        this.layer4 = MakeLayer(bottleneck, ref channels, 512, blocks[3], 2);
        this.RegisterComponents();
    }

    /// <summary>The 1×1 strided convolution + BatchNorm that matches a block's shortcut to its output (torchvision's <c>downsample</c>).</summary>
    public static Sequential Downsample(long inputChannels, long outputChannels, long stride) => nn.Sequential(
        ("0", nn.Conv2d(inputChannels, outputChannels, 1, stride: stride, bias: false)),
        ("1", nn.BatchNorm2d(outputChannels)));

    public override Tensor[] forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        // Channels-last from the stem on while gradients are recorded: the layout in which oneDNN's gradients are right
        // (see ChannelsLast). Inference keeps NCHW, whose forward pass is right and whose results do not depend on the
        // batch size to more than 1e-5 (in channels-last they differed by 2e-4 between batches of 1 and 4).
        var stem = this.conv1.call(input);
        var relaid = stem.device_type == TorchSharp.DeviceType.CPU && torch.is_grad_enabled() ? ChannelsLast.Of(stem) : stem;
        var stride2 = this.bn1.call(relaid).relu_();
        var stride4 = this.layer1.call(nn.functional.max_pool2d(stride2, 3, stride: 2, padding: 1));
        var stride8 = this.layer2.call(stride4);
        var stride16 = this.layer3.call(stride8);
        var stride32 = this.layer4.call(stride16);
        Tensor[] features = [input, stride2, stride4, stride8, stride16, stride32];
        scope.MoveToOuter(features[1..]);
        return features;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            this.conv1.Dispose();
            this.bn1.Dispose();
            this.layer1.Dispose();
            this.layer2.Dispose();
            this.layer3.Dispose();
            this.layer4.Dispose();
        }

        base.Dispose(disposing);
    }

    private static Sequential MakeLayer(bool bottleneck, ref long channels, long planes, int blocks, long stride)
    {
        var layer = nn.Sequential();
        for (var i = 0; i < blocks; i++)
        {
            var blockStride = i == 0 ? stride : 1;
            nn.Module<Tensor, Tensor> block = bottleneck
                ? new Bottleneck("Bottleneck", channels, planes, blockStride)
                : new BasicBlock("BasicBlock", channels, planes, blockStride);
            layer.append(i.ToString(System.Globalization.CultureInfo.InvariantCulture), block);
            channels = planes * (bottleneck ? Bottleneck.Expansion : BasicBlock.Expansion);
        }

        return layer;
    }
}
