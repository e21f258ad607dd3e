namespace Dislocate.Track.Analysis;

/// <summary>The distance between two tracks over their common frames (Fig. 15 of the paper), with a summary.</summary>
/// <param name="FirstTrackId">Id of the first track (in a pileup, the one nearer the leading dislocation).</param>
/// <param name="SecondTrackId">Id of the second track.</param>
/// <param name="Samples">One sample per common frame, frames increasing; empty when the tracks share no frame.</param>
/// <param name="Mean">Mean distance over the samples, px; NaN when empty.</param>
/// <param name="Min">Smallest distance, px; NaN when empty.</param>
/// <param name="Max">Largest distance, px; NaN when empty.</param>
/// <param name="EmptyReason">Why there are no samples, naming both tracks and their frame ranges; null when there are samples.</param>
public sealed record PairDistanceSeries(
    int FirstTrackId,
    int SecondTrackId,
    IReadOnlyList<PairDistanceSample> Samples,
    double Mean,
    double Min,
    double Max,
    string? EmptyReason)
{
    /// <summary>Number of frames with a distance.</summary>
    public int Frames => this.Samples.Count;
}
