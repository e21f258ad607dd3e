using Dislocate.Contracts;

namespace Dislocate.Synthetic.Settings;

/// <summary>
/// Time-series mode (beyond the paper): pileups glide along their slip traces with jerky steps and the
/// background drifts slightly; instance ids stay constant over the frames.
/// </summary>
/// <param name="Frames">Frames per sequence; 1 means single images.</param>
/// <param name="GoProbability">Probability that a pileup moves in a frame (otherwise it is pinned).</param>
/// <param name="Step">Glide step in pixels when a pileup moves.</param>
/// <param name="StepJitter">Per-dislocation extra step in pixels, so spacings breathe.</param>
/// <param name="Drift">Background drift per frame in pixels (random walk, both axes).</param>
public sealed record SequenceSettings(
    int Frames,
    double GoProbability,
    ValueRange Step,
    ValueRange StepJitter,
    ValueRange Drift)
{
    /// <summary>Single images.</summary>
    public static SequenceSettings Default { get; } = new(
        Frames: 1,
        GoProbability: 0.35,
        Step: new(1, 6),
        StepJitter: new(-0.5, 0.5),
        Drift: new(-0.4, 0.4));
}
