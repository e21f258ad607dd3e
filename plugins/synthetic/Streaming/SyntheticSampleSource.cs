using Dislocate.Contracts;
using Dislocate.Synthetic.Backgrounds;
using Dislocate.Synthetic.Dataset;
using Dislocate.Synthetic.Rendering;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Streaming;

/// <summary>
/// Synthetic samples in memory, by index, with no disk access: what training code consumes. Sample i is the same
/// image and masks that <c>generate</c> writes for index i with the same seed and settings.
/// </summary>
/// <remarks>Thread-safe: each thread renders with its own scratch buffers.</remarks>
public sealed class SyntheticSampleSource : ISampleSource
{
    private readonly BackgroundLibrary? library;

    /// <summary>Creates a stream; validates the settings and opens the background folder when one is used.</summary>
    /// <param name="settings">Generator settings.</param>
    /// <param name="seed">Master seed.</param>
    /// <param name="origin">Where the settings came from (a preset file), for <see cref="Description"/>; null = given in code.</param>
    public SyntheticSampleSource(GeneratorSettings settings, ulong seed, string? origin = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        SettingsValidator.Validate(settings);
        this.Settings = settings;
        this.Seed = seed;
        this.Description = $"synthetic {SyntheticPlugin.Version} ({origin ?? "settings in code"}, seed {seed}, {settings.Width}×{settings.Height})";
        this.library = settings.Background.Kind == BackgroundKind.Real ? new BackgroundLibrary(settings.Background.Folder!) : null;
    }

    /// <summary>The generator settings.</summary>
    public GeneratorSettings Settings { get; }

    /// <summary>The master seed.</summary>
    public ulong Seed { get; }

    /// <inheritdoc/>
    public int Width => this.Settings.Width;

    /// <inheritdoc/>
    public int Height => this.Settings.Height;

    /// <inheritdoc/>
    public string Description { get; }

    /// <summary>Sample <paramref name="index"/> (its first frame for sequence settings).</summary>
    public RenderedSample Get(long index) => this.GetFrames(index)[0];

    /// <summary>
    /// Sample <paramref name="index"/> rendered into the calling thread's reusable buffers, without allocating:
    /// the view is valid until the next render on this thread (copy what you keep, e.g. into a tensor).
    /// </summary>
    public RenderedSample GetView(long index) =>
        DatasetWriter.Generate(this.Settings with { Sequence = this.Settings.Sequence with { Frames = 1 } }, this.Seed, index, this.library, inPlace: true).Frames[0];

    /// <inheritdoc/>
    LabelledImage ISampleSource.Render(long index)
    {
        var sample = this.Get(index);
        return new LabelledImage(sample.Image.Width, sample.Image.Height, sample.Image.Pixels, sample.Masks);
    }

    /// <summary>All frames of sample <paramref name="index"/>; <paramref name="cancellation"/> is checked before each frame.</summary>
    public IReadOnlyList<RenderedSample> GetFrames(long index, CancellationToken cancellation = default) =>
        DatasetWriter.Generate(this.Settings, this.Seed, index, this.library, cancellation: cancellation).Frames;

    /// <summary>Samples <paramref name="start"/> … start + count − 1, in order.</summary>
    public IEnumerable<RenderedSample> Enumerate(long start, long count)
    {
        for (var i = start; i < start + count; i++)
        {
            yield return this.Get(i);
        }
    }

    /// <summary>A batch rendered on up to <paramref name="threads"/> threads; element k is sample start + k.</summary>
    public RenderedSample[] GetBatch(long start, int count, int threads, CancellationToken cancellation = default)
    {
        var batch = new RenderedSample[count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads), CancellationToken = cancellation };
        Parallel.For(0, count, options, k => batch[k] = this.Get(start + k));
        return batch;
    }
}
