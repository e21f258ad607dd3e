using System.Globalization;
using Dislocate.Core.Geometry;
using Dislocate.Core.IO;
using SkiaSharp;

namespace Dislocate.Core.Plotting;

/// <summary>Renders one gray frame with coloured track polylines, labels and fading trails drawn over it, as a PNG.</summary>
/// <remarks>
/// The frame is enlarged by an integer factor s (<see cref="LineOverlayOptions.ScaleFor"/>) by repeating each pixel
/// s × s times, so untouched pixels keep their exact gray value; image point (x, y) lands on output point (s·x, s·y),
/// which keeps the pixel convention (pixel (c, r) covers [c, c+1) × [r, r+1)). Drawing order: all trails (thin,
/// fainter the older they are), then every current line over a dark halo, then the labels (track colour with a dark
/// outline, up and right of the first point, kept inside the image). Skia rasterises on the CPU and
/// <see cref="PngEncoder"/> writes no metadata, so equal input gives identical bytes. Labels use SkiaSharp's default
/// typeface, the first font SkiaSharp finds under /usr/share/fonts; where the machine has no fonts they are left out.
/// </remarks>
public static class LineOverlay
{
    /// <summary>The most output pixels (width × height after scaling) a rendering may have.</summary>
    public const long MaxOutputPixels = 1L << 25;

    private static readonly SKColor Halo = new(0, 0, 0, 0x99);
    private static readonly SKColor LabelOutline = new(0, 0, 0, 0xB3);

    /// <summary>
    /// The PNG of the <paramref name="width"/> × <paramref name="height"/> row-major frame <paramref name="gray"/>
    /// (values in [0, 1], clamped; shown as round(255·v)) with <paramref name="tracks"/> drawn over it.
    /// </summary>
    /// <exception cref="ArgumentException">Bad sizes, a NaN pixel, a bad track or option; the message names it.</exception>
    public static byte[] RenderPng(ReadOnlySpan<float> gray, int width, int height, IReadOnlyList<LineOverlayTrack> tracks, LineOverlayOptions? options = null)
    {
        CheckFrame(gray.Length, width, height);
        var bytes = new byte[gray.Length];
        for (var i = 0; i < gray.Length; i++)
        {
            var v = gray[i];
            if (float.IsNaN(v))
            {
                throw new ArgumentException($"Pixel ({i % width}, {i / width}) of the frame is NaN.", nameof(gray));
            }

            bytes[i] = (byte)((Math.Clamp(v, 0f, 1f) * 255f) + 0.5f);
        }

        return RenderPng((ReadOnlySpan<byte>)bytes, width, height, tracks, options);
    }

    /// <summary>The PNG of the <paramref name="width"/> × <paramref name="height"/> row-major 8-bit frame <paramref name="gray"/> with <paramref name="tracks"/> drawn over it.</summary>
    /// <exception cref="ArgumentException">Bad sizes, a bad track or option; the message names it.</exception>
    public static byte[] RenderPng(ReadOnlySpan<byte> gray, int width, int height, IReadOnlyList<LineOverlayTrack> tracks, LineOverlayOptions? options = null)
    {
        CheckFrame(gray.Length, width, height);
        ArgumentNullException.ThrowIfNull(tracks);
        options ??= LineOverlayOptions.Default;
        options.Validate();
        foreach (var track in tracks)
        {
            CheckTrack(track);
        }

        var scale = options.ScaleFor(width, height);
        var outWidth = (long)width * scale;
        var outHeight = (long)height * scale;
        if (outWidth * outHeight > MaxOutputPixels)
        {
            throw new ArgumentException(
                $"The overlay would be {outWidth} × {outHeight} pixels (frame {width} × {height} at scale {scale}); the limit is {MaxOutputPixels} pixels: use a smaller scale.",
                nameof(options));
        }

        var w = (int)outWidth;
        var h = (int)outHeight;
        using var bitmap = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        FillEnlarged(bitmap, gray, width, height, scale);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Style = SKPaintStyle.Stroke, IsAntialias = true, StrokeCap = SKStrokeCap.Round, StrokeJoin = SKStrokeJoin.Round })
        {
            DrawTrails(canvas, paint, tracks, scale, options);
            DrawLines(canvas, paint, tracks, scale, options);
            DrawLabels(canvas, tracks, scale, options, w, h);
            canvas.Flush();
        }

        return ToPng(bitmap, w, h);
    }

    private static void CheckFrame(int length, int width, int height)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentException($"The frame size must be positive, got {width} × {height}.", nameof(width));
        }

        if ((long)width * height != length)
        {
            throw new ArgumentException($"The frame has {length} pixels but {width} × {height} = {(long)width * height} were expected.", nameof(length));
        }
    }

    private static void CheckTrack(LineOverlayTrack track)
    {
        if (track is null)
        {
            throw new ArgumentException("A track is null.", nameof(track));
        }

        CheckPolyline(track.Id, "points", track.Points);
        if (track.Trail is null)
        {
            return;
        }

        for (var k = 0; k < track.Trail.Count; k++)
        {
            CheckPolyline(track.Id, $"trail {k}", track.Trail[k]);
        }
    }

    private static void CheckPolyline(int id, string what, PointD[]? points)
    {
        if (points is null || points.Length == 0)
        {
            throw new ArgumentException($"Track {id}: {what} are empty.", nameof(points));
        }

        for (var i = 0; i < points.Length; i++)
        {
            if (!double.IsFinite(points[i].X) || !double.IsFinite(points[i].Y))
            {
                throw new ArgumentException($"Track {id}: {what}, point {i} ({points[i].X}, {points[i].Y}) is not finite.", nameof(points));
            }
        }
    }

    /// <summary>Writes each gray pixel as an opaque s × s block (premultiplied equals straight colour when opaque).</summary>
    private static unsafe void FillEnlarged(SKBitmap bitmap, ReadOnlySpan<byte> gray, int width, int height, int scale)
    {
        var rowBytes = bitmap.RowBytes;
        var pixels = new Span<byte>((void*)bitmap.GetPixels(), checked(rowBytes * bitmap.Height));
        var outRowLength = width * scale * 4;
        for (var y = 0; y < height; y++)
        {
            var first = pixels.Slice(y * scale * rowBytes, outRowLength);
            var source = gray.Slice(y * width, width);
            for (int x = 0, o = 0; x < width; x++)
            {
                var g = source[x];
                for (var k = 0; k < scale; k++, o += 4)
                {
                    first[o] = g;
                    first[o + 1] = g;
                    first[o + 2] = g;
                    first[o + 3] = 255;
                }
            }

            for (var k = 1; k < scale; k++)
            {
                first.CopyTo(pixels.Slice(((y * scale) + k) * rowBytes, outRowLength));
            }
        }
    }

    private static void DrawTrails(SKCanvas canvas, SKPaint paint, IReadOnlyList<LineOverlayTrack> tracks, int scale, LineOverlayOptions options)
    {
        paint.StrokeWidth = Math.Max(1f, options.LineWidth / 2);
        foreach (var track in tracks)
        {
            var trail = track.Trail;
            if (trail is null)
            {
                continue;
            }

            var colour = LineOverlayPalette.Color(track.Id);
            for (var k = 0; k < trail.Count; k++)
            {
                // Oldest faintest: opacity rises linearly to 0.7 for the most recent earlier position.
                var opacity = 0.25f + (0.45f * (k + 1) / trail.Count);
                paint.Color = colour.WithAlpha((byte)((opacity * 255f) + 0.5f));
                DrawPolyline(canvas, paint, trail[k], scale);
            }
        }
    }

    private static void DrawLines(SKCanvas canvas, SKPaint paint, IReadOnlyList<LineOverlayTrack> tracks, int scale, LineOverlayOptions options)
    {
        paint.StrokeWidth = options.LineWidth + 2;
        paint.Color = Halo;
        foreach (var track in tracks)
        {
            DrawPolyline(canvas, paint, track.Points, scale);
        }

        paint.StrokeWidth = options.LineWidth;
        foreach (var track in tracks)
        {
            paint.Color = LineOverlayPalette.Color(track.Id);
            DrawPolyline(canvas, paint, track.Points, scale);
        }
    }

    private static void DrawPolyline(SKCanvas canvas, SKPaint paint, PointD[] points, int scale)
    {
        if (points.Length == 1)
        {
            // A single point: a dot as wide as the line (a round cap on a zero-length segment).
            var p = ToOutput(points[0], scale);
            canvas.DrawPoint(p, paint);
            return;
        }

        using var path = new SKPath();
        path.MoveTo(ToOutput(points[0], scale));
        for (var i = 1; i < points.Length; i++)
        {
            path.LineTo(ToOutput(points[i], scale));
        }

        canvas.DrawPath(path, paint);
    }

    private static void DrawLabels(SKCanvas canvas, IReadOnlyList<LineOverlayTrack> tracks, int scale, LineOverlayOptions options, int width, int height)
    {
        using var font = new SKFont(SKTypeface.Default, options.LabelSize);
        using var paint = new SKPaint { IsAntialias = true, StrokeJoin = SKStrokeJoin.Round };
        var metrics = font.Metrics;
        var offset = options.LineWidth + 2;
        foreach (var track in tracks)
        {
            var text = track.Label ?? track.Id.ToString(CultureInfo.InvariantCulture);
            if (text.Length == 0)
            {
                continue;
            }

            var anchor = ToOutput(track.Points[0], scale);
            var textWidth = font.MeasureText(text);
            var x = Math.Max(1f, Math.Min(anchor.X + offset, width - textWidth - 1));
            var baseline = Math.Max(1f - metrics.Ascent, Math.Min(anchor.Y - offset, height - metrics.Descent - 1));

            paint.Style = SKPaintStyle.Stroke;
            paint.StrokeWidth = Math.Max(2f, options.LabelSize / 5);
            paint.Color = LabelOutline;
            canvas.DrawText(text, x, baseline, SKTextAlign.Left, font, paint);
            paint.Style = SKPaintStyle.Fill;
            paint.Color = LineOverlayPalette.Color(track.Id);
            canvas.DrawText(text, x, baseline, SKTextAlign.Left, font, paint);
        }
    }

    private static SKPoint ToOutput(PointD p, int scale) => new((float)(p.X * scale), (float)(p.Y * scale));

    private static byte[] ToPng(SKBitmap bitmap, int width, int height)
    {
        var pixels = bitmap.GetPixelSpan();
        var rowBytes = bitmap.RowBytes;
        var rgb = new byte[(long)width * height * 3];
        for (var y = 0; y < height; y++)
        {
            var row = pixels.Slice(y * rowBytes, width * 4);
            var o = y * width * 3;
            for (var i = 0; i < row.Length; i += 4, o += 3)
            {
                // Every pixel is opaque (the frame is), so premultiplied equals straight colour.
                rgb[o] = row[i];
                rgb[o + 1] = row[i + 1];
                rgb[o + 2] = row[i + 2];
            }
        }

        // Level 6: gray pixels are repeated RGB triplets that string matching packs to half of Fast's size, as fast
        // (measured on a 512 × 512 noisy frame: 23 ms, 243 KiB vs 23 ms, 511 KiB).
        using var stream = new MemoryStream();
        PngEncoder.WriteRgb8(stream, rgb, width, height, PngCompression.Small);
        return stream.ToArray();
    }
}
