using Dislocate.Core.IO;
using SkiaSharp;

namespace Dislocate.Core.Plotting;

/// <summary>A white raster to draw one chart on, with the shared chart elements (frame, ticks, titles, "no data") and PNG export.</summary>
/// <remarks>
/// Plot areas are whole-pixel rectangles [Left, Right) × [Top, Bottom); the frame is drawn one pixel outside them, so
/// the inside holds only data. Tick marks point outwards.
/// </remarks>
internal sealed class ChartCanvas : IDisposable
{
    /// <summary>Axis, frame and text colour.</summary>
    public static readonly SKColor Ink = new(0x20, 0x20, 0x20);

    /// <summary>The colour of notes such as "no data".</summary>
    public static readonly SKColor Muted = new(0x80, 0x80, 0x80);

    private readonly SKBitmap bitmap;
    private readonly SKPaint stroke;
    private readonly SKPaint fill;

    public ChartCanvas(int width, int height)
    {
        this.Width = width;
        this.Height = height;
        this.Text = new ChartText(width, height);
        this.bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        this.Canvas = new SKCanvas(this.bitmap);
        this.Canvas.Clear(SKColors.White);
        this.stroke = new SKPaint { Style = SKPaintStyle.Stroke, IsAntialias = true, StrokeCap = SKStrokeCap.Butt, StrokeJoin = SKStrokeJoin.Round };
        this.fill = new SKPaint { Style = SKPaintStyle.Fill, IsAntialias = true };
    }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>The text helper, sized for this image.</summary>
    public ChartText Text { get; }

    /// <summary>The Skia canvas, for drawing the data.</summary>
    public SKCanvas Canvas { get; }

    /// <summary>The tick-mark length in pixels.</summary>
    public float TickLength => 5 * this.Text.Scale;

    /// <summary>
    /// The plot area between the given margins' inner edges, rounded to whole pixels and kept at least a few pixels
    /// in size (on very small images the labels then overlap rather than the layout failing).
    /// </summary>
    public static SKRectI PlotRect(float left, float top, float right, float bottom, int width, int height)
    {
        const int MinSide = 4;
        var l = Math.Clamp((int)MathF.Round(left), 1, width - MinSide - 1);
        var t = Math.Clamp((int)MathF.Round(top), 1, height - MinSide - 1);
        var r = Math.Clamp((int)MathF.Round(right), l + MinSide, width - 1);
        var b = Math.Clamp((int)MathF.Round(bottom), t + MinSide, height - 1);
        return new SKRectI(l, t, r, b);
    }

    /// <summary>A stroke paint with <paramref name="color"/> and <paramref name="width"/>, reused between calls.</summary>
    public SKPaint Stroke(SKColor color, float width, bool antialias = true)
    {
        this.stroke.Color = color;
        this.stroke.StrokeWidth = width;
        this.stroke.IsAntialias = antialias;
        return this.stroke;
    }

    /// <summary>A fill paint with <paramref name="color"/>, reused between calls.</summary>
    public SKPaint Fill(SKColor color, bool antialias = true)
    {
        this.fill.Color = color;
        this.fill.IsAntialias = antialias;
        return this.fill;
    }

    /// <summary>The title centred above <paramref name="plot"/>, its line ending <see cref="ChartText.Pad"/> above the plot's top.</summary>
    public void DrawTitle(string title, SKRectI plot)
    {
        var size = this.Text.TitleSize;
        var text = this.Text.Fit(title, size, this.Width - (2 * this.Text.Pad));
        var centreY = plot.Top - this.Text.Pad - (ChartText.LineHeight(size) / 2);
        this.Text.Draw(this.Canvas, text, this.Width / 2f, centreY + ChartText.CentreToBaseline(size), size, Ink, SKTextAlign.Center);
    }

    /// <summary>A one-pixel frame just outside <paramref name="plot"/>.</summary>
    public void DrawFrame(SKRectI plot)
    {
        this.Canvas.DrawRect(plot.Left - 0.5f, plot.Top - 0.5f, plot.Width + 1, plot.Height + 1, this.Stroke(Ink, 1, antialias: false));
    }

    /// <summary>Tick marks and labels below <paramref name="plot"/>; returns the y just below the labels.</summary>
    public float DrawXTicks(AxisTicks ticks, AxisMap map, SKRectI plot)
    {
        var size = this.Text.TickSize;
        var top = plot.Bottom + 1;
        var labelCentre = top + this.TickLength + (this.Text.Pad / 2) + (ChartText.LineHeight(size) / 2);
        for (var i = 0; i < ticks.Values.Length; i++)
        {
            var x = MathF.Round(map.ToPixel(ticks.Values[i])) + 0.5f;
            this.Canvas.DrawLine(x, top, x, top + this.TickLength, this.Stroke(Ink, 1, antialias: false));
            this.Text.Draw(this.Canvas, ticks.Labels[i], x, labelCentre + ChartText.CentreToBaseline(size), size, Ink, SKTextAlign.Center);
        }

        return labelCentre + (ChartText.LineHeight(size) / 2);
    }

    /// <summary>Tick marks and right-aligned labels left of <paramref name="plot"/>.</summary>
    public void DrawYTicks(AxisTicks ticks, AxisMap map, SKRectI plot)
    {
        var size = this.Text.TickSize;
        var right = plot.Left - 1;
        for (var i = 0; i < ticks.Values.Length; i++)
        {
            var y = MathF.Round(map.ToPixel(ticks.Values[i])) + 0.5f;
            this.Canvas.DrawLine(right - this.TickLength, y, right, y, this.Stroke(Ink, 1, antialias: false));
            var labelRight = right - this.TickLength - (this.Text.Pad / 2);
            this.Text.Draw(this.Canvas, ticks.Labels[i], labelRight, y + ChartText.CentreToBaseline(size), size, Ink, SKTextAlign.Right);
        }
    }

    /// <summary>The x-axis label centred under <paramref name="plot"/>, its line starting at <paramref name="top"/>.</summary>
    public void DrawXLabel(string label, SKRectI plot, float top)
    {
        var size = this.Text.LabelSize;
        var text = this.Text.Fit(label, size, this.Width - (2 * this.Text.Pad));
        var centreY = top + (this.Text.Pad / 2) + (ChartText.LineHeight(size) / 2);
        this.Text.Draw(this.Canvas, text, (plot.Left + plot.Right) / 2f, centreY + ChartText.CentreToBaseline(size), size, Ink, SKTextAlign.Center);
    }

    /// <summary>The y-axis label reading upwards, centred on <paramref name="plot"/>'s height, at the image's left padding.</summary>
    public void DrawYLabel(string label, SKRectI plot)
    {
        var size = this.Text.LabelSize;
        var text = this.Text.Fit(label, size, this.Height - (2 * this.Text.Pad));
        var centreX = this.Text.Pad + (ChartText.LineHeight(size) / 2);
        this.Text.DrawVertical(this.Canvas, text, centreX, (plot.Top + plot.Bottom) / 2f, size, Ink);
    }

    /// <summary>"no data" in the middle of <paramref name="plot"/>.</summary>
    public void DrawNoData(SKRectI plot)
    {
        var size = this.Text.LabelSize;
        var centreY = (plot.Top + plot.Bottom) / 2f;
        this.Text.Draw(this.Canvas, "no data", (plot.Left + plot.Right) / 2f, centreY + ChartText.CentreToBaseline(size), size, Muted, SKTextAlign.Center);
    }

    /// <summary>The image as PNG bytes (8-bit RGB, written by <see cref="PngEncoder"/> so the bytes carry no metadata).</summary>
    public byte[] ToPng()
    {
        this.Canvas.Flush();
        var pixels = this.bitmap.GetPixelSpan();
        var rgb = new byte[this.Width * this.Height * 3];
        for (int i = 0, j = 0; j < rgb.Length; i += 4, j += 3)
        {
            // The background is opaque white, so premultiplied equals straight colour here.
            rgb[j] = pixels[i];
            rgb[j + 1] = pixels[i + 1];
            rgb[j + 2] = pixels[i + 2];
        }

        using var stream = new MemoryStream();
        PngEncoder.WriteRgb8(stream, rgb, this.Width, this.Height, PngCompression.Small);
        return stream.ToArray();
    }

    public void Dispose()
    {
        this.Canvas.Dispose();
        this.bitmap.Dispose();
        this.stroke.Dispose();
        this.fill.Dispose();
        this.Text.Dispose();
    }
}
