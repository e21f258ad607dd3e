namespace Dislocate.Track.Linking;

/// <summary><see cref="Lines.LineDistance.Symmetric"/> that stops early once the result must exceed a bound.</summary>
/// <remarks>
/// Both mean-nearest sums only grow, so the first direction may stop once its mean exceeds 2 × bound and the second
/// once the total does. When the result is within the bound it is the same value, bit for bit, as
/// LineDistance.Symmetric: the same point distances (see <see cref="ChunkedPolyline"/>) summed in the same order.
/// </remarks>
internal static class BoundedLineDistance
{
    // Stops only when clearly past the limit, so rounding never drops a pair that ends exactly on the bound.
    private const double Slack = 1e-9;

    /// <summary>The symmetric mean line distance when it is ≤ <paramref name="bound"/>, else +∞.</summary>
    public static double Symmetric(ChunkedPolyline a, ChunkedPolyline b, double bound)
    {
        var sumA = SumNearest(a, b, ((2.0 * bound) + Slack) * a.Points.Length);
        if (double.IsInfinity(sumA))
        {
            return double.PositiveInfinity;
        }

        var meanA = sumA / a.Points.Length;
        var sumB = SumNearest(b, a, ((2.0 * bound) - meanA + Slack) * b.Points.Length);
        if (double.IsInfinity(sumB))
        {
            return double.PositiveInfinity;
        }

        var distance = 0.5 * (meanA + (sumB / b.Points.Length));
        return distance <= bound ? distance : double.PositiveInfinity;
    }

    // Σ over from's points of the distance to the polyline to, or +∞ as soon as it passes limit.
    private static double SumNearest(ChunkedPolyline from, ChunkedPolyline to, double limit)
    {
        var sum = 0.0;
        var start = 0;
        foreach (var p in from.Points)
        {
            sum += to.DistanceTo(p, ref start);
            if (sum > limit)
            {
                return double.PositiveInfinity;
            }
        }

        return sum;
    }
}
