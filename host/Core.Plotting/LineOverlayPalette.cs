using SkiaSharp;

namespace Dislocate.Core.Plotting;

/// <summary>Track colours for line overlays on gray micrographs: the Okabe–Ito palette without black, by track id.</summary>
/// <remarks>
/// Okabe &amp; Ito (2008), "Color Universal Design", as <see cref="SeriesPalette"/>, but for a gray background: black
/// is left out and yellow kept, and the brightest colours come first (orange, sky blue, yellow, bluish green,
/// vermillion, reddish purple, blue). Lines get a dark halo so that even light colours show on bright pixels.
/// </remarks>
public static class LineOverlayPalette
{
    private static readonly SKColor[] Colors =
    [
        new(0xE6, 0x9F, 0x00),
        new(0x56, 0xB4, 0xE9),
        new(0xF0, 0xE4, 0x42),
        new(0x00, 0x9E, 0x73),
        new(0xD5, 0x5E, 0x00),
        new(0xCC, 0x79, 0xA7),
        new(0x00, 0x72, 0xB2),
    ];

    /// <summary>The number of distinct colours before they repeat.</summary>
    public static int Count => Colors.Length;

    /// <summary>The colour of track <paramref name="id"/> as (R, G, B): entry id mod <see cref="Count"/> (also for negative ids).</summary>
    public static (byte R, byte G, byte B) Rgb(int id)
    {
        var c = Color(id);
        return (c.Red, c.Green, c.Blue);
    }

    /// <summary>The colour of track <paramref name="id"/>.</summary>
    internal static SKColor Color(int id) => Colors[((id % Colors.Length) + Colors.Length) % Colors.Length];
}
