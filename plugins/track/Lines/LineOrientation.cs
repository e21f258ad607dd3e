using Dislocate.Core.Geometry;

namespace Dislocate.Track.Lines;

/// <summary>Which end of a line comes first, so that signed curvature and "start"/"end" mean the same thing from frame to frame.</summary>
/// <remarks>
/// A skeleton path may be walked from either end. <see cref="Canonical"/> fixes a rule that needs no history: the chord
/// (end − start) points into the half-plane x &gt; 0, or straight down (+y) when vertical. Within a track,
/// <see cref="AlignWith"/> then follows the previous observation, so a line turning through the vertical does not flip.
/// </remarks>
public static class LineOrientation
{
    /// <summary>True when <paramref name="points"/> already follow the canonical rule.</summary>
    public static bool IsCanonical(ReadOnlySpan<PointD> points)
    {
        if (points.Length < 2)
        {
            return true;
        }

        var chord = points[^1] - points[0];
        return chord.X > 0 || (chord.X == 0 && chord.Y >= 0);
    }

    /// <summary>The points in canonical order (the same array when already canonical, else a reversed copy).</summary>
    public static PointD[] Canonical(PointD[] points)
    {
        ArgumentNullException.ThrowIfNull(points);
        return IsCanonical(points) ? points : Reversed(points);
    }

    /// <summary>
    /// The points ordered like <paramref name="previous"/>: reversed when pairing start↔end matches the previous line
    /// better (smaller summed end-point distances) than start↔start; the same array otherwise.
    /// </summary>
    public static PointD[] AlignWith(PointD[] points, ReadOnlySpan<PointD> previous)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Length < 2 || previous.Length < 2)
        {
            return points;
        }

        var kept = points[0].DistanceTo(previous[0]) + points[^1].DistanceTo(previous[^1]);
        var flipped = points[0].DistanceTo(previous[^1]) + points[^1].DistanceTo(previous[0]);
        return flipped < kept ? Reversed(points) : points;
    }

    private static PointD[] Reversed(PointD[] points)
    {
        var copy = (PointD[])points.Clone();
        Array.Reverse(copy);
        return copy;
    }
}
