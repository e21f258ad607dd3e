namespace Dislocate.Core.Imaging;

/// <summary>
/// How a line-mask image of any type reads as line pixels: the background is the image's most frequent value and every
/// other value is a line pixel.
/// </summary>
/// <remarks>
/// That one rule reads label images and 0/255 masks (background 0), and annotation drawings of dark strokes on white,
/// such as the palette PNGs of hand-drawn masks (background index 0 = white, anti-aliased stroke shades = line); a mask
/// that is mostly line is not a line mask.
/// </remarks>
public static class LineMaskRule
{
    /// <summary>1 for line pixels, 0 for the background, one byte per pixel of <paramref name="image"/>.</summary>
    public static byte[] LinePixels(GrayImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var pixels = image.Pixels;
        var counts = new Dictionary<float, int>();
        foreach (var v in pixels)
        {
            counts[v] = counts.GetValueOrDefault(v) + 1;
        }

        // The most frequent value; ties go to the smaller value so the choice never depends on dictionary order.
        var background = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First().Key;
        var mask = new byte[pixels.Length];
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = pixels[i] != background ? (byte)1 : (byte)0;
        }

        return mask;
    }
}
