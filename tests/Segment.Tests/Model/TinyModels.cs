using Dislocate.Segment.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Dislocate.Segment.Tests.Model;

/// <summary>Small networks and helpers shared by the model and inference tests.</summary>
internal static class TinyModels
{
    /// <summary>ResNet-18, 3 outputs, decoder ×0.25: the smallest useful UNet++.</summary>
    public static ModelSpec Spec { get; } = new(EncoderKind.ResNet18, Outputs: 3, DecoderScale: 0.25);

    private static readonly Lazy<UNetPlusPlus> SharedModel = new(Create);

    /// <summary>One tiny network in eval mode shared by tests that only read it (building one costs more than using it).</summary>
    public static UNetPlusPlus Shared => SharedModel.Value;

    /// <summary>A freshly initialised tiny network in eval mode.</summary>
    public static UNetPlusPlus Create() => Create(Spec);

    public static UNetPlusPlus Create(ModelSpec spec)
    {
        var model = new UNetPlusPlus(spec);
        model.eval();
        return model;
    }

    public static ModelMetadata Metadata(ModelSpec spec, int tileSize = 64) => new(
        spec,
        InputNormalisation.Default,
        tileSize,
        new Dictionary<string, string> { ["dataset"] = "unit test", ["seed"] = "7", ["note"] = "ünïcödé ✓" },
        SegmentPlugin.Version);

    /// <summary>A deterministic test image with structure at several scales, values in [0, 1].</summary>
    public static float[] Pattern(int width, int height, int seed = 1)
    {
        var pixels = new float[width * height];
        var state = (uint)(seed * 2654435761u) | 1u;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                var noise = (state % 1000) / 1000.0;
                var smooth = 0.5 + (0.3 * Math.Sin(x * 0.21) * Math.Cos(y * 0.13));
                pixels[(y * width) + x] = (float)((0.7 * smooth) + (0.3 * noise));
            }
        }

        return pixels;
    }

    /// <summary>Runs the network on one normalised image and returns its logits (or their sigmoid) as a flat array.</summary>
    public static float[] Logits(UNetPlusPlus model, float[] normalised, int width, int height, bool sigmoid = false)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var input = tensor(normalised, [1, 1, height, width]);
        var output = model.call(input);
        return (sigmoid ? output.sigmoid() : output).data<float>().ToArray();
    }

    /// <summary>Whether two tensors have the same shape, type and every element bitwise equal.</summary>
    public static bool Same(Tensor a, Tensor b) =>
        a.shape.SequenceEqual(b.shape) && a.dtype == b.dtype && a.eq(b).all().item<bool>();

}
