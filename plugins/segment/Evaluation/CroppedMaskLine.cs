using Dislocate.Core.Skeletons;

namespace Dislocate.Segment.Evaluation;

/// <summary>
/// <see cref="MaskLines.Extract(ReadOnlySpan{byte}, int, int, MaskLineOptions)"/> on the bounding box of a pixel set
/// instead of the whole image: thinning and labelling then touch a few thousand pixels, not 512².
/// </summary>
/// <remarks>
/// Lee thinning and the labelling treat everything outside the image as background and scan in raster order, which a
/// crop preserves, so the line is the one the whole image would give, shifted by the crop offset.
/// </remarks>
internal static class CroppedMaskLine
{
    /// <summary>The crop, reused per thread (a noise map's specks can span the image, and its crop the large-object heap).</summary>
    [ThreadStatic]
    private static byte[]? scratch;

    /// <summary>The line through <paramref name="pixels"/> (sorted flat indices in a <paramref name="width"/>-wide image) lying in <paramref name="box"/>.</summary>
    public static PlacedMaskLine Extract(ReadOnlySpan<int> pixels, int width, PixelBox box, MaskLineOptions options)
    {
        var area = (int)box.Area;
        var crop = (scratch is { } s && s.Length >= area ? s : (scratch = new byte[Math.Max(area, 4096)])).AsSpan(0, area);
        crop.Clear();
        foreach (var p in pixels)
        {
            var y = p / width;
            crop[((y - box.Y0) * box.Width) + (p - (y * width)) - box.X0] = byte.MaxValue;
        }

        return new PlacedMaskLine(MaskLines.Extract(crop, box.Width, box.Height, options), box.X0, box.Y0);
    }
}
