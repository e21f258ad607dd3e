namespace Dislocate.Segment.Inference;

/// <summary>Where tiles go along one image axis: pure integer arithmetic, no Torch.</summary>
internal static class TileLayout
{
    /// <summary>Network inputs must have sides that are multiples of this.</summary>
    public const int SizeMultiple = 32;

    /// <summary>
    /// The tile extent along an axis of <paramref name="length"/> pixels: <paramref name="tileSize"/>, or for a shorter
    /// axis the length rounded up to a multiple of 32 (the excess is filled by reflection and cropped away).
    /// </summary>
    public static int Extent(int length, int tileSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        var rounded = (int)Math.Min(((long)length + SizeMultiple - 1) / SizeMultiple * SizeMultiple, int.MaxValue);
        return Math.Min(tileSize, rounded);
    }

    /// <summary>
    /// Start offsets of tiles of <paramref name="tile"/> pixels covering [0, <paramref name="length"/>): one tile at 0
    /// when it covers the axis, else the fewest tiles whose neighbours overlap by at least <paramref name="overlap"/>,
    /// spread evenly from 0 to <c>length − tile</c> so no tile reaches past the image.
    /// </summary>
    public static int[] Starts(int length, int tile, int overlap)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tile);
        if (overlap < 0 || overlap >= tile)
        {
            throw new ArgumentOutOfRangeException(nameof(overlap), overlap, $"Overlap must be in [0, {tile}).");
        }

        if (length <= tile)
        {
            return [0];
        }

        // n tiles advance by at most tile − overlap each: n ≥ (length − overlap) / (tile − overlap).
        var step = tile - overlap;
        var n = (int)(((long)length - overlap + step - 1) / step);
        var span = (long)length - tile;
        var starts = new int[n];
        for (var i = 0; i < n; i++)
        {
            // Rounded i·span/(n−1): the spacing never exceeds ⌈span/(n−1)⌉ ≤ tile − overlap.
            starts[i] = (int)(((i * span * 2) + (n - 1)) / (2L * (n - 1)));
        }

        return starts;
    }

    /// <summary>
    /// Maps a coordinate outside [0, <paramref name="length"/>) back inside by mirror reflection about the edge pixels
    /// (PyTorch's "reflect" padding, repeated for pads longer than the image); 0 when the axis is one pixel long.
    /// </summary>
    public static int Reflect(int index, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        if (length == 1)
        {
            return 0;
        }

        var period = 2 * (length - 1);
        var m = index % period;
        if (m < 0)
        {
            m += period;
        }

        return m < length ? m : period - m;
    }
}
