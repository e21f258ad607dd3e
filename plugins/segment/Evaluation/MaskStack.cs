namespace Dislocate.Segment.Evaluation;

/// <summary>
/// A stack of same-sized masks or probability maps, one per instance: row-major planes of <see cref="Width"/> ×
/// <see cref="Height"/> values in [0, 1], given as floats or as bytes read as value / 255. Holds references, never
/// copies, so the planes must not change while the stack is in use.
/// </summary>
/// <remarks>
/// The one pass over the pixels that the Dice sums, the metric and post-processing all need (sums, bounding boxes,
/// foreground lists; see <see cref="MaskProfile"/>) is made once per threshold and kept, so evaluating and then
/// post-processing the same predictions reads their 20 × 512² values once.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "A stack of image planes in ImageJ's sense, not a LIFO collection.")]
public sealed class MaskStack
{
    private readonly PlaneData[] planes;
    private volatile ProfileCache? cache;

    /// <summary>Wraps float planes; each must hold exactly width × height values.</summary>
    public MaskStack(int width, int height, IEnumerable<ReadOnlyMemory<float>> planes)
        : this(width, height, (planes ?? throw new ArgumentNullException(nameof(planes))).Select(p => new PlaneData(p)))
    {
    }

    private MaskStack(int width, int height, IEnumerable<PlaneData> planes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        this.Width = width;
        this.Height = height;
        this.planes = planes.ToArray();
        for (var k = 0; k < this.planes.Length; k++)
        {
            if (this.planes[k].Length != (long)width * height)
            {
                throw new ArgumentException($"Plane {k} holds {this.planes[k].Length} values, not {width}×{height}.", nameof(planes));
            }
        }
    }

    /// <summary>Plane width in pixels.</summary>
    public int Width { get; }

    /// <summary>Plane height in pixels.</summary>
    public int Height { get; }

    /// <summary>Number of planes (instances).</summary>
    public int Count => this.planes.Length;

    /// <summary>Pixels per plane.</summary>
    public int PixelCount => this.Width * this.Height;

    /// <summary>Wraps float arrays, one per plane.</summary>
    public static MaskStack FromArrays(int width, int height, IEnumerable<float[]> planes)
    {
        ArgumentNullException.ThrowIfNull(planes);
        return new MaskStack(width, height, planes.Select(p => (ReadOnlyMemory<float>)p));
    }

    /// <summary>Wraps 8-bit planes (e.g. 0/255 masks), read as value / 255.</summary>
    public static MaskStack FromBytes(int width, int height, IEnumerable<ReadOnlyMemory<byte>> planes)
    {
        ArgumentNullException.ThrowIfNull(planes);
        return new MaskStack(width, height, planes.Select(p => new PlaneData(p)));
    }

    /// <summary>Slices a contiguous <paramref name="count"/> × height × width block (e.g. a copied [N, H, W] tensor) into planes, without copying.</summary>
    public static MaskStack FromStacked(ReadOnlyMemory<float> data, int count, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var size = width * height;
        if (data.Length != (long)count * size)
        {
            throw new ArgumentException($"The block holds {data.Length} values, not {count}×{height}×{width}.", nameof(data));
        }

        return new MaskStack(width, height, Enumerable.Range(0, count).Select(k => data.Slice(k * size, size)));
    }

    /// <summary>The value of plane <paramref name="plane"/> at flat pixel index <paramref name="index"/>.</summary>
    public float Value(int plane, int index) => this.planes[plane][index];

    internal PlaneData Plane(int index) => this.planes[index];

    /// <summary>The profiles of every plane at <paramref name="threshold"/>, made on first use; <paramref name="name"/> names the stack in errors.</summary>
    internal MaskProfile[] Profiles(float threshold, string name)
    {
        if (this.cache is { } c && c.Threshold == threshold)
        {
            return c.Profiles;
        }

        var profiles = new MaskProfile[this.planes.Length];
        for (var k = 0; k < profiles.Length; k++)
        {
            profiles[k] = MaskProfile.Create(this.planes[k], this.Width, this.Height, threshold)
                ?? throw new ArgumentException($"{name} plane {k} holds a value outside [0, 1] or NaN.");
        }

        // Profiles are immutable and depend only on the planes, so a race at most computes them twice.
        this.cache = new ProfileCache(threshold, profiles);
        return profiles;
    }

    private sealed record ProfileCache(float Threshold, MaskProfile[] Profiles);
}
