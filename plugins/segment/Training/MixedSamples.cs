namespace Dislocate.Segment.Training;

/// <summary>
/// Two sample sets as one, interleaved: one sample of the first, then <c>secondPerFirst</c> of the second, each set
/// cycling through its own samples, so a small real set is seen as often as the synthetic stream (1, the default) or
/// that many times less.
/// </summary>
/// <remarks>
/// Fine-tuning on real frames alone made the shipped model forget synthetic lines entirely (centre-line F1 0 on M2
/// images); mixing synthetic samples in keeps what it learned there while it learns the real frames' appearance.
/// </remarks>
internal sealed class MixedSamples : ITrainingSamples
{
    private readonly ITrainingSamples first;
    private readonly ITrainingSamples second;
    private readonly int secondPerFirst;

    /// <summary>Interleaves <paramref name="first"/> with <paramref name="secondPerFirst"/> samples of <paramref name="second"/> after each of its own.</summary>
    public MixedSamples(ITrainingSamples first, ITrainingSamples second, int secondPerFirst = 1)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentOutOfRangeException.ThrowIfLessThan(secondPerFirst, 1);
        this.first = first;
        this.second = second;
        this.secondPerFirst = secondPerFirst;

        // Enough whole turns for every sample of the larger set to come once.
        var turns = Math.Max(first.Count, (second.Count + secondPerFirst - 1) / secondPerFirst);
        this.Count = (secondPerFirst + 1) * turns;
        this.Description = secondPerFirst == 1
            ? $"{first.Description}, interleaved with {second.Description}"
            : $"{first.Description}, each followed by {secondPerFirst} of {second.Description}";
    }

    /// <inheritdoc/>
    public long Count { get; }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public TrainingSample Get(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, this.Count);
        var turn = index / (this.secondPerFirst + 1);
        var place = index % (this.secondPerFirst + 1);
        return place == 0
            ? this.first.Get(turn % this.first.Count)
            : this.second.Get(((turn * this.secondPerFirst) + place - 1) % this.second.Count);
    }
}
