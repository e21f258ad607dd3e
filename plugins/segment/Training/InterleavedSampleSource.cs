using Dislocate.Contracts;

namespace Dislocate.Segment.Training;

/// <summary>
/// Several sample sources as one, taken in turn: index i is image i / k of source i mod k, so every k consecutive images
/// hold one of each and the same index always gives the same image.
/// </summary>
/// <remarks>
/// Lets one model train on unlike image families at once (the generator's M2 defaults beside a preset fitted to real
/// frames) instead of one after the other, which forgets the first. Disjoint index ranges of this source (training and
/// test) stay disjoint in every member.
/// </remarks>
internal sealed class InterleavedSampleSource : ISampleSource
{
    private readonly ISampleSource[] sources;

    /// <summary>Interleaves <paramref name="sources"/> (at least one) in the order given.</summary>
    public InterleavedSampleSource(IReadOnlyList<ISampleSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentOutOfRangeException.ThrowIfZero(sources.Count);
        this.sources = [.. sources];
        this.Description = string.Join(" | ", this.sources.Select(s => s.Description)) + " (in turn)";
    }

    /// <summary>Width of the first source's images; each image carries its own size.</summary>
    public int Width => this.sources[0].Width;

    /// <summary>Height of the first source's images; each image carries its own size.</summary>
    public int Height => this.sources[0].Height;

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public LabelledImage Render(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return this.sources[index % this.sources.Length].Render(index / this.sources.Length);
    }
}
