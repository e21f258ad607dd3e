namespace Dislocate.Core.Imaging;

/// <summary>A single-channel float image stored row-major; pixel (x, y) covers [x, x+1) × [y, y+1).</summary>
/// <remarks>
/// Values are usually in [0, 1] (0 = black). The class owns its buffer; algorithms take
/// <see cref="Pixels"/> as a span so they stay independent of this type.
/// </remarks>
public sealed class GrayImage
{
    /// <summary>Creates a black image.</summary>
    public GrayImage(int width, int height)
        : this(width, height, new float[checked(width * height)])
    {
    }

    /// <summary>Wraps an existing row-major buffer of exactly width × height values.</summary>
    public GrayImage(int width, int height, float[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != width * height)
        {
            throw new ArgumentException($"Expected {width * height} pixels for {width}×{height}, got {pixels.Length}.", nameof(pixels));
        }

        this.Width = width;
        this.Height = height;
        this.Pixels = pixels;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Row-major pixel values.</summary>
    public float[] Pixels { get; }

    /// <summary>Gets or sets the value at column <paramref name="x"/>, row <paramref name="y"/>.</summary>
    public float this[int x, int y]
    {
        get => this.Pixels[(y * this.Width) + x];
        set => this.Pixels[(y * this.Width) + x] = value;
    }

    /// <summary>One row as a span.</summary>
    public Span<float> Row(int y) => this.Pixels.AsSpan(y * this.Width, this.Width);

    /// <summary>A deep copy.</summary>
    public GrayImage Clone() => new(this.Width, this.Height, (float[])this.Pixels.Clone());
}
