using Dislocate.Synthetic.Settings;
using Dislocate.Synthetic.Streaming;

namespace Dislocate.Segment.Training;

/// <summary>Samples rendered on demand by the synthetic generator: no disk, sample i = generator index <c>offset + i</c>.</summary>
/// <remarks>Training and test sets use disjoint index ranges of the same seed, so they never share an image.</remarks>
internal sealed class SyntheticStreamSamples : ITrainingSamples
{
    private readonly SyntheticSampleSource source;
    private readonly long offset;

    /// <summary>Creates the stream of <paramref name="count"/> samples starting at generator index <paramref name="offset"/>.</summary>
    public SyntheticStreamSamples(GeneratorSettings settings, ulong seed, long offset, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        this.source = new SyntheticSampleSource(settings, seed);
        this.offset = offset;
        this.Count = count;
        this.Description = $"synthetic stream (seed {seed}, indices {offset}..{offset + count - 1}, {settings.Width}×{settings.Height})";
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
        var sample = this.source.Get(this.offset + index);
        return new TrainingSample(sample.Image.Width, sample.Image.Height, sample.Image.Pixels, sample.Masks, $"synthetic #{this.offset + index}");
    }
}
