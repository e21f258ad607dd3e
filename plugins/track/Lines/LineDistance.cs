using Dislocate.Core.Geometry;

namespace Dislocate.Track.Lines;

/// <summary>Distances between two lines given as point sequences (e.g. the K resampled points of each).</summary>
/// <remarks>
/// <see cref="MeanNearest"/> averages, over the points of one line, the distance to the nearest point of the other
/// line's polyline (segments included, not only its vertices), so two parallel straight lines d apart give exactly d
/// wherever they overlap. It is not symmetric; <see cref="Symmetric"/> averages both directions.
/// </remarks>
public static class LineDistance
{
    /// <summary>Mean over the points of <paramref name="from"/> of the distance to the polyline <paramref name="to"/>.</summary>
    public static double MeanNearest(ReadOnlySpan<PointD> from, ReadOnlySpan<PointD> to)
    {
        if (from.Length == 0 || to.Length == 0)
        {
            throw new ArgumentException("Both lines need at least one point.");
        }

        var sum = 0.0;
        foreach (var p in from)
        {
            sum += Polyline.DistanceToPolyline(p, to);
        }

        return sum / from.Length;
    }

    /// <summary>The mean of <see cref="MeanNearest"/> in both directions: a symmetric line-to-line distance.</summary>
    public static double Symmetric(ReadOnlySpan<PointD> a, ReadOnlySpan<PointD> b) =>
        0.5 * (MeanNearest(a, b) + MeanNearest(b, a));
}
