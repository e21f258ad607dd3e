using Dislocate.Core.Geometry;

namespace Dislocate.Track.Linking;

/// <summary>
/// A cheap summary of a line for ruling out far pairs before the exact distance: the mean of its points and a box
/// aligned with its chord that contains the whole polyline.
/// </summary>
/// <remarks>
/// Lower bound: let q_i be the point of line b nearest to point a_i of line a. The mean of the q_i lies in the convex
/// hull of b, hence in b's box, and |mean a_i − mean q_i| ≤ mean |a_i − q_i| = MeanNearest(a, b). So the distance from
/// a's point mean to b's box never exceeds MeanNearest(a, b), and the average of the two directions never exceeds
/// <see cref="Lines.LineDistance.Symmetric"/>. A chord-aligned box stays thin for the nearly straight lines of a
/// pileup, so neighbours a spacing apart are told apart without the 2 × K × (K − 1) point–segment distances.
/// </remarks>
internal readonly struct LineFootprint
{
    private readonly PointD origin;
    private readonly PointD along;
    private readonly double minAlong;
    private readonly double maxAlong;
    private readonly double minAcross;
    private readonly double maxAcross;

    /// <summary>Summarises <paramref name="points"/> (at least one point).</summary>
    public LineFootprint(ReadOnlySpan<PointD> points)
    {
        this.origin = points[0];
        var chord = points[^1] - points[0];
        this.along = chord.LengthSquared > 0 ? chord / chord.Length : new PointD(1, 0);
        var across = this.along.Perpendicular;
        double sx = 0, sy = 0;
        double minA = 0, maxA = 0, minC = 0, maxC = 0;
        foreach (var p in points)
        {
            sx += p.X;
            sy += p.Y;
            var v = p - this.origin;
            var a = v.Dot(this.along);
            var c = v.Dot(across);
            minA = Math.Min(minA, a);
            maxA = Math.Max(maxA, a);
            minC = Math.Min(minC, c);
            maxC = Math.Max(maxC, c);
        }

        this.Mean = new PointD(sx / points.Length, sy / points.Length);
        this.minAlong = minA;
        this.maxAlong = maxA;
        this.minAcross = minC;
        this.maxAcross = maxC;
    }

    /// <summary>The mean of the points (equal weights, as in the mean-nearest distance).</summary>
    public PointD Mean { get; }

    /// <summary>A lower bound of the symmetric mean line distance between the two lines.</summary>
    public static double LowerBound(in LineFootprint a, in LineFootprint b) =>
        0.5 * (b.DistanceToBox(a.Mean) + a.DistanceToBox(b.Mean));

    /// <summary>Distance from <paramref name="p"/> to this line's box (0 inside).</summary>
    public double DistanceToBox(PointD p)
    {
        var v = p - this.origin;
        var a = v.Dot(this.along);
        var c = v.Dot(this.along.Perpendicular);
        var da = Math.Max(0, Math.Max(this.minAlong - a, a - this.maxAlong));
        var dc = Math.Max(0, Math.Max(this.minAcross - c, c - this.maxAcross));
        return Math.Sqrt((da * da) + (dc * dc));
    }
}
