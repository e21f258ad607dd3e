using Dislocate.Core.Imaging;

namespace Dislocate.Synthetic.Rendering;

/// <summary>
/// A contact sheet: for each sample, the image and beside it the image with every instance mask tinted in its own
/// colour, downscaled by box averaging; tiles in a grid with a gap. Returns interleaved RGB bytes.
/// </summary>
public static class ContactSheet
{
    private const int Gap = 4;

    // Distinct, colour-blind-friendly hues (Okabe–Ito and Tableau), cycled for more instances.
    private static readonly (byte R, byte G, byte B)[] Palette =
    [
        (230, 159, 0), (86, 180, 233), (0, 158, 115), (240, 228, 66), (0, 114, 178), (213, 94, 0), (204, 121, 167),
        (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189), (140, 86, 75), (227, 119, 194), (188, 189, 34), (23, 190, 207),
    ];

    /// <summary>Builds the sheet; <paramref name="factor"/> is the integer downscale (1 = full size).</summary>
    public static (byte[] Rgb, int Width, int Height) Build(IReadOnlyList<RenderedSample> samples, int columns, int factor)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            throw new ArgumentException("No samples.", nameof(samples));
        }

        factor = Math.Max(1, factor);
        columns = Math.Clamp(columns, 1, samples.Count);
        var rows = (samples.Count + columns - 1) / columns;
        var tw = samples[0].Image.Width / factor;
        var th = samples[0].Image.Height / factor;
        var cellW = (2 * tw) + Gap;
        var width = (columns * cellW) + Gap;
        var height = (rows * (th + Gap)) + Gap;
        var rgb = new byte[width * height * 3];
        Array.Fill(rgb, (byte)32);
        for (var s = 0; s < samples.Count; s++)
        {
            var ox = Gap + ((s % columns) * cellW);
            var oy = Gap + ((s / columns) * (th + Gap));
            DrawTile(samples[s], factor, rgb, width, ox, oy, tinted: false);
            DrawTile(samples[s], factor, rgb, width, ox + tw, oy, tinted: true);
        }

        return (rgb, width, height);
    }

    private static void DrawTile(RenderedSample sample, int factor, byte[] rgb, int sheetWidth, int ox, int oy, bool tinted)
    {
        var image = sample.Image;
        var tw = image.Width / factor;
        var th = image.Height / factor;
        for (var y = 0; y < th; y++)
        {
            for (var x = 0; x < tw; x++)
            {
                float r = 0, g = 0, b = 0;
                for (var dy = 0; dy < factor; dy++)
                {
                    for (var dx = 0; dx < factor; dx++)
                    {
                        var px = (x * factor) + dx;
                        var py = (y * factor) + dy;
                        var (cr, cg, cb) = Colour(sample, image, px, py, tinted);
                        r += cr;
                        g += cg;
                        b += cb;
                    }
                }

                var n = factor * factor;
                var o = (((oy + y) * sheetWidth) + ox + x) * 3;
                rgb[o] = (byte)Math.Clamp((r / n) + 0.5f, 0, 255);
                rgb[o + 1] = (byte)Math.Clamp((g / n) + 0.5f, 0, 255);
                rgb[o + 2] = (byte)Math.Clamp((b / n) + 0.5f, 0, 255);
            }
        }
    }

    private static (float R, float G, float B) Colour(RenderedSample sample, GrayImage image, int x, int y, bool tinted)
    {
        var v = image[x, y] * 255f;
        if (!tinted)
        {
            return (v, v, v);
        }

        var index = (y * image.Width) + x;
        for (var k = sample.Masks.Count - 1; k >= 0; k--)
        {
            if (sample.Masks[k][index] != 0)
            {
                var c = Palette[k % Palette.Length];
                return ((0.3f * v) + (0.7f * c.R), (0.3f * v) + (0.7f * c.G), (0.3f * v) + (0.7f * c.B));
            }
        }

        return (v, v, v);
    }
}
