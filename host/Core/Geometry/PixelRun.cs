namespace Dislocate.Core.Geometry;

/// <summary>The straight 8-connected run of pixels between two pixels, both ends included.</summary>
/// <remarks>
/// One pixel per step along the longer axis (max(|Δx|, |Δy|) + 1 pixels), the other coordinate rounded half away from
/// zero: the run that joins a line's broken pieces and a crossing line's chain across its junction.
/// </remarks>
public static class PixelRun
{
    /// <summary>The pixels from (<paramref name="x0"/>, <paramref name="y0"/>) to (<paramref name="x1"/>, <paramref name="y1"/>), in order.</summary>
    public static IEnumerable<(int X, int Y)> Between(int x0, int y0, int x1, int y1)
    {
        var steps = Math.Max(Math.Abs(x1 - x0), Math.Abs(y1 - y0));
        for (var i = 0; i <= steps; i++)
        {
            var t = steps == 0 ? 0 : (double)i / steps;
            yield return ((int)Math.Round(x0 + ((x1 - x0) * t), MidpointRounding.AwayFromZero), (int)Math.Round(y0 + ((y1 - y0) * t), MidpointRounding.AwayFromZero));
        }
    }
}
