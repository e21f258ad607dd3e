namespace Dislocate.Segment.Inference;

/// <summary>
/// One of the eight orientations of a square grid's symmetry group (mirrors, turns by quarter turns, transposes), as a
/// pixel map: the turned image's pixel i is the original's pixel <c>Source[i]</c>.
/// </summary>
internal sealed class ImageOrientation
{
    private readonly int[] source;

    private ImageOrientation(int[] source, int width, int height)
    {
        this.source = source;
        this.Width = width;
        this.Height = height;
    }

    /// <summary>Width of the turned image.</summary>
    public int Width { get; }

    /// <summary>Height of the turned image.</summary>
    public int Height { get; }

    /// <summary>
    /// Orientation <paramref name="view"/> (0 to 7) of a <paramref name="width"/> × <paramref name="height"/> image: bit 0
    /// mirrors left-right, bit 1 top-bottom, bit 2 transposes first. Views 0-1, 0-3 and 0-7 are closed sets (2, 4, 8).
    /// </summary>
    public static ImageOrientation Of(int view, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(view);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(view, 7);
        var transpose = (view & 4) != 0;
        var (w, h) = transpose ? (height, width) : (width, height);
        var source = new int[width * height];
        for (var y = 0; y < h; y++)
        {
            var yy = (view & 2) != 0 ? h - 1 - y : y;
            for (var x = 0; x < w; x++)
            {
                var xx = (view & 1) != 0 ? w - 1 - x : x;
                source[(y * w) + x] = transpose ? (xx * width) + yy : (yy * width) + xx;
            }
        }

        return new ImageOrientation(source, w, h);
    }

    /// <summary>Writes the turned <paramref name="image"/> into <paramref name="turned"/>.</summary>
    public void Apply(ReadOnlySpan<float> image, Span<float> turned)
    {
        for (var i = 0; i < this.source.Length; i++)
        {
            turned[i] = image[this.source[i]];
        }
    }

    /// <summary>Adds the map <paramref name="turned"/> of the turned image, turned back, to <paramref name="sum"/>.</summary>
    public void AddBack(ReadOnlySpan<float> turned, Span<float> sum)
    {
        for (var i = 0; i < this.source.Length; i++)
        {
            sum[this.source[i]] += turned[i];
        }
    }
}
