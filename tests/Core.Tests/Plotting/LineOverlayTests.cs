using Dislocate.Core.Geometry;
using Dislocate.Core.Plotting;
using SkiaSharp;

namespace Dislocate.Core.Tests.Plotting;

public sealed class LineOverlayTests
{
    private const int W = 32;
    private const int H = 24;

    /// <summary>A frame whose every pixel has its own gray value: 3x + 5y + 10 (10..248).</summary>
    private static byte[] Ramp()
    {
        var g = new byte[W * H];
        for (var y = 0; y < H; y++)
        {
            for (var x = 0; x < W; x++)
            {
                g[(y * W) + x] = (byte)((3 * x) + (5 * y) + 10);
            }
        }

        return g;
    }

    private static LineOverlayTrack Horizontal(int id, double y, string? label = "") =>
        new(id, [new PointD(4.5, y), new PointD(27.5, y)], label);

    private static RenderedChart Render(byte[] gray, LineOverlayTrack[] tracks, int scale = 4) =>
        new(LineOverlay.RenderPng(gray, W, H, tracks, new LineOverlayOptions(Scale: scale)));

    [Fact]
    public void PixelsUnderTheLine_TakeTheTrackColour_AndAllOthersKeepTheirGray()
    {
        var gray = Ramp();
        var image = Render(gray, [Horizontal(0, 12.5)]);
        Assert.Equal((W * 4, H * 4), (image.Width, image.Height));

        // Image y 12.5 is output y 50; the 2-pixel line covers output rows 49 and 50 fully from x = 18 to 110.
        var colour = LineOverlayPalette.Rgb(0);
        for (var x = 20; x < 108; x++)
        {
            Assert.True(image.IsNear(x, 49, colour, 2), $"({x}, 49) is {image[x, 49]}");
            Assert.True(image.IsNear(x, 50, colour, 2), $"({x}, 50) is {image[x, 50]}");
        }

        // Everything more than the halo (3 px) away from the line is the frame's gray, repeated 4 × 4 times.
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var nearLine = Math.Abs(y - 50) <= 4 && x >= 12 && x <= 116;
                if (!nearLine)
                {
                    var g = gray[((y / 4) * W) + (x / 4)];
                    Assert.Equal((g, g, g), image[x, y]);
                }
            }
        }

        // The 4-pixel halo covers rows 48 and 51 beside the line and darkens them.
        var gHalo = gray[(12 * W) + 15];
        Assert.True(image[60, 48].R < gHalo - 40, $"halo pixel {image[60, 48]} not darker than {gHalo}");
        Assert.True(image[60, 51].R < gHalo - 40, $"halo pixel {image[60, 51]} not darker than {gHalo}");
    }

    [Fact]
    public void FloatFrame_ShowsRound255TimesTheClampedValue()
    {
        var values = new float[W * H];
        values[0] = 0.5f;   // 127.5 → 128
        values[1] = -1f;    // → 0
        values[2] = 2f;     // → 255
        values[3] = 0.1f;   // 25.5 → 26
        var image = new RenderedChart(LineOverlay.RenderPng(values, W, H, [], new LineOverlayOptions(Scale: 2)));
        Assert.Equal(((byte)128, (byte)128, (byte)128), image[1, 1]);
        Assert.Equal(((byte)0, (byte)0, (byte)0), image[2, 0]);
        Assert.Equal(((byte)255, (byte)255, (byte)255), image[5, 1]);
        Assert.Equal(((byte)26, (byte)26, (byte)26), image[6, 0]);
    }

    [Fact]
    public void Colours_FollowTheTrackId_AndRepeatAfterThePalette()
    {
        var image = Render(Ramp(), [Horizontal(1, 4.5), Horizontal(2, 12.5), Horizontal(1 + LineOverlayPalette.Count, 20.5)]);
        Assert.NotEqual(LineOverlayPalette.Rgb(1), LineOverlayPalette.Rgb(2));
        Assert.True(image.IsNear(60, 17, LineOverlayPalette.Rgb(1), 2));
        Assert.True(image.IsNear(60, 49, LineOverlayPalette.Rgb(2), 2));
        Assert.True(image.IsNear(60, 81, LineOverlayPalette.Rgb(1), 2));
        Assert.Equal(LineOverlayPalette.Rgb(6), LineOverlayPalette.Rgb(-1));
    }

    [Fact]
    public void Trails_AreFainterTheOlderTheyAre_AndDrawnUnderTheCurrentLine()
    {
        var gray = new byte[W * H];
        Array.Fill(gray, (byte)128);
        // Trails at image y 4.625 and 8.625 are output y 18.5 and 34.5: the 1-pixel trail lines cover rows 18 and 34 fully.
        var track = new LineOverlayTrack(
            0,
            [new PointD(4.5, 12.5), new PointD(27.5, 12.5)],
            string.Empty,
            [[new PointD(4.5, 4.625), new PointD(27.5, 4.625)], [new PointD(4.5, 8.625), new PointD(27.5, 8.625)], [new PointD(4.5, 12.5), new PointD(27.5, 12.5)]]);
        var image = Render(gray, [track]);
        var colour = LineOverlayPalette.Rgb(0);
        var background = ((byte)128, (byte)128, (byte)128);
        var oldest = image[60, 18];
        var older = image[60, 34];

        // Blends of the gray and the colour: neither, and the newer one nearer the colour.
        Assert.NotEqual(background, oldest);
        Assert.True(RenderedChart.Distance(oldest, colour) > RenderedChart.Distance(older, colour), $"oldest {oldest}, newer {older}");
        Assert.True(RenderedChart.Distance(older, colour) > 10, $"trail {older} is as strong as a line");

        // The newest trail lies under the current line, which is drawn fully on top.
        Assert.True(image.IsNear(60, 49, colour, 2));
    }

    [Fact]
    public void Labels_AreDrawnNearTheFirstPoint_WhenFontsExist()
    {
        var gray = new byte[W * H];
        Array.Fill(gray, (byte)128);
        var plain = Render(gray, [Horizontal(0, 12.5, string.Empty)]);
        var labelled = Render(gray, [Horizontal(0, 12.5, "17")]);
        var byId = Render(gray, [Horizontal(17, 12.5, null)]);

        // The label sits up and right of the first point (output (18, 50)): rows above the line's halo.
        var changed = 0;
        for (var y = 20; y < 46; y++)
        {
            for (var x = 18; x < 60; x++)
            {
                changed += plain[x, y] == labelled[x, y] ? 0 : 1;
            }
        }

        if (SKTypeface.Default.GlyphCount > 0)
        {
            Assert.True(changed > 20, $"only {changed} label pixels");
            // Thin antialiased glyphs: few pixels take the exact colour, so allow a blend with the dark outline.
            Assert.True(byId.Count(18, 20, 60, 46, LineOverlayPalette.Rgb(17), 60) > 3, "the id label is missing");
            Assert.Equal(0, plain.Count(18, 20, 60, 46, LineOverlayPalette.Rgb(17), 60));
        }
        else
        {
            Assert.Equal(0, changed);
        }
    }

    [Fact]
    public void LabelAtTheImageCorner_StaysInside()
    {
        var gray = new byte[W * H];
        var image = Render(gray, [new LineOverlayTrack(3, [new PointD(31.9, 0.1)], "a long label")]);
        Assert.Equal((W * 4, H * 4), (image.Width, image.Height));
        if (SKTypeface.Default.GlyphCount > 0)
        {
            Assert.True(image.Count(0, 0, image.Width, image.Height / 2, LineOverlayPalette.Rgb(3), 2) > 10);
        }
    }

    [Fact]
    public void SameInput_GivesIdenticalBytes()
    {
        LineOverlayTrack[] tracks =
        [
            new(4, [new PointD(3.2, 5.7), new PointD(10.9, 9.1), new PointD(20.3, 7.4)], null, [[new PointD(2.2, 4.7), new PointD(9.9, 8.1)]]),
            new(9, [new PointD(14.5, 20.5)]),
        ];
        var a = LineOverlay.RenderPng(Ramp(), W, H, tracks);
        var b = LineOverlay.RenderPng(Ramp(), W, H, tracks);
        Assert.Equal(a, b);
        Assert.NotEqual(a, LineOverlay.RenderPng(Ramp(), W, H, [tracks[0]]));
    }

    [Theory]
    [InlineData(64, 64, 8)]
    [InlineData(100, 70, 6)]
    [InlineData(512, 512, 1)]
    [InlineData(2000, 10, 1)]
    [InlineData(16, 16, 8)]
    public void AutomaticScale_EnlargesSmallFrames(int width, int height, int expected)
    {
        Assert.Equal(expected, LineOverlayOptions.Default.ScaleFor(width, height));
        Assert.Equal(3, new LineOverlayOptions(Scale: 3).ScaleFor(width, height));
    }

    [Fact]
    public void DefaultOptions_GiveTheAutomaticSize()
    {
        var image = new RenderedChart(LineOverlay.RenderPng(Ramp(), W, H, []));
        // 512 / 32 = 16, capped at 8.
        Assert.Equal((W * 8, H * 8), (image.Width, image.Height));
    }

    public static TheoryData<string, Func<byte[]>> BadCalls => new()
    {
        { "zero width", () => LineOverlay.RenderPng(Array.Empty<byte>(), 0, 5, []) },
        { "negative height", () => LineOverlay.RenderPng(new byte[4], 4, -1, []) },
        { "length mismatch", () => LineOverlay.RenderPng(new byte[10], 4, 3, []) },
        { "float length mismatch", () => LineOverlay.RenderPng(new float[10], 4, 3, []) },
        { "NaN pixel", () => LineOverlay.RenderPng([0f, float.NaN, 0f, 0f], 2, 2, []) },
        { "empty track", () => LineOverlay.RenderPng(new byte[4], 2, 2, [new LineOverlayTrack(1, [])]) },
        { "NaN point", () => LineOverlay.RenderPng(new byte[4], 2, 2, [new LineOverlayTrack(1, [new PointD(double.NaN, 1)])]) },
        { "empty trail", () => LineOverlay.RenderPng(new byte[4], 2, 2, [new LineOverlayTrack(1, [new PointD(1, 1)], null, [[]])]) },
        { "scale too big", () => LineOverlay.RenderPng(new byte[4], 2, 2, [], new LineOverlayOptions(Scale: 17)) },
        { "negative scale", () => LineOverlay.RenderPng(new byte[4], 2, 2, [], new LineOverlayOptions(Scale: -1)) },
        { "zero line width", () => LineOverlay.RenderPng(new byte[4], 2, 2, [], new LineOverlayOptions(LineWidth: 0)) },
        { "NaN label size", () => LineOverlay.RenderPng(new byte[4], 2, 2, [], new LineOverlayOptions(LabelSize: float.NaN)) },
        { "output too large", () => LineOverlay.RenderPng(new byte[2048 * 2048], 2048, 2048, [], new LineOverlayOptions(Scale: 4)) },
    };

    [Theory]
    [MemberData(nameof(BadCalls))]
    public void BadInput_ThrowsArgumentException(string why, Func<byte[]> call)
    {
        var e = Assert.Throws<ArgumentException>(call);
        Assert.False(string.IsNullOrWhiteSpace(e.Message), why);
    }
}
