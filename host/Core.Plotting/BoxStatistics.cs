namespace Dislocate.Core.Plotting;

/// <summary>Quartiles, Tukey whiskers and outliers of a sample, as matplotlib's <c>boxplot</c> computes them.</summary>
/// <remarks>
/// Percentiles use linear interpolation between order statistics (Hyndman–Fan type 7, numpy's default and Excel's
/// QUARTILE.INC): the p-quantile of the sorted finite values v[0..n−1] is v[⌊h⌋] + (h − ⌊h⌋)(v[⌊h⌋+1] − v[⌊h⌋]) with
/// h = (n − 1)p. So 1..9 gives Q1 = 3, median = 5, Q3 = 7. Whiskers reach the most extreme data points within 1.5·IQR
/// of the box; every value beyond them is an outlier. NaN and ±∞ values are ignored.
/// </remarks>
public static class BoxStatistics
{
    /// <summary>The whisker reach in interquartile ranges (Tukey's 1.5).</summary>
    public const double WhiskerReach = 1.5;

    /// <summary>The summary of the finite values among <paramref name="values"/> (input not modified).</summary>
    public static BoxSummary Compute(ReadOnlySpan<double> values)
    {
        var sorted = new double[CountFinite(values)];
        var n = 0;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                sorted[n++] = v;
            }
        }

        if (n == 0)
        {
            return new BoxSummary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, []);
        }

        Array.Sort(sorted);
        var q1 = Quantile(sorted, 0.25);
        var median = Quantile(sorted, 0.5);
        var q3 = Quantile(sorted, 0.75);
        var reach = WhiskerReach * (q3 - q1);
        var lowFence = q1 - reach;
        var highFence = q3 + reach;

        // The fences lie outside [Q1, Q3] and the box holds data, so both whiskers find a value.
        var low = 0;
        while (sorted[low] < lowFence)
        {
            low++;
        }

        var high = n - 1;
        while (sorted[high] > highFence)
        {
            high--;
        }

        var outliers = new double[low + (n - 1 - high)];
        sorted.AsSpan(0, low).CopyTo(outliers);
        sorted.AsSpan(high + 1).CopyTo(outliers.AsSpan(low));
        return new BoxSummary(n, q1, median, q3, sorted[low], sorted[high], outliers);
    }

    /// <summary>The <paramref name="p"/>-quantile (0 ≤ p ≤ 1) of ascending, non-empty <paramref name="sorted"/> by linear interpolation (type 7).</summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("At least one value is required.", nameof(sorted));
        }

        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "The quantile must be in [0, 1].");
        }

        var h = (sorted.Length - 1) * p;
        var below = (int)Math.Floor(h);
        if (below >= sorted.Length - 1)
        {
            return sorted[^1];
        }

        var fraction = h - below;
        return fraction == 0 ? sorted[below] : sorted[below] + (fraction * (sorted[below + 1] - sorted[below]));
    }

    private static int CountFinite(ReadOnlySpan<double> values)
    {
        var count = 0;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                count++;
            }
        }

        return count;
    }
}
