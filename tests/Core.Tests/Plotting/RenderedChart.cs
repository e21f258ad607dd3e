using Dislocate.Core.IO;

namespace Dislocate.Core.Tests.Plotting;

/// <summary>A rendered chart PNG decoded by our own <see cref="PngDecoder"/>, with pixel and colour helpers.</summary>
internal sealed class RenderedChart
{
    private readonly byte[] rgb;

    public RenderedChart(byte[] png)
    {
        var image = PngDecoder.Decode(png, "chart");
        Assert.Equal(8, image.BitDepth);
        Assert.Equal(3, image.Channels);
        this.Width = image.Width;
        this.Height = image.Height;
        this.rgb = image.Samples8!;
    }

    public static (byte R, byte G, byte B) White => (255, 255, 255);

    public int Width { get; }

    public int Height { get; }

    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            var i = ((y * this.Width) + x) * 3;
            return (this.rgb[i], this.rgb[i + 1], this.rgb[i + 2]);
        }
    }

    /// <summary>The largest per-channel difference between two colours.</summary>
    public static int Distance((byte R, byte G, byte B) a, (byte R, byte G, byte B) b) =>
        Math.Max(Math.Abs(a.R - b.R), Math.Max(Math.Abs(a.G - b.G), Math.Abs(a.B - b.B)));

    /// <summary>Whether pixel (x, y) is within <paramref name="tolerance"/> of <paramref name="colour"/> in every channel.</summary>
    public bool IsNear(int x, int y, (byte R, byte G, byte B) colour, int tolerance = 24) => Distance(this[x, y], colour) <= tolerance;

    /// <summary>How many pixels of the rectangle [x0, x1) × [y0, y1) are near <paramref name="colour"/>.</summary>
    public int Count(int x0, int y0, int x1, int y1, (byte R, byte G, byte B) colour, int tolerance = 24)
    {
        var count = 0;
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                if (this.IsNear(x, y, colour, tolerance))
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>How many pixels of the rectangle are darker than mid-grey (text, axes).</summary>
    public int CountDark(int x0, int y0, int x1, int y1)
    {
        var count = 0;
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                var (r, g, b) = this[x, y];
                if (r + g + b < 3 * 128)
                {
                    count++;
                }
            }
        }

        return count;
    }
}
