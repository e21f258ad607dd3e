using Dislocate.Core.Geometry;

namespace Dislocate.Track.Analysis;

/// <summary>Where a tracked line is in one frame and how it got there (one row of the per-track-and-frame table).</summary>
/// <remarks>Positions and lengths are in pixels (pixel centres at +0.5); see <see cref="TrackKinematics"/> for the definitions.</remarks>
/// <param name="Frame">0-based frame index.</param>
/// <param name="Label">The line's instance id in that frame's input.</param>
/// <param name="Centroid">Mean of the line's K points.</param>
/// <param name="LeadingPoint">The point of the line farthest along the motion direction (the midpoint for a stationary track).</param>
/// <param name="Displacement">Centroid minus the centroid of the track's first observation, px.</param>
/// <param name="DisplacementAlong">Signed component of <paramref name="Displacement"/> along the motion direction, px.</param>
/// <param name="Velocity">Centroid change since the previous observation divided by the frame gap, px/frame; null for the first observation.</param>
/// <param name="VelocityNmPerSecond">The same velocity in nm/s; null for the first observation or when the scale lacks pixel size or frame interval.</param>
/// <param name="Length">Polyline length of the K points, px.</param>
/// <param name="MeanCurvature">Mean signed curvature over the K points (<see cref="Lines.LineGeometry.Measure"/>), 1/px, positive where the line turns counter-clockwise on screen walking from its first point to its last.</param>
public sealed record TrackState(
    int Frame,
    int Label,
    PointD Centroid,
    PointD LeadingPoint,
    PointD Displacement,
    double DisplacementAlong,
    TrackVelocity? Velocity,
    TrackVelocity? VelocityNmPerSecond,
    double Length,
    double MeanCurvature);
