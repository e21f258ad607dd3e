using Dislocate.Core.Geometry;

namespace Dislocate.Track.Analysis;

/// <summary>One observation of a track: its line in one frame.</summary>
/// <param name="Frame">0-based frame index.</param>
/// <param name="Label">The line's instance id in that frame's input.</param>
/// <param name="Points">The line's K points, oriented like the track's previous observation.</param>
public sealed record TrackObservation(int Frame, int Label, PointD[] Points);

/// <summary>A track: one dislocation followed through the frames, observations in increasing frame order (gaps allowed).</summary>
/// <param name="Id">Track id, 1-based, in order of first appearance (then by position in that frame).</param>
/// <param name="Observations">Observations, frames strictly increasing.</param>
public sealed record TrackHistory(int Id, IReadOnlyList<TrackObservation> Observations)
{
    /// <summary>First frame the track is seen in.</summary>
    public int FirstFrame => this.Observations[0].Frame;

    /// <summary>Last frame the track is seen in.</summary>
    public int LastFrame => this.Observations[^1].Frame;
}
