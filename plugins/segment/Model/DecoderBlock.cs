using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dislocate.Segment.Model;

/// <summary>
/// One UNet++ node as smp's DecoderBlock (no attention): nearest ×2 upsampling, concatenation with the skip features,
/// then two <c>Conv2dReLU</c> units (3×3 convolution without bias, BatchNorm, ReLU) named conv1 and conv2.
/// </summary>
internal sealed class DecoderBlock : nn.Module<Tensor, Tensor?, Tensor>
{
    private readonly Sequential conv1;
    private readonly Sequential conv2;

    /// <summary>Creates a node taking <paramref name="inputChannels"/> upsampled plus <paramref name="skipChannels"/> skip channels.</summary>
    public DecoderBlock(long inputChannels, long skipChannels, long outputChannels)
        : base(nameof(DecoderBlock))
    {
        this.conv1 = Conv2dReLU(inputChannels + skipChannels, outputChannels);
        this.conv2 = Conv2dReLU(outputChannels, outputChannels);
        this.RegisterComponents();
    }

    /// <summary>Upsamples <paramref name="input"/> ×2, appends <paramref name="skip"/> (same size as the result) along channels and convolves.</summary>
    public override Tensor forward(Tensor input, Tensor? skip)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.interpolate(input, scale_factor: [2.0, 2.0], mode: InterpolationMode.Nearest);
        if (skip is not null)
        {
            x = cat([x, skip], 1);
        }

        return scope.MoveToOuter(this.conv2.call(this.conv1.call(x)));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            this.conv1.Dispose();
            this.conv2.Dispose();
        }

        base.Dispose(disposing);
    }

    private static Sequential Conv2dReLU(long inputChannels, long outputChannels) => nn.Sequential(
        ("0", nn.Conv2d(inputChannels, outputChannels, 3, padding: 1, bias: false)),
        ("1", nn.BatchNorm2d(outputChannels)),
        ("2", nn.ReLU(inplace: true)));
}
