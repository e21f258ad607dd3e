using System.Buffers;

namespace Dislocate.Core.Geometry;

/// <summary>Operations on open polylines given as point spans.</summary>
/// <remarks>All sums run in index order in double, so results are the same on every machine.</remarks>
public static class Polyline
{
    /// <summary>Total length (0 for fewer than two points).</summary>
    public static double Length(ReadOnlySpan<PointD> points)
    {
        var length = 0.0;
        for (var i = 1; i < points.Length; i++)
        {
            length += (points[i] - points[i - 1]).Length;
        }

        return length;
    }

    /// <summary>
    /// <paramref name="count"/> points equally spaced by arc length along the polyline; the first and last points are
    /// kept exactly (the paper's resampling of every dislocation to 50 points).
    /// </summary>
    /// <remarks>Point k lies at arc length k·L/(count − 1). A polyline of zero length gives count copies of its first point.</remarks>
    public static PointD[] ResampleEquidistant(ReadOnlySpan<PointD> points, int count)
    {
        if (points.IsEmpty)
        {
            throw new ArgumentException("At least one point is required.", nameof(points));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        var result = new PointD[count];
        var cumulative = ArrayPool<double>.Shared.Rent(points.Length);
        try
        {
            cumulative[0] = 0.0;
            for (var i = 1; i < points.Length; i++)
            {
                cumulative[i] = cumulative[i - 1] + (points[i] - points[i - 1]).Length;
            }

            var total = cumulative[points.Length - 1];
            result[0] = points[0];
            result[count - 1] = points[^1];
            if (total == 0)
            {
                result.AsSpan(0, count - 1).Fill(points[0]);
                return result;
            }

            var segment = 0;
            for (var k = 1; k < count - 1; k++)
            {
                var s = total * k / (count - 1);
                while (segment < points.Length - 2 && cumulative[segment + 1] < s)
                {
                    segment++;
                }

                var segmentLength = cumulative[segment + 1] - cumulative[segment];
                var t = segmentLength > 0 ? Math.Clamp((s - cumulative[segment]) / segmentLength, 0.0, 1.0) : 0.0;
                result[k] = PointD.Lerp(points[segment], points[segment + 1], t);
            }

            return result;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(cumulative);
        }
    }

    /// <summary>Distance from <paramref name="p"/> to the closed segment [<paramref name="a"/>, <paramref name="b"/>].</summary>
    public static double DistanceToSegment(PointD p, PointD a, PointD b)
    {
        var dx = b.X - a.X;
        var dy = b.Y - a.Y;
        return Math.Sqrt(SegmentMath.DistanceSquared(p.X, p.Y, a.X, a.Y, dx, dy, (dx * dx) + (dy * dy)));
    }

    /// <summary>Distance from <paramref name="p"/> to the nearest point of the polyline (a single point counts as a polyline).</summary>
    public static double DistanceToPolyline(PointD p, ReadOnlySpan<PointD> points)
    {
        if (points.IsEmpty)
        {
            throw new ArgumentException("At least one point is required.", nameof(points));
        }

        if (points.Length == 1)
        {
            return DistanceToSegment(p, points[0], points[0]);
        }

        // The minimum of squared distances, then one square root: sqrt is monotonic, so this equals the minimum distance.
        var best = double.PositiveInfinity;
        for (var i = 1; i < points.Length; i++)
        {
            var a = points[i - 1];
            var dx = points[i].X - a.X;
            var dy = points[i].Y - a.Y;
            var d2 = SegmentMath.DistanceSquared(p.X, p.Y, a.X, a.Y, dx, dy, (dx * dx) + (dy * dy));
            best = d2 < best ? d2 : best;
        }

        return Math.Sqrt(best);
    }

    /// <summary>The arc-length weighted centroid (centre of mass of a uniform wire); the mean of the points if the length is 0.</summary>
    public static PointD Centroid(ReadOnlySpan<PointD> points)
    {
        if (points.IsEmpty)
        {
            throw new ArgumentException("At least one point is required.", nameof(points));
        }

        var sx = 0.0;
        var sy = 0.0;
        var total = 0.0;
        for (var i = 1; i < points.Length; i++)
        {
            var length = (points[i] - points[i - 1]).Length;
            sx += (points[i - 1].X + points[i].X) * 0.5 * length;
            sy += (points[i - 1].Y + points[i].Y) * 0.5 * length;
            total += length;
        }

        if (total > 0)
        {
            return new PointD(sx / total, sy / total);
        }

        sx = 0.0;
        sy = 0.0;
        foreach (var p in points)
        {
            sx += p.X;
            sy += p.Y;
        }

        return new PointD(sx / points.Length, sy / points.Length);
    }

    /// <summary>
    /// The parts of the polyline inside the closed rectangle [minX, maxX] × [minY, maxY], each a polyline of at least two
    /// points, in order along the line. Segments crossing the border are cut there (Liang–Barsky).
    /// </summary>
    /// <remarks>Segments that only touch the rectangle in one point are dropped. A single point gives one one-point part if it lies inside.</remarks>
    public static PointD[][] ClipToRect(ReadOnlySpan<PointD> line, double minX, double minY, double maxX, double maxY)
    {
        if (!(minX <= maxX && minY <= maxY))
        {
            throw new ArgumentException("Need minX <= maxX and minY <= maxY.");
        }

        if (line.Length == 1)
        {
            var p = line[0];
            return p.X >= minX && p.X <= maxX && p.Y >= minY && p.Y <= maxY ? [[p]] : [];
        }

        var parts = new List<PointD[]>();
        var current = new List<PointD>();
        var connected = false;
        for (var i = 1; i < line.Length; i++)
        {
            var a = line[i - 1];
            var b = line[i];
            if (!ClipSegment(a, b, minX, minY, maxX, maxY, out var t0, out var t1) || (t0 >= t1 && a != b))
            {
                Flush(parts, current);
                connected = false;
                continue;
            }

            var p0 = t0 > 0 ? PointD.Lerp(a, b, t0) : a;
            var p1 = t1 < 1 ? PointD.Lerp(a, b, t1) : b;
            if (!connected || t0 > 0)
            {
                Flush(parts, current);
                current.Add(p0);
            }

            current.Add(p1);
            connected = t1 >= 1;
            if (!connected)
            {
                Flush(parts, current);
            }
        }

        Flush(parts, current);
        return [.. parts];
    }

    private static void Flush(List<PointD[]> parts, List<PointD> current)
    {
        if (current.Count >= 2)
        {
            parts.Add([.. current]);
        }

        current.Clear();
    }

    // Liang–Barsky: the parameter range [t0, t1] of a + t(b − a) inside the rectangle, false if empty.
    private static bool ClipSegment(PointD a, PointD b, double minX, double minY, double maxX, double maxY, out double t0, out double t1)
    {
        t0 = 0.0;
        t1 = 1.0;
        var dx = b.X - a.X;
        var dy = b.Y - a.Y;
        return Clip(-dx, a.X - minX, ref t0, ref t1)
            && Clip(dx, maxX - a.X, ref t0, ref t1)
            && Clip(-dy, a.Y - minY, ref t0, ref t1)
            && Clip(dy, maxY - a.Y, ref t0, ref t1);
    }

    private static bool Clip(double p, double q, ref double t0, ref double t1)
    {
        if (p == 0)
        {
            return q >= 0;
        }

        var r = q / p;
        if (p < 0)
        {
            if (r > t1)
            {
                return false;
            }

            t0 = Math.Max(t0, r);
        }
        else
        {
            if (r < t0)
            {
                return false;
            }

            t1 = Math.Min(t1, r);
        }

        return true;
    }

    /// <summary>
    /// The points without consecutive repeats (exactly equal neighbours), as hand annotations often contain;
    /// splines and arc-length parameterisations need distinct neighbours.
    /// </summary>
    public static PointD[] RemoveRepeats(ReadOnlySpan<PointD> points)
    {
        var result = new List<PointD>(points.Length);
        foreach (var p in points)
        {
            if (result.Count == 0 || result[^1] != p)
            {
                result.Add(p);
            }
        }

        return [.. result];
    }
}
