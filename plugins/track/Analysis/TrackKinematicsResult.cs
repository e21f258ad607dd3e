namespace Dislocate.Track.Analysis;

/// <summary>The kinematics of one track: its summary and one state per observation (same order as the observations).</summary>
/// <param name="Summary">Per-track summary.</param>
/// <param name="States">Per-observation states, frames increasing.</param>
public sealed record TrackKinematicsResult(TrackMotionSummary Summary, IReadOnlyList<TrackState> States);
