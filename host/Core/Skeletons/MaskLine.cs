using Dislocate.Core.Geometry;

namespace Dislocate.Core.Skeletons;

/// <summary>The line found in one mask.</summary>
/// <remarks>
/// Length = arc length of Spline (0 when fewer than 2 distinct points). Pixels = foreground pixels kept after cleanup.
/// Components = components kept. Path = the ordered skeleton. Spline null when Path has &lt; 2 points.
/// </remarks>
/// <param name="Path">The ordered skeleton (image pixel centres).</param>
/// <param name="Spline">Natural cubic spline through knots along <paramref name="Path"/>; null when it has fewer than 2 points.</param>
/// <param name="Length">Arc length of <paramref name="Spline"/> in pixels; 0 without a spline.</param>
/// <param name="Pixels">Foreground pixels kept after removing small (and, if asked, all but the largest) components.</param>
/// <param name="Components">Number of components kept.</param>
public sealed record MaskLine(SkeletonPath Path, CubicSpline? Spline, double Length, int Pixels, int Components)
{
    /// <summary>The result for a mask with no foreground left: no path, no spline, length 0.</summary>
    public static MaskLine Empty { get; } = new(SkeletonPath.Empty, null, 0.0, 0, 0);

    /// <summary>K equally spaced points along the spline (K >= 2), e.g. 50 as in the paper.</summary>
    /// <remarks>
    /// Points are equally spaced in arc length of the spline; the first and last are the path ends. A one-pixel line
    /// gives K copies of its point; an empty line has no points to give and throws <see cref="InvalidOperationException"/>.
    /// </remarks>
    public PointD[] Resample(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        if (this.Spline is not null)
        {
            return SplineArcLength.Resample(this.Spline, count);
        }

        if (this.Path.Points.Length == 0)
        {
            throw new InvalidOperationException("The mask held no line, so there are no points to resample.");
        }

        var points = new PointD[count];
        points.AsSpan().Fill(this.Path.Points[0]);
        return points;
    }
}
