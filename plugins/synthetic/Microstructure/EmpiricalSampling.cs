using Dislocate.Contracts;
using Dislocate.Core.Numerics;
using Dislocate.Core.Random;
using Dislocate.Synthetic.Recipes;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Microstructure;

/// <summary>Draws microstructure quantities from fitted distributions when present, else from the uniform ranges.</summary>
internal static class EmpiricalSampling
{
    public static int Pileups(Rng rng, MicrostructureSettings m) =>
        m.Empirical is { PileupsPerImage.Length: > 0 } e ? e.PileupsPerImage[rng.NextInt(0, e.PileupsPerImage.Length)] : rng.DrawWhole(m.Pileups);

    public static int PerPileup(Rng rng, MicrostructureSettings m) =>
        m.Empirical is { PerPileup.Length: > 0 } e ? e.PerPileup[rng.NextInt(0, e.PerPileup.Length)] : rng.DrawWhole(m.PerPileup);

    public static double Angle(Rng rng, MicrostructureSettings m)
    {
        if (m.Empirical is not { AngleDegrees.Length: > 0 } e)
        {
            return rng.Draw(m.Angle);
        }

        var a = Kernel(rng, e.AngleDegrees);
        return ((a % 180) + 180) % 180;
    }

    public static double SlipWidth(Rng rng, MicrostructureSettings m) =>
        m.Empirical is { SlipWidth.Length: > 0 } e ? Math.Max(1, Kernel(rng, e.SlipWidth)) : rng.Draw(m.SlipWidth);

    public static double Spacing(Rng rng, MicrostructureSettings m) =>
        m.Empirical is { Spacing.Length: > 0 } e ? Math.Max(1, Kernel(rng, e.Spacing)) : rng.Draw(m.Spacing);

    /// <summary>A draw from the Gaussian kernel density estimate of <paramref name="observed"/>.</summary>
    public static double Kernel(Rng rng, double[] observed)
    {
        var pick = observed[rng.NextInt(0, observed.Length)];
        return pick + rng.Normal(0, Bandwidth(observed));
    }

    /// <summary>Silverman's rule of thumb, 0.9·min(σ, IQR/1.34)·n^(−1/5); 0 for fewer than two distinct values.</summary>
    public static double Bandwidth(double[] x)
    {
        if (x.Length < 2)
        {
            return 0;
        }

        var sorted = x.Order().ToArray();
        var mean = sorted.Average();
        var sd = Math.Sqrt(sorted.Sum(v => (v - mean) * (v - mean)) / (sorted.Length - 1));
        var iqr = Quantile(sorted, 0.75) - Quantile(sorted, 0.25);
        var spread = iqr > 0 ? Math.Min(sd, iqr / 1.34) : sd;
        return 0.9 * spread * DeterministicMath.Pow(sorted.Length, -0.2);
    }

    private static double Quantile(double[] sorted, double q)
    {
        var pos = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((pos - lo) * (sorted[hi] - sorted[lo]));
    }

    public static ValueRange Span(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? ValueRange.Fixed(0) : new ValueRange(list.Min(), list.Max());
    }
}
