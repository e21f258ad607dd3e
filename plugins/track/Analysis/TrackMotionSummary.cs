using Dislocate.Core.Geometry;

namespace Dislocate.Track.Analysis;

/// <summary>One track's motion in a line: when it was seen, which way it moves and how fast on average.</summary>
/// <param name="TrackId">The track's id.</param>
/// <param name="FramesSeen">Number of observations (frames in which the line was found).</param>
/// <param name="FirstFrame">First frame seen.</param>
/// <param name="LastFrame">Last frame seen.</param>
/// <param name="Drift">Least-squares slope of centroid against frame, px/frame (zero for a single observation).</param>
/// <param name="MotionDirection">Unit vector of <paramref name="Drift"/> in image coordinates; zero when the drift is zero.</param>
/// <param name="MotionDirectionDegrees">Direction of motion, screen counter-clockwise from +x: atan2(−dy, dx) in (−180, 180]; NaN when the drift is zero.</param>
/// <param name="NetDisplacement">Distance from the first to the last centroid, px.</param>
/// <param name="IsStationary">True when <paramref name="NetDisplacement"/> is below the stationary threshold (the leading point is then the midpoint).</param>
/// <param name="MeanVelocityAlong">Along-motion displacement of the last observation divided by (LastFrame − FirstFrame), px/frame; NaN for a single observation.</param>
/// <param name="MeanVelocityAlongNmPerSecond">The same in nm/s; null when the scale lacks pixel size or frame interval (NaN for a single observation).</param>
public sealed record TrackMotionSummary(
    int TrackId,
    int FramesSeen,
    int FirstFrame,
    int LastFrame,
    PointD Drift,
    PointD MotionDirection,
    double MotionDirectionDegrees,
    double NetDisplacement,
    bool IsStationary,
    double MeanVelocityAlong,
    double? MeanVelocityAlongNmPerSecond);
