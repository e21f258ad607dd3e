using Dislocate.Core.Geometry;
using Dislocate.Track.Lines;

namespace Dislocate.Track.Analysis;

/// <summary>Per track and frame: position (centroid and leading point), displacement, velocity, length and mean curvature.</summary>
/// <remarks>
/// <para>The motion direction u is the unit vector of the least-squares slope of centroid against frame over the whole
/// track (robust to single noisy frames, and defined for tracks with gaps). When the slope is zero (one observation)
/// u is the zero vector: every along-motion component is then 0 and the direction in degrees NaN.</para>
/// <para>Centroid: the mean of the K points. Leading point: the point with the largest projection on u; points within
/// <see cref="TrackKinematicsOptions.LeadingTolerance"/> of the largest all belong to the leading front, and the median
/// of them by index is taken (tolerance 0 gives the plain farthest point; exact ties again give their median). A track whose net displacement (first to last centroid) is below
/// <see cref="TrackKinematicsOptions.StationaryThreshold"/> does not move, so nothing leads: the leading point falls back
/// to the line's midpoint (the middle point, or the mean of the two middle points for even K, which for equally spaced
/// points is the arc-length midpoint).</para>
/// <para>Velocity: (centroid − previous centroid) / (frame − previous frame), so a bridged gap gives its mean rate;
/// undefined (null) for the first observation, hence for every observation of a single-observation track. nm/s needs
/// both <see cref="PhysicalScale.PixelSizeNm"/> and <see cref="PhysicalScale.FrameIntervalSeconds"/>:
/// v[nm/s] = v[px/frame] · PixelSizeNm / FrameIntervalSeconds.</para>
/// <para>Length and mean curvature: those of <see cref="LineGeometry.Measure"/> (polyline length of the K points; mean
/// of the signed Menger curvature over the points with <see cref="TrackKinematicsOptions.CurvatureSpan"/>, positive
/// counter-clockwise on screen), so they equal the per-line table's values.</para>
/// </remarks>
public static class TrackKinematics
{
    /// <summary>The kinematics of <paramref name="track"/>; <paramref name="scale"/> adds nm/s when it gives pixel size and frame interval.</summary>
    /// <exception cref="ArgumentException">The track has no observations, frames that do not increase, empty or non-finite lines, or the scale or options are out of range.</exception>
    public static TrackKinematicsResult Compute(TrackHistory track, PhysicalScale? scale = null, TrackKinematicsOptions? options = null)
    {
        TrackGeometry.Validate(track, nameof(track));
        scale ??= PhysicalScale.None;
        scale.Validate();
        options ??= TrackKinematicsOptions.Default;
        options.Validate();

        var observations = track.Observations;
        var centroids = TrackGeometry.Centroids(track);
        var drift = TrackGeometry.FittedDrift(track, centroids);
        var direction = drift.Normalized();
        var netDisplacement = centroids[^1].DistanceTo(centroids[0]);
        var stationary = netDisplacement < options.StationaryThreshold;
        double? toNmPerSecond = scale is { PixelSizeNm: { } nm, FrameIntervalSeconds: { } seconds } ? nm / seconds : null;

        var states = new TrackState[observations.Count];
        for (var i = 0; i < states.Length; i++)
        {
            var observation = observations[i];
            var measures = LineGeometry.Measure(observation.Points, options.CurvatureSpan);
            var displacement = centroids[i] - centroids[0];
            TrackVelocity? velocity = null;
            if (i > 0)
            {
                var v = (centroids[i] - centroids[i - 1]) / (observation.Frame - observations[i - 1].Frame);
                velocity = new TrackVelocity(v.X, v.Y, v.Length, v.Dot(direction));
            }

            states[i] = new TrackState(
                observation.Frame,
                observation.Label,
                centroids[i],
                stationary ? Midpoint(observation.Points) : LeadingPoint(observation.Points, direction, options.LeadingTolerance),
                displacement,
                displacement.Dot(direction),
                velocity,
                velocity is not null && toNmPerSecond is { } factor ? velocity.Scaled(factor) : null,
                measures.Length,
                measures.MeanCurvature);
        }

        var span = track.LastFrame - track.FirstFrame;
        var meanAlong = span > 0 ? states[^1].DisplacementAlong / span : double.NaN;
        var summary = new TrackMotionSummary(
            track.Id,
            observations.Count,
            track.FirstFrame,
            track.LastFrame,
            drift,
            direction,
            direction == PointD.Zero ? double.NaN : TrackGeometry.ScreenDegrees(direction),
            netDisplacement,
            stationary,
            meanAlong,
            toNmPerSecond is { } f ? meanAlong * f : null);
        return new TrackKinematicsResult(summary, states);
    }

    /// <summary>The arc-length midpoint of K equally spaced points: the middle point, or the mean of the two middle ones.</summary>
    internal static PointD Midpoint(ReadOnlySpan<PointD> points)
    {
        var middle = points.Length / 2;
        return points.Length % 2 == 1 ? points[middle] : PointD.Lerp(points[middle - 1], points[middle], 0.5);
    }

    /// <summary>
    /// The point farthest along <paramref name="direction"/>; with several within <paramref name="tolerance"/> of the
    /// farthest, their median by index (for an even count the mean of the two middle ones when they are neighbours on the
    /// line, else the lower one).
    /// </summary>
    internal static PointD LeadingPoint(ReadOnlySpan<PointD> points, PointD direction, double tolerance)
    {
        var best = double.NegativeInfinity;
        foreach (var p in points)
        {
            best = Math.Max(best, p.Dot(direction));
        }

        var threshold = best - tolerance;
        var candidates = 0;
        foreach (var p in points)
        {
            candidates += p.Dot(direction) >= threshold ? 1 : 0;
        }

        // The median candidate: the centre of the leading front, not whichever end noise pushes ahead.
        var rank = 0;
        var lower = -1;
        for (var i = 0; i < points.Length; i++)
        {
            if (points[i].Dot(direction) < threshold)
            {
                continue;
            }

            if (rank == (candidates - 1) / 2)
            {
                lower = i;
            }

            if (rank == candidates / 2)
            {
                return i == lower ? points[i] : i == lower + 1 ? PointD.Lerp(points[lower], points[i], 0.5) : points[lower];
            }

            rank++;
        }

        throw new InvalidOperationException("Unreachable: the farthest point is always a candidate.");
    }
}
