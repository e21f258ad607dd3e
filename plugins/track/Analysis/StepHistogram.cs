namespace Dislocate.Track.Analysis;

/// <summary>Counts of values in fixed, equal-width bins over [Min, Max], so histograms of several tracks share their bins in one CSV.</summary>
/// <remarks>
/// Bin i covers [Min + i·w, Min + (i+1)·w) with w = (Max − Min)/bins; the last bin also holds Max. Values below Min or
/// above Max are counted in <see cref="Below"/> and <see cref="Above"/>, NaN and ±∞ in <see cref="NotFinite"/> (±∞ are
/// not also counted as below or above), so nothing is dropped silently.
/// </remarks>
/// <param name="Min">Lower edge of the first bin.</param>
/// <param name="Max">Upper edge of the last bin.</param>
/// <param name="Counts">Count per bin.</param>
/// <param name="Below">Finite values below Min.</param>
/// <param name="Above">Finite values above Max.</param>
/// <param name="NotFinite">NaN or infinite values.</param>
public sealed record StepHistogram(double Min, double Max, IReadOnlyList<int> Counts, int Below, int Above, int NotFinite)
{
    /// <summary>Lower edge of bin <paramref name="bin"/>.</summary>
    public double BinLower(int bin) => Edge(this.Min, this.Max, this.Counts.Count, bin);

    /// <summary>Upper edge of bin <paramref name="bin"/> (the next bin's lower edge; Max for the last).</summary>
    public double BinUpper(int bin) => Edge(this.Min, this.Max, this.Counts.Count, bin + 1);

    /// <summary>The histogram of <paramref name="values"/> over <paramref name="bins"/> equal bins spanning [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <exception cref="ArgumentException">min and max are not finite with min &lt; max, or bins &lt; 1.</exception>
    public static StepHistogram Compute(ReadOnlySpan<double> values, double min, double max, int bins)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || !(min < max))
        {
            throw new ArgumentException(FormattableString.Invariant($"Histogram range must be finite with min < max. Got [{min}, {max}]."));
        }

        if (bins < 1)
        {
            throw new ArgumentException(FormattableString.Invariant($"Histogram needs at least one bin. Got {bins}."), nameof(bins));
        }

        var counts = new int[bins];
        int below = 0, above = 0, notFinite = 0;
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                notFinite++;
            }
            else if (v < min)
            {
                below++;
            }
            else if (v > max)
            {
                above++;
            }
            else
            {
                // The estimate can miss by one at an edge through rounding; the edges themselves decide.
                var bin = Math.Clamp((int)Math.Floor((v - min) / (max - min) * bins), 0, bins - 1);
                if (bin > 0 && v < Edge(min, max, bins, bin))
                {
                    bin--;
                }
                else if (bin < bins - 1 && v >= Edge(min, max, bins, bin + 1))
                {
                    bin++;
                }

                counts[bin]++;
            }
        }

        return new StepHistogram(min, max, counts, below, above, notFinite);
    }

    private static double Edge(double min, double max, int bins, int index) =>
        index >= bins ? max : min + ((max - min) * index / bins);
}
