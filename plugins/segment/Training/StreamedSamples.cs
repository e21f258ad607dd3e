using Dislocate.Contracts;

namespace Dislocate.Segment.Training;

/// <summary>
/// Samples rendered on demand by a host sample source (the synthetic generator): no disk, sample i = source index
/// <c>offset + i</c>.
/// </summary>
/// <remarks>Training and test sets use disjoint index ranges of the same source, so they never share an image.</remarks>
internal sealed class StreamedSamples : ITrainingSamples
{
    private readonly ISampleSource source;
    private readonly long offset;

    /// <summary>Creates the stream of <paramref name="count"/> samples starting at source index <paramref name="offset"/>.</summary>
    public StreamedSamples(ISampleSource source, long offset, long count)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        this.source = source;
        this.offset = offset;
        this.Count = count;
        this.Description = $"{source.Description}, indices {offset}..{offset + count - 1}";
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
        var sample = this.source.Render(this.offset + index);
        return new TrainingSample(sample.Width, sample.Height, sample.Pixels, sample.Masks, $"synthetic #{this.offset + index}");
    }
}
