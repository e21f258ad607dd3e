using SkiaSharp;

namespace Dislocate.Core.Plotting;

/// <summary>The series colours: the Okabe–Ito palette, distinguishable with the common forms of colour blindness.</summary>
/// <remarks>
/// Okabe &amp; Ito (2008), "Color Universal Design". Ordered so the first colours differ most on white (blue,
/// vermillion, bluish green, reddish purple, orange, sky blue, black); yellow is left out as it barely shows on white.
/// Series beyond the seventh reuse the colours in the same order.
/// </remarks>
public static class SeriesPalette
{
    private static readonly SKColor[] Colors =
    [
        new(0x00, 0x72, 0xB2),
        new(0xD5, 0x5E, 0x00),
        new(0x00, 0x9E, 0x73),
        new(0xCC, 0x79, 0xA7),
        new(0xE6, 0x9F, 0x00),
        new(0x56, 0xB4, 0xE9),
        new(0x00, 0x00, 0x00),
    ];

    /// <summary>The number of distinct colours before they repeat.</summary>
    public static int Count => Colors.Length;

    /// <summary>The colour of series <paramref name="index"/> (0-based) as (R, G, B).</summary>
    public static (byte R, byte G, byte B) Rgb(int index)
    {
        var c = Color(index);
        return (c.Red, c.Green, c.Blue);
    }

    /// <summary>The colour of series <paramref name="index"/> (0-based).</summary>
    internal static SKColor Color(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return Colors[index % Colors.Length];
    }
}
