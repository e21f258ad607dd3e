using Dislocate.Track.Lines;

namespace Dislocate.Track.Analysis;

/// <summary>Thresholds of <see cref="TrackKinematics"/>.</summary>
/// <remarks>
/// Defaults: StationaryThreshold 1 px, because a centre line taken from a Lee skeleton and a smoothing spline jitters by
/// a fraction of a pixel between frames, so a net displacement below one pixel over the whole track cannot be told from
/// noise and its motion direction means little. LeadingTolerance 0.5 px, the same sub-pixel noise level: points whose
/// projection on the motion direction lies within it of the farthest one form the leading front, and its median point is
/// taken, so a straight line moving perpendicular to itself leads with its midpoint rather than with whichever end noise
/// happens to push ahead, and a bowed line leads with its apex. 0 gives the plain farthest point. CurvatureSpan: that of
/// the line measures (<see cref="LineOptions.CurvatureSpan"/>); keep the two equal so per-track and per-line curvatures agree.
/// </remarks>
/// <param name="StationaryThreshold">Net displacement (px) below which a track counts as not moving; ≥ 0.</param>
/// <param name="LeadingTolerance">Projection tolerance (px) among candidate leading points; ≥ 0.</param>
/// <param name="CurvatureSpan">Arc length (px) from a point to the neighbours of its curvature circle (see <see cref="LineGeometry.Measure"/>); &gt; 0.</param>
public sealed record TrackKinematicsOptions(double StationaryThreshold = 1.0, double LeadingTolerance = 0.5, double CurvatureSpan = LineOptions.DefaultCurvatureSpan)
{
    /// <summary>The default options.</summary>
    public static TrackKinematicsOptions Default { get; } = new();

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first option that is out of range.</summary>
    public void Validate()
    {
        if (!(this.StationaryThreshold >= 0) || double.IsInfinity(this.StationaryThreshold))
        {
            throw new ArgumentException(FormattableString.Invariant($"TrackKinematicsOptions.StationaryThreshold must be finite and not negative. Got {this.StationaryThreshold}."));
        }

        if (!(this.LeadingTolerance >= 0) || double.IsInfinity(this.LeadingTolerance))
        {
            throw new ArgumentException(FormattableString.Invariant($"TrackKinematicsOptions.LeadingTolerance must be finite and not negative. Got {this.LeadingTolerance}."));
        }

        if (!(this.CurvatureSpan > 0) || double.IsInfinity(this.CurvatureSpan))
        {
            throw new ArgumentException(FormattableString.Invariant($"TrackKinematicsOptions.CurvatureSpan must be positive and finite. Got {this.CurvatureSpan}."));
        }
    }
}
