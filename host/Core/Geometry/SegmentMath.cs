namespace Dislocate.Core.Geometry;

/// <summary>The one point-to-segment distance formula shared by <see cref="Polyline"/> and the line rasteriser.</summary>
/// <remarks>Keeping a single expression (and the same operation order in vectorised copies) makes the rasteriser agree bit for bit with <see cref="Polyline.DistanceToPolyline"/>.</remarks>
internal static class SegmentMath
{
    /// <summary>1 / |d|², or 0 for a degenerate segment (which then measures the distance to its start point).</summary>
    public static double InverseLengthSquared(double dx, double dy)
    {
        var len2 = (dx * dx) + (dy * dy);
        return len2 > 0 ? 1.0 / len2 : 0.0;
    }

    /// <summary>Squared distance from (px, py) to the segment from (ax, ay) to (ax + dx, ay + dy).</summary>
    public static double DistanceSquared(double px, double py, double ax, double ay, double dx, double dy, double invLen2)
    {
        var vx = px - ax;
        var vy = py - ay;
        var t = ((vx * dx) + (vy * dy)) * invLen2;
        t = t < 0.0 ? 0.0 : t;
        t = t > 1.0 ? 1.0 : t;
        var qx = vx - (t * dx);
        var qy = vy - (t * dy);
        return (qx * qx) + (qy * qy);
    }
}
