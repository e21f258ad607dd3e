using Dislocate.Segment.Torch;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Dislocate.Segment.Model;

/// <summary>
/// UNet++ (Zhou et al., "UNet++: A Nested U-Net Architecture for Medical Image Segmentation", 2018) with a ResNet
/// encoder, laid out as segmentation_models_pytorch's <c>UnetPlusPlus</c> so its state-dict names match
/// (encoder.*, decoder.blocks.x_d_l.*, segmentation_head.0.*).
/// </summary>
/// <remarks>
/// Forward: [B, InputChannels, H, W] float → logits [B, Outputs, H, W]; H and W must be multiples of 32. No activation
/// is applied: losses take logits, inference applies the sigmoid. Weights are initialised as torchvision (encoder:
/// Kaiming normal, fan-out) and smp (decoder: Kaiming uniform, fan-in; head: Xavier uniform), BatchNorm weight 1 and
/// bias 0, all from Torch's generator, so <c>torch.manual_seed</c> makes them reproducible.
/// </remarks>
internal sealed class UNetPlusPlus : nn.Module<Tensor, Tensor>
{
    private readonly ResNetEncoder encoder;
    private readonly UNetPlusPlusDecoder decoder;

    [ComponentName(Name = "segmentation_head")]
    private readonly Sequential head;

    /// <summary>Builds a freshly initialised network for <paramref name="spec"/>; an invalid spec is an <see cref="ArgumentException"/>.</summary>
    public UNetPlusPlus(ModelSpec spec)
        : base(nameof(UNetPlusPlus))
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.FindProblem() is { } problem)
        {
            throw new ArgumentException($"Invalid model spec: {problem.Field} {problem.Problem}.", nameof(spec));
        }

        TorchRuntime.EnsureInitialized(); // the process-wide kernel settings must precede any use of the network
        this.Spec = spec;
        var decoderChannels = spec.DecoderChannels;
        this.encoder = new ResNetEncoder(spec.Encoder, spec.InputChannels);
        this.decoder = new UNetPlusPlusDecoder(spec.EncoderChannels, decoderChannels, spec.NestedChannels);
        this.head = nn.Sequential(("0", nn.Conv2d(decoderChannels[^1], spec.Outputs, 3, padding: 1)));
        this.RegisterComponents();
        this.Initialise();
    }

    /// <summary>The architecture this network was built for.</summary>
    public ModelSpec Spec { get; }

    /// <summary>Number of trainable parameters.</summary>
    public long ParameterCount => this.parameters().Sum(p => p.numel());

    /// <summary>
    /// Copies into this network every weight and buffer of <paramref name="source"/> with the same name, shape and type;
    /// returns how many of this network's tensors it took, of how many (all of them when both have one spec).
    /// </summary>
    public (int Taken, int Total) CopyMatchingWeights(UNetPlusPlus source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var from = source.state_dict();
        var to = this.state_dict();
        var taken = 0;
        using (no_grad())
        {
            foreach (var (name, tensor) in to)
            {
                if (from.TryGetValue(name, out var value) && value.shape.SequenceEqual(tensor.shape) && value.dtype == tensor.dtype)
                {
                    tensor.copy_(value);
                    taken++;
                }
            }
        }

        return (taken, to.Count);
    }

    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 4 || input.shape[1] != this.Spec.InputChannels)
        {
            throw new ArgumentException($"UNet++ expects input [batch, {this.Spec.InputChannels}, height, width], got [{string.Join(", ", input.shape)}].", nameof(input));
        }

        if (input.shape[2] % ModelSpec.SizeMultiple != 0 || input.shape[3] % ModelSpec.SizeMultiple != 0)
        {
            throw new ArgumentException(
                $"UNet++ input height and width must be multiples of {ModelSpec.SizeMultiple}, got {input.shape[2]}×{input.shape[3]} (pad or tile the image).",
                nameof(input));
        }

        using var scope = NewDisposeScope();
        var features = this.encoder.call(input);
        var decoded = this.decoder.call(features);
        return scope.MoveToOuter(this.head.call(decoded));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            this.encoder.Dispose();
            this.decoder.Dispose();
            this.head.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Initialise()
    {
        using var noGrad = no_grad();
        foreach (var module in this.encoder.modules())
        {
            InitialiseUnit(module, conv => nn.init.kaiming_normal_(conv.weight, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU));
        }

        foreach (var module in this.decoder.modules())
        {
            InitialiseUnit(module, conv => nn.init.kaiming_uniform_(conv.weight, mode: nn.init.FanInOut.FanIn, nonlinearity: nn.init.NonlinearityType.ReLU));
        }

        foreach (var module in this.head.modules())
        {
            InitialiseUnit(module, conv => nn.init.xavier_uniform_(conv.weight));
        }
    }

    private static void InitialiseUnit(nn.Module module, Action<Conv2d> initialiseWeight)
    {
        switch (module)
        {
            case Conv2d conv:
                initialiseWeight(conv);
                if (conv.bias is { } bias)
                {
                    nn.init.zeros_(bias);
                }

                break;
            case BatchNorm2d norm:
                nn.init.ones_(norm.weight!);
                nn.init.zeros_(norm.bias!);
                break;
            default:
                break;
        }
    }
}
