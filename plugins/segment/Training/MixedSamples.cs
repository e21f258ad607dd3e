namespace Dislocate.Segment.Training;

/// <summary>
/// Two sample sets as one, interleaved: even indices from the first, odd from the second, each cycling through its own
/// samples, so a small real set and a synthetic stream are seen equally often.
/// </summary>
/// <remarks>
/// Fine-tuning on real frames alone made the shipped model forget synthetic lines entirely (centre-line F1 0 on M2
/// images); mixing synthetic samples in keeps what it learned there while it learns the real frames' appearance.
/// </remarks>
internal sealed class MixedSamples(ITrainingSamples first, ITrainingSamples second) : ITrainingSamples
{
    /// <inheritdoc/>
    public long Count { get; } = 2 * Math.Max(first.Count, second.Count);

    /// <inheritdoc/>
    public string Description { get; } = $"{first.Description}, interleaved with {second.Description}";

    /// <inheritdoc/>
    public TrainingSample Get(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, this.Count);
        var k = index / 2;
        return index % 2 == 0 ? first.Get(k % first.Count) : second.Get(k % second.Count);
    }
}
