using System.Globalization;

namespace Dislocate.Segment.Model;

/// <summary>The architecture of a <see cref="UNetPlusPlus"/>: everything needed to rebuild it before loading weights.</summary>
/// <param name="Encoder">The ResNet encoder.</param>
/// <param name="Outputs">Number of output masks N (the paper uses 20): each is meant to hold one dislocation.</param>
/// <param name="DecoderScale">
/// Width factor of the decoder's main path: 1.0 gives segmentation_models_pytorch's decoder channels 256, 128, 64, 32,
/// 16; 0.5 halves them. The nested UNet++ nodes keep the encoder's widths, as in smp, so a scaled model still loads
/// weights of smp's <c>UnetPlusPlus(decoder_channels=…)</c> with the same channels.
/// </param>
/// <param name="InputChannels">Channels of the input image (1 for TEM images).</param>
/// <param name="Output">What the outputs mean: N instance masks (the paper) or one line map (then <paramref name="Outputs"/> is 1).</param>
/// <param name="NestedScale">
/// Width factor of the nested UNet++ nodes (x_d_l with d ≥ 1), which smp gives the encoder's widths: 1 is smp's (and
/// the paper's) network; 0.5 halves them. Beyond the paper: at crop 256 those nodes at stride 2 and 4 cost about 60 %
/// of a ResNet-18 model's operations, so 0.5 roughly halves its training and inference time.
/// </param>
public sealed record ModelSpec(EncoderKind Encoder = EncoderKind.ResNet50, int Outputs = 20, double DecoderScale = 1.0, int InputChannels = 1, OutputKind Output = OutputKind.Instances, double NestedScale = 1.0)
{
    /// <summary>Largest number of outputs accepted; far above any use, it catches corrupted files.</summary>
    public const int MaxOutputs = 1024;

    /// <summary>Largest decoder scale accepted.</summary>
    public const double MaxDecoderScale = 8.0;

    /// <summary>Input height and width must be multiples of this (the encoder downsamples five times by 2).</summary>
    public const int SizeMultiple = 32;

    /// <summary>smp's default decoder channels, from the deepest decoder block to the full-resolution one.</summary>
    public static IReadOnlyList<int> BaseDecoderChannels { get; } = [256, 128, 64, 32, 16];

    /// <summary>The decoder channels after scaling: round(c × <see cref="DecoderScale"/>), at least 1 each.</summary>
    public IReadOnlyList<int> DecoderChannels =>
        Scaled(BaseDecoderChannels, this.DecoderScale);

    /// <summary>
    /// The nested nodes' channels at strides 16, 8, 4 and 2 (deepest first): round(encoder width × <see cref="NestedScale"/>),
    /// at least 1 each; the encoder's own widths when the scale is 1.
    /// </summary>
    public IReadOnlyList<int> NestedChannels =>
        Scaled(this.EncoderChannels.Skip(1).Reverse().Skip(1), this.NestedScale);

    /// <summary>
    /// The encoder's feature channels at strides 1 (the input), 2, 4, 8, 16 and 32, as smp's <c>out_channels</c>.
    /// </summary>
    public IReadOnlyList<int> EncoderChannels => this.Encoder == EncoderKind.ResNet50
        ? [this.InputChannels, 64, 256, 512, 1024, 2048]
        : [this.InputChannels, 64, 64, 128, 256, 512];

    /// <summary>A short description for messages, e.g. "UNet++ resnet50, 20 outputs, decoder ×1, 1 input channel".</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"UNet++ {(Enum.IsDefined(this.Encoder) ? EncoderNames.Name(this.Encoder) : this.Encoder.ToString())}, {(this.Output == OutputKind.LineMap ? "line map" : $"{this.Outputs} outputs")}, decoder ×{this.DecoderScale}{(this.NestedScale == 1 ? string.Empty : $", nested ×{this.NestedScale}")}, {this.InputChannels} input channel{(this.InputChannels == 1 ? string.Empty : "s")}");

    /// <summary>The first problem with this spec as (snake_case field, message), or null when it is valid.</summary>
    public (string Field, string Problem)? FindProblem()
    {
        if (!Enum.IsDefined(this.Encoder))
        {
            return ("encoder", $"'{this.Encoder}' is not one of {string.Join(", ", EncoderNames.All)}");
        }

        if (this.Outputs is < 1 or > MaxOutputs)
        {
            return ("outputs", $"must be between 1 and {MaxOutputs}, got {this.Outputs}");
        }

        if (!double.IsFinite(this.DecoderScale) || this.DecoderScale <= 0 || this.DecoderScale > MaxDecoderScale)
        {
            return ("decoder_scale", $"must be in (0, {MaxDecoderScale}], got {this.DecoderScale}");
        }

        if (!double.IsFinite(this.NestedScale) || this.NestedScale <= 0 || this.NestedScale > 1)
        {
            return ("nested_scale", $"must be in (0, 1], got {this.NestedScale}");
        }

        if (!Enum.IsDefined(this.Output))
        {
            return ("output", $"'{this.Output}' is not instances or line_map");
        }

        if (this.Output == OutputKind.LineMap && this.Outputs != 1)
        {
            return ("outputs", $"a line-map model has 1 output, got {this.Outputs}");
        }

        if (this.InputChannels is < 1 or > 16)
        {
            return ("input_channels", $"must be between 1 and 16, got {this.InputChannels}");
        }

        return null;
    }

    // Channel counts times a width scale, rounded half away from zero, at least 1 each.
    private static int[] Scaled(IEnumerable<int> channels, double scale) =>
        [.. channels.Select(c => Math.Max(1, (int)Math.Round(c * scale, MidpointRounding.AwayFromZero)))];
}
