using SkiaSharp;

namespace Dislocate.Core.Plotting;

/// <summary>The viridis colour map (matplotlib's default): perceptually uniform, increasing in lightness, colour-blind safe.</summary>
/// <remarks>
/// Linear interpolation in sRGB between matplotlib's viridis at t = 0, 0.1, …, 1 (its 256-entry table sampled at
/// those points). The deviation from the full table is under 2 levels per channel, invisible in a heat map, and the
/// lightness still increases strictly with t.
/// </remarks>
public static class ViridisColormap
{
    private static readonly (byte R, byte G, byte B)[] Anchors =
    [
        (0x44, 0x01, 0x54),
        (0x48, 0x24, 0x75),
        (0x41, 0x44, 0x87),
        (0x35, 0x5F, 0x8D),
        (0x2A, 0x78, 0x8E),
        (0x21, 0x91, 0x8C),
        (0x22, 0xA8, 0x84),
        (0x44, 0xBF, 0x70),
        (0x7A, 0xD1, 0x51),
        (0xBD, 0xDF, 0x26),
        (0xFD, 0xE7, 0x25),
    ];

    /// <summary>The colour at <paramref name="t"/> ∈ [0, 1] (clamped; NaN gives the t = 0 colour) as (R, G, B).</summary>
    public static (byte R, byte G, byte B) Rgb(double t)
    {
        t = double.IsNaN(t) ? 0 : Math.Clamp(t, 0, 1);
        var position = t * (Anchors.Length - 1);
        var below = Math.Min((int)position, Anchors.Length - 2);
        var f = position - below;
        var (a, b) = (Anchors[below], Anchors[below + 1]);
        return (Mix(a.R, b.R, f), Mix(a.G, b.G, f), Mix(a.B, b.B, f));
    }

    /// <summary>The colour at <paramref name="t"/> as an <see cref="SKColor"/>.</summary>
    internal static SKColor Color(double t)
    {
        var (r, g, b) = Rgb(t);
        return new SKColor(r, g, b);
    }

    private static byte Mix(byte a, byte b, double f)
    {
        return (byte)Math.Round(a + ((b - a) * f), MidpointRounding.AwayFromZero);
    }
}
