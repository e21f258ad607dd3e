using Dislocate.Core.Skeletons;

namespace Dislocate.Segment.Evaluation;

/// <summary>
/// What the Dice sums, the metric and post-processing need to know about one plane, found in one SIMD pass: Σ values,
/// the bounding box of the non-zero values, the sorted list of non-zero pixels when the plane is sparse (so overlaps
/// cost a gather over that list, not a full scan), and the pixels at or above the binarisation threshold.
/// </summary>
/// <remarks>
/// A float plane is sparse when at most 1/<see cref="SparseDivisor"/> of its pixels are non-zero; an 8-bit plane
/// always keeps its list (8-bit planes are masks, and the list spares the other planes a byte-times-float scan).
/// </remarks>
internal sealed class MaskProfile
{
    private LineCache? line;

    /// <summary>A float plane keeps its support list when at most this fraction (1/8) of its pixels are non-zero.</summary>
    public const int SparseDivisor = 8;

    /// <summary>A foreground whose box holds at least this many pixels per foreground pixel counts as scattered.</summary>
    public const int ScatteredBoxRatio = 64;

    public MaskProfile(PlaneData plane, int width, double sum, int nonZero, bool binary, PixelBox box, int[]? support, int[] foreground, PixelBox foregroundBox, double foregroundSum)
    {
        this.Plane = plane;
        this.Width = width;
        this.Sum = sum;
        this.NonZero = nonZero;
        this.Binary = binary;
        this.Box = box;
        this.Support = support;
        this.Foreground = foreground;
        this.ForegroundBox = foregroundBox;
        this.ForegroundSum = foregroundSum;
    }

    public PlaneData Plane { get; }

    public int Width { get; }

    /// <summary>Σ values: per row in float lanes (exact integers for bytes), across rows in double.</summary>
    public double Sum { get; }

    public int NonZero { get; }

    /// <summary>True when the plane has a support list and every listed value is 1.</summary>
    public bool Binary { get; }

    /// <summary>Bounding box of the non-zero values.</summary>
    public PixelBox Box { get; }

    /// <summary>Sorted flat indices of the non-zero values, or null for a dense float plane.</summary>
    public int[]? Support { get; }

    /// <summary>Sorted flat indices of the pixels at or above the binarisation threshold.</summary>
    public int[] Foreground { get; }

    /// <summary>Bounding box of <see cref="Foreground"/>.</summary>
    public PixelBox ForegroundBox { get; }

    /// <summary>Σ values over <see cref="Foreground"/>.</summary>
    public double ForegroundSum { get; }

    /// <summary>
    /// Profiles one plane, or returns null when a value lies outside [0, 1] or is NaN. Pixels with value ≥
    /// <paramref name="threshold"/> (in (0, 1]) form the foreground.
    /// </summary>
    public static MaskProfile? Create(PlaneData plane, int width, int height, float threshold)
    {
        if (!(threshold > 0 && threshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "the binarisation threshold must lie in (0, 1]");
        }

        return plane.IsBytes ? BytePlaneScanner.Scan(plane, width, height, threshold) : FloatPlaneScanner.Scan(plane, width, height, threshold);
    }

    /// <summary>
    /// The line through the foreground, made once per options and kept (the metric and post-processing both ask). When
    /// only the largest component counts and the foreground is scattered (its box ≥ <see cref="ScatteredBoxRatio"/> times
    /// its pixel count, e.g. a noise map's specks), the largest component is found on the pixel list first and only its
    /// box is cropped: the same line as from the whole box, which <see cref="Core.Skeletons.MaskLines"/> would scan in full.
    /// </summary>
    public PlacedMaskLine ForegroundLine(MaskLineOptions options)
    {
        if (this.line is { } cached && cached.Options == options)
        {
            return cached.Line;
        }

        var (pixels, box) = options.KeepLargestComponent && this.ForegroundBox.Area >= (long)ScatteredBoxRatio * this.Foreground.Length
            ? this.LargestComponent()
            : (this.Foreground, this.ForegroundBox);
        var made = CroppedMaskLine.Extract(pixels, this.Width, box, options);
        this.line = new LineCache(options, made);
        return made;
    }

    /// <summary>
    /// The kept foreground line when it was made keeping the largest component and kept every pixel, i.e. the foreground
    /// is one component: then its line does not depend on MinPixels (up to its size) and can serve any such request.
    /// </summary>
    public PlacedMaskLine? SingleComponentLine(double knotSpacing, int minPixels) =>
        this.line is { } c && c.Options.KeepLargestComponent && c.Options.KnotSpacing == knotSpacing
            && c.Line.Line.Pixels == this.Foreground.Length && minPixels <= this.Foreground.Length
            ? c.Line
            : null;

    /// <summary>The largest 8-connected component of the foreground (the first in raster order on a tie, as MaskLines picks) and its box.</summary>
    private (int[] Pixels, PixelBox Box) LargestComponent()
    {
        var component = new int[this.Foreground.Length];
        var count = SparseComponents.Label(this.Foreground, this.Width, this.Plane.Length / this.Width, component);
        var sizes = new int[count];
        foreach (var c in component)
        {
            sizes[c]++;
        }

        var largest = 0;
        for (var c = 1; c < count; c++)
        {
            largest = sizes[c] > sizes[largest] ? c : largest;
        }

        var pixels = new int[sizes[largest]];
        var box = PixelBox.Empty;
        var n = 0;
        for (var i = 0; i < component.Length; i++)
        {
            if (component[i] == largest)
            {
                var p = this.Foreground[i];
                var y = p / this.Width;
                box = box.Include(p - (y * this.Width), y, p - (y * this.Width), y);
                pixels[n++] = p;
            }
        }

        return (pixels, box);
    }

    private sealed record LineCache(MaskLineOptions Options, PlacedMaskLine Line);
}
