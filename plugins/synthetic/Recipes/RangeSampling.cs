using Dislocate.Contracts;
using Dislocate.Core.Random;

namespace Dislocate.Synthetic.Recipes;

/// <summary>Draws values from parameter ranges: reals uniformly in [min, max], whole numbers uniformly in {⌈min⌉ … ⌊max⌋}.</summary>
internal static class RangeSampling
{
    public static double Draw(this Rng rng, ValueRange range) =>
        range.IsFixed ? range.Min : rng.Uniform(range.Min, range.Max);

    public static int DrawWhole(this Rng rng, ValueRange range)
    {
        var lo = (int)Math.Ceiling(range.Min);
        var hi = (int)Math.Floor(range.Max);
        return hi <= lo ? lo : rng.NextInt(lo, hi + 1);
    }
}
