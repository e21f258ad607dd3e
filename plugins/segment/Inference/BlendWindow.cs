using Dislocate.Core.Numerics;
namespace Dislocate.Segment.Inference;

/// <summary>
/// The 1-D blending weights of a tile along one axis: 1 inside, rising as sin² over the overlap at each side that has a
/// neighbour, and &gt; 0 everywhere so every pixel keeps a defined weighted mean.
/// </summary>
/// <remarks>
/// The ramp at distance i (0-based) from an edge is sin²(π/2 · (i + ½) / overlap). The falling ramp of one tile and the
/// rising ramp of the next, over the same <c>overlap</c> pixels, are cos² and sin² of the same angle and sum to 1;
/// where tiles overlap by more, the weighted mean divides by the summed weight, so the blend is exact either way. Sides
/// at the image border are not tapered: a tile alone there keeps weight 1.
/// </remarks>
internal static class BlendWindow
{
    /// <summary>Weights for a tile of <paramref name="tile"/> pixels; <paramref name="taperStart"/>/<paramref name="taperEnd"/> say which sides have a neighbour.</summary>
    public static float[] Create(int tile, int overlap, bool taperStart, bool taperEnd)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tile);
        if (overlap < 0 || 2 * overlap > tile)
        {
            throw new ArgumentOutOfRangeException(nameof(overlap), overlap, $"Overlap must be in [0, {tile / 2}].");
        }

        var weights = new float[tile];
        for (var i = 0; i < tile; i++)
        {
            var w = 1.0;
            if (taperStart && i < overlap)
            {
                w = Math.Min(w, Ramp(i, overlap));
            }

            var fromEnd = tile - 1 - i;
            if (taperEnd && fromEnd < overlap)
            {
                w = Math.Min(w, Ramp(fromEnd, overlap));
            }

            weights[i] = (float)w;
        }

        return weights;
    }

    /// <summary>The rising ramp value at distance <paramref name="i"/> from the tile edge: sin²(π/2 · (i + ½) / overlap), in (0, 1).</summary>
    public static double Ramp(int i, int overlap)
    {
        var s = DeterministicMath.Sin(Math.PI / 2 * (i + 0.5) / overlap);
        return s * s;
    }
}
