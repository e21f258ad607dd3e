using Dislocate.Core.Plotting;

namespace Dislocate.Track.Analysis;

/// <summary>The distribution of a track's signed step sizes (px/frame).</summary>
/// <remarks>Quantiles interpolate linearly between order statistics (type 7, numpy's default; see <see cref="BoxStatistics.Quantile"/>).</remarks>
/// <param name="Count">Number of steps.</param>
/// <param name="Mean">Mean step; NaN without steps.</param>
/// <param name="StandardDeviation">Sample standard deviation (n − 1); NaN for fewer than two steps.</param>
/// <param name="P10">10th percentile; NaN without steps.</param>
/// <param name="P50">Median; NaN without steps.</param>
/// <param name="P90">90th percentile; NaN without steps.</param>
/// <param name="Max">Largest step; NaN without steps.</param>
public sealed record StepStatistics(int Count, double Mean, double StandardDeviation, double P10, double P50, double P90, double Max)
{
    /// <summary>The statistics of <paramref name="steps"/> (input not modified; sums in input order).</summary>
    public static StepStatistics Of(ReadOnlySpan<double> steps)
    {
        var n = steps.Length;
        if (n == 0)
        {
            return new StepStatistics(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sum = 0.0;
        foreach (var s in steps)
        {
            sum += s;
        }

        var mean = sum / n;
        var squares = 0.0;
        foreach (var s in steps)
        {
            squares += (s - mean) * (s - mean);
        }

        var sorted = steps.ToArray();
        Array.Sort(sorted);
        return new StepStatistics(
            n,
            mean,
            n > 1 ? Math.Sqrt(squares / (n - 1)) : double.NaN,
            BoxStatistics.Quantile(sorted, 0.1),
            BoxStatistics.Quantile(sorted, 0.5),
            BoxStatistics.Quantile(sorted, 0.9),
            sorted[^1]);
    }
}
