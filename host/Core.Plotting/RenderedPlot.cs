using Dislocate.Core.IO;
using ScottPlot;
using SkiaSharp;

namespace Dislocate.Core.Plotting;

/// <summary>A chart rendered to an RGB PNG, with where its data area ended up and the axis limits drawn.</summary>
/// <param name="Png">The PNG bytes (8-bit RGB, no time or metadata chunks).</param>
/// <param name="Data">The data area in image pixels.</param>
/// <param name="Limits">The axis limits of the data area (log10 of the values on a log axis).</param>
internal sealed record RenderedPlot(byte[] Png, PixelRect Data, AxisLimits Limits)
{
    /// <summary>The image x of data coordinate <paramref name="x"/>.</summary>
    public float X(double x) => (float)(this.Data.Left + ((x - this.Limits.Left) / (this.Limits.Right - this.Limits.Left) * this.Data.Width));

    /// <summary>The image y of data coordinate <paramref name="y"/>.</summary>
    public float Y(double y) => (float)(this.Data.Bottom - ((y - this.Limits.Bottom) / (this.Limits.Top - this.Limits.Bottom) * this.Data.Height));

    /// <summary>Renders <paramref name="plot"/> at <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static RenderedPlot Render(Plot plot, int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            plot.Render(canvas, width, height);
            canvas.Flush();
        }

        var pixels = bitmap.GetPixelSpan();
        var rgb = new byte[width * height * 3];
        for (int i = 0, j = 0; j < rgb.Length; i += 4, j += 3)
        {
            // The background is opaque white, so premultiplied equals straight colour here.
            rgb[j] = pixels[i];
            rgb[j + 1] = pixels[i + 1];
            rgb[j + 2] = pixels[i + 2];
        }

        using var stream = new MemoryStream();
        PngEncoder.WriteRgb8(stream, rgb, width, height, PngCompression.Small);
        return new RenderedPlot(stream.ToArray(), plot.LastRender.DataRect, plot.LastRender.AxisLimits);
    }
}
