using Dislocate.Core.Geometry;
using Dislocate.Core.Numerics;
using Dislocate.Core.Random;

namespace Dislocate.Synthetic.Microstructure;

/// <summary>A group of annotated lines read as one pileup, with its estimated geometry.</summary>
/// <param name="Lines">The member lines' indices, ordered along the trace direction (leading first).</param>
/// <param name="AngleDegrees">Trace direction α in [0, 180).</param>
/// <param name="SlipWidth">Mean extent of the lines across the traces, pixels.</param>
/// <param name="Spacings">Distances along the traces between neighbouring lines, pixels.</param>
public sealed record PileupEstimate(IReadOnlyList<int> Lines, double AngleDegrees, double SlipWidth, IReadOnlyList<double> Spacings);

/// <summary>
/// Groups annotated dislocation lines into pileups and estimates α, Δd and spacings (used by <c>fit</c> and <c>twin</c>).
/// </summary>
/// <remarks>
/// Two lines belong to the same pileup when their chords point the same way (within <c>maxAngle</c> degrees,
/// undirected) and their centroids are closer than <c>linkDistance</c> pixels; groups are the connected components
/// (single linkage). A pileup's trace direction t is the principal axis of its members' centroids (followers are the
/// leader shifted along the traces); for a single line it is taken perpendicular to the chord. Δd is the mean
/// extent of the chords along the normal n of t; spacings are gaps between consecutive centroid projections on t.
/// </remarks>
public static class PileupClustering
{
    /// <summary>Clusters the polylines of one image.</summary>
    public static IReadOnlyList<PileupEstimate> Cluster(IReadOnlyList<PointD[]> lines, double linkDistance, double maxAngle)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var n = lines.Count;
        var parent = Enumerable.Range(0, n).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        var centroids = lines.Select(Centroid).ToArray();
        var directions = lines.Select(l => DeterministicMath.Atan2(l[^1].Y - l[0].Y, l[^1].X - l[0].X)).ToArray();
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                if (UndirectedDifference(directions[i], directions[j]) <= maxAngle * Math.PI / 180
                    && centroids[i].DistanceTo(centroids[j]) <= linkDistance)
                {
                    parent[Find(i)] = Find(j);
                }
            }
        }

        return Enumerable.Range(0, n)
            .GroupBy(Find)
            .OrderBy(g => g.Min())
            .Select(g => Estimate(g.ToArray(), lines, centroids))
            .ToList();
    }

    private static PileupEstimate Estimate(int[] members, IReadOnlyList<PointD[]> lines, PointD[] centroids)
    {
        PointD t;
        if (members.Length == 1)
        {
            var chord = lines[members[0]][^1] - lines[members[0]][0];
            t = chord.Perpendicular.Normalized();
        }
        else
        {
            t = PrincipalAxis(members.Select(m => centroids[m]).ToArray());
        }

        // α in [0, 180): flip t into the upper half-plane.
        if (t.Y < 0 || (t.Y == 0 && t.X < 0))
        {
            t = -t;
        }

        var normal = t.Perpendicular;
        var ordered = members.OrderBy(m => centroids[m].Dot(t)).ToArray();
        var spacings = new List<double>();
        for (var k = 1; k < ordered.Length; k++)
        {
            spacings.Add(centroids[ordered[k]].Dot(t) - centroids[ordered[k - 1]].Dot(t));
        }

        var width = members.Average(m => Math.Abs((lines[m][^1] - lines[m][0]).Dot(normal)));
        var angle = DeterministicMath.Atan2(t.Y, t.X) * 180 / Math.PI;
        return new PileupEstimate(ordered, angle % 180, width, spacings);
    }

    private static PointD PrincipalAxis(PointD[] points)
    {
        var mx = points.Average(p => p.X);
        var my = points.Average(p => p.Y);
        double sxx = 0, sxy = 0, syy = 0;
        foreach (var p in points)
        {
            sxx += (p.X - mx) * (p.X - mx);
            sxy += (p.X - mx) * (p.Y - my);
            syy += (p.Y - my) * (p.Y - my);
        }

        var theta = 0.5 * DeterministicMath.Atan2(2 * sxy, sxx - syy);
        return new PointD(DeterministicMath.Cos(theta), DeterministicMath.Sin(theta));
    }

    private static PointD Centroid(PointD[] line) => Polyline.Centroid(line);

    private static double UndirectedDifference(double a, double b)
    {
        var d = Math.Abs(a - b) % Math.PI;
        return Math.Min(d, Math.PI - d);
    }
}
