using Dislocate.Track.Analysis;

namespace Dislocate.Track.Pipeline;

/// <summary>What a tracking run found once every frame is in: tracks with their kinematics and step statistics, pileups and pair distances.</summary>
/// <param name="Frames">Frames processed.</param>
/// <param name="Lines">Lines kept over all frames.</param>
/// <param name="Dropped">Masks that gave no line (empty, specks, too short).</param>
/// <param name="Tracks">Tracks in id order.</param>
/// <param name="Kinematics">Per track (same order): summary and per-frame states.</param>
/// <param name="Jerky">Per track (same order): step statistics.</param>
/// <param name="Pileups">Pileups found among the tracks.</param>
/// <param name="Pairs">Distances between neighbouring dislocations of each pileup, from the leading one (Fig. 15 of the paper).</param>
public sealed record TrackingResult(
    int Frames,
    int Lines,
    int Dropped,
    IReadOnlyList<TrackHistory> Tracks,
    IReadOnlyList<TrackKinematicsResult> Kinematics,
    IReadOnlyList<JerkyMotionResult> Jerky,
    IReadOnlyList<Pileup> Pileups,
    IReadOnlyList<PileupPair> Pairs);
