namespace Dislocate.Core.Drawing;

/// <summary>Pixel coverage of anti-aliased lines from the distance of the pixel centre to the centre line.</summary>
public static class LineCoverage
{
    /// <summary>
    /// Approximate area fraction of a pixel covered by a line of <paramref name="width"/> pixels whose centre line is
    /// <paramref name="distance"/> from the pixel centre: clamp(width/2 + 0.5 − distance, 0, 1).
    /// </summary>
    /// <remarks>This is exact for a long straight axis-aligned line; a one-pixel linear ramp across the edge otherwise.</remarks>
    public static float BoxCoverage(float distance, float width)
    {
        var c = (0.5f * width) + 0.5f - distance;
        return c < 0f ? 0f : (c > 1f ? 1f : c);
    }
}
