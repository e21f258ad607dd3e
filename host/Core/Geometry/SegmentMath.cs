using System.Runtime.CompilerServices;

namespace Dislocate.Core.Geometry;

/// <summary>The one point-to-segment distance formula shared by <see cref="Polyline"/> and the line rasteriser.</summary>
/// <remarks>
/// Keeping a single expression (and the same operations in the same order in vectorised copies) makes the rasteriser
/// agree bit for bit with <see cref="Polyline.DistanceToPolyline"/>. Beside the segment the squared distance is
/// (v × d)² / |d|², which is exactly 0 for points on the segment (a clamped projection a + t·d would leave rounding
/// residue); beyond the ends it is the squared distance to the nearer end point.
/// </remarks>
internal static class SegmentMath
{
    /// <summary>Squared distance from (px, py) to the segment from (ax, ay) to (ax + dx, ay + dy), with len2 = dx² + dy².</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double DistanceSquared(double px, double py, double ax, double ay, double dx, double dy, double len2)
    {
        var vx = px - ax;
        var vy = py - ay;
        var dot = (vx * dx) + (vy * dy);
        if (dot <= 0.0)
        {
            // Before the start (also every point for a zero-length segment).
            return (vx * vx) + (vy * vy);
        }

        if (dot >= len2)
        {
            var ex = vx - dx;
            var ey = vy - dy;
            return (ex * ex) + (ey * ey);
        }

        var cross = (vx * dy) - (vy * dx);
        return cross * cross / len2;
    }
}
