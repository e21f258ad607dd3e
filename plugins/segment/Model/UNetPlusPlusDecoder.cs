using System.Globalization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dislocate.Segment.Model;

/// <summary>
/// The nested, densely connected UNet++ decoder (Zhou et al. 2018) laid out exactly as smp's UnetPlusPlusDecoder:
/// node <c>x_{d}_{l}</c> (d = depth index, l = layer index) is registered as <c>blocks.x_{d}_{l}</c>.
/// </summary>
/// <remarks>
/// With encoder features reversed from the deepest (f0, stride 32) to stride 2 (f4): node x_d_d upsamples f_d and
/// joins f_(d+1); node x_d_l (l &gt; d) upsamples x_d_(l−1) and joins x_(d+1)_l … x_l_l and f_(l+1). The last node
/// x_0_4 upsamples x_0_3 to full resolution without a skip. Only the x_0_* nodes use the decoder channels; the nested
/// nodes keep the encoder's widths, as smp's, unless nested channels are given (<see cref="ModelSpec.NestedScale"/>).
/// </remarks>
internal sealed class UNetPlusPlusDecoder : nn.Module<IReadOnlyList<Tensor>, Tensor>
{
    private readonly ModuleDict<DecoderBlock> blocks;
    private readonly int depth;

    /// <summary>
    /// Builds the decoder for encoder channels (input first, as smp's <c>out_channels</c>), decoder channels and, optionally,
    /// the nested nodes' channels per layer (deepest first; null = the encoder's widths, smp's network).
    /// </summary>
    public UNetPlusPlusDecoder(IReadOnlyList<int> encoderChannels, IReadOnlyList<int> decoderChannels, IReadOnlyList<int>? nestedChannels = null)
        : base("decoder")
    {
        ArgumentNullException.ThrowIfNull(encoderChannels);
        ArgumentNullException.ThrowIfNull(decoderChannels);
        if (encoderChannels.Count != decoderChannels.Count + 1)
        {
            throw new ArgumentException($"{decoderChannels.Count} decoder blocks need {decoderChannels.Count + 1} encoder feature maps, got {encoderChannels.Count}", nameof(encoderChannels));
        }

        // Drop the full-resolution input "feature" and start from the deepest map, as smp does.
        var encoder = encoderChannels.Skip(1).Reverse().ToArray();
        int[] inputs = [encoder[0], .. decoderChannels.Take(decoderChannels.Count - 1)];
        int[] skips = [.. encoder.Skip(1), 0];
        this.depth = inputs.Length - 1;
        var nested = nestedChannels?.ToArray() ?? skips[..this.depth];
        if (nested.Length != this.depth)
        {
            throw new ArgumentException($"{this.depth} nested layers need {this.depth} widths, got {nested.Length}", nameof(nestedChannels));
        }

        var named = new List<(string, DecoderBlock)>();
        for (var layer = 0; layer < this.depth; layer++)
        {
            for (var d = 0; d <= layer; d++)
            {
                // x_d_d upsamples the encoder's map; x_d_l (l > d) the nested node x_d_(l−1). Each joins the l − d nested
                // nodes to its right and the encoder's map at its stride (x_0_l: all l of them).
                var block = d == 0
                    ? new DecoderBlock(inputs[layer], (nested[layer] * layer) + skips[layer], decoderChannels[layer])
                    : new DecoderBlock(d == layer ? skips[layer - 1] : nested[layer - 1], (nested[layer] * (layer - d)) + skips[layer], nested[layer]);
                named.Add((Key(d, layer), block));
            }
        }

        named.Add((Key(0, this.depth), new DecoderBlock(inputs[^1], 0, decoderChannels[^1])));
        this.blocks = nn.ModuleDict([.. named]);
        this.RegisterComponents();
    }

    /// <summary>Decodes the six encoder feature maps (input first) into the full-resolution decoder output.</summary>
    public override Tensor forward(IReadOnlyList<Tensor> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        var features = input.Skip(1).Reverse().ToArray();
        var dense = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        for (var layer = 0; layer < this.depth; layer++)
        {
            for (var d = 0; d < this.depth - layer; d++)
            {
                if (layer == 0)
                {
                    dense[Key(d, d)] = this.blocks[Key(d, d)].call(features[d], features[d + 1]);
                    continue;
                }

                var l = d + layer;
                var joined = new List<Tensor>();
                for (var i = d + 1; i <= l; i++)
                {
                    joined.Add(dense[Key(i, l)]);
                }

                joined.Add(features[l + 1]);
                dense[Key(d, l)] = this.blocks[Key(d, l)].call(dense[Key(d, l - 1)], cat(joined, 1));
            }
        }

        var output = this.blocks[Key(0, this.depth)].call(dense[Key(0, this.depth - 1)], null);
        return scope.MoveToOuter(output);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            this.blocks.Dispose();
        }

        base.Dispose(disposing);
    }

    private static string Key(int depthIndex, int layerIndex) =>
        string.Create(CultureInfo.InvariantCulture, $"x_{depthIndex}_{layerIndex}");
}
