using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dislocate.Segment.Model;

/// <summary>
/// torchvision's ResNet Bottleneck (1×1, 3×3, 1×1 convolutions and a shortcut), used by ResNet-50; the stride sits on
/// the 3×3 convolution ("ResNet v1.5"), as in torchvision and the ImageNet weights smp uses.
/// </summary>
internal sealed class Bottleneck : nn.Module<Tensor, Tensor>
{
    /// <summary>Output channels per <c>planes</c>.</summary>
    public const int Expansion = 4;

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Conv2d conv3;
    private readonly BatchNorm2d bn3;
    private readonly Sequential? downsample;

    /// <summary>Creates a block from <paramref name="inputChannels"/> to 4 × <paramref name="planes"/> channels; the 3×3 convolution has <paramref name="stride"/>.</summary>
    public Bottleneck(string name, long inputChannels, long planes, long stride)
        : base(name)
    {
        this.conv1 = nn.Conv2d(inputChannels, planes, 1, bias: false);
        this.bn1 = nn.BatchNorm2d(planes);
        this.conv2 = nn.Conv2d(planes, planes, 3, stride: stride, padding: 1, bias: false);
        this.bn2 = nn.BatchNorm2d(planes);
        this.conv3 = nn.Conv2d(planes, planes * Expansion, 1, bias: false);
        this.bn3 = nn.BatchNorm2d(planes * Expansion);
        if (stride != 1 || inputChannels != planes * Expansion)
        {
            this.downsample = ResNetEncoder.Downsample(inputChannels, planes * Expansion, stride);
        }

        this.RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var identity = this.downsample is null ? input : this.downsample.call(input);
        var x = this.bn1.call(this.conv1.call(input)).relu_();
        x = this.bn2.call(this.conv2.call(x)).relu_();
        x = this.bn3.call(this.conv3.call(x));
        return scope.MoveToOuter(x.add_(identity).relu_());
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            this.conv1.Dispose();
            this.bn1.Dispose();
            this.conv2.Dispose();
            this.bn2.Dispose();
            this.conv3.Dispose();
            this.bn3.Dispose();
            this.downsample?.Dispose();
        }

        base.Dispose(disposing);
    }
}
