using Dislocate.Core.Geometry;

namespace Dislocate.Track.Linking;

/// <summary>What the linker made of one input line: the track it belongs to and its points oriented like that track.</summary>
/// <param name="TrackId">Track id, 1-based; new tracks get the next free id.</param>
/// <param name="Points">The line's points, reversed when that matches the track's previous observation better (<see cref="Lines.LineOrientation.AlignWith"/>).</param>
/// <param name="Distance">Symmetric mean distance in pixels to the track's previous observation; null when the line starts a new track.</param>
/// <param name="FramesMissed">Frames the track was not seen in before this one (0 for consecutive frames and for a new track).</param>
public sealed record LinkedLine(int TrackId, PointD[] Points, double? Distance, int FramesMissed)
{
    /// <summary>True when the line starts a new track.</summary>
    public bool StartsTrack => this.Distance is null;
}
