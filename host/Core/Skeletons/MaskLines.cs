using Dislocate.Core.Geometry;
using Dislocate.Core.Morphology;

namespace Dislocate.Core.Skeletons;

/// <summary>Extracts the centre line of a dislocation mask: threshold, clean up, thin, order, smooth.</summary>
/// <remarks>
/// <para>Steps: (1) foreground = value ≥ <see cref="MaskLineOptions.Threshold"/>, and its bounding box, in one
/// vectorised pass; everything after works only inside that box padded by one background pixel. (2) 8-connected
/// components smaller than <see cref="MaskLineOptions.MinPixels"/> are removed, and with
/// <see cref="MaskLineOptions.KeepLargestComponent"/> all but the largest (the first in raster order on a tie).
/// (3) <see cref="LeeThinning"/> (skimage's skeletonize(method="lee")). (4) <see cref="SkeletonOrdering"/>: the longest
/// path through the largest skeleton component. (5) The path (length P along its pixel steps) is resampled at
/// m + 1 = max(1, round(P / <see cref="MaskLineOptions.KnotSpacing"/>)) + 1 equally spaced points, both ends kept,
/// and a natural cubic spline is fitted through them; its arc length is <see cref="MaskLine.Length"/>.</para>
/// <para>Lee thinning never deletes end points, so a line drawn with half-width r and round caps keeps nearly its whole
/// centre-line length: each skeleton end stops within about r of the true end, and the two errors mostly cancel
/// (|Length − L| ≤ 3 px measured for r ≤ 4 px; an axis-aligned W-wide bar loses 2·⌊(W − 2)/2⌋ pixels). The smoothing in
/// step 5 removes the staircase excess of the pixel path (up to 8 % on oblique lines, where √2 and 1 steps alternate).
/// Knots lie on the pixel path, so the spline is within about half a pixel of it.</para>
/// <para>Scratch buffers are per thread and reused, so a call allocates only its small results; calls on different
/// threads are independent and the result depends only on the input.</para>
/// </remarks>
public static class MaskLines
{
    /// <summary>The line in a probability map (row-major width × height; NaN counts as background).</summary>
    public static MaskLine Extract(ReadOnlySpan<float> probabilities, int width, int height, MaskLineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var size = ConnectedComponents.CheckSize(probabilities.Length, width, height, nameof(probabilities));
        options.Validate();

        // The smallest float c with (double)c ≥ Threshold, so value ≥ c in float is exactly value ≥ Threshold in double.
        var cut = (float)options.Threshold;
        if (cut < options.Threshold)
        {
            cut = MathF.BitIncrement(cut);
        }

        var foreground = MorphologyScratch.Current.Foreground(size);
        var count = ForegroundScan.Collect(probabilities, width, height, cut, foreground, out var box);
        return count == 0 ? MaskLine.Empty : FromForeground(foreground.AsSpan(0, count), width, box, options);
    }

    /// <summary>The line in an 8-bit mask (row-major width × height; foreground = value/255 ≥ Threshold).</summary>
    public static MaskLine Extract(ReadOnlySpan<byte> mask, int width, int height, MaskLineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var size = ConnectedComponents.CheckSize(mask.Length, width, height, nameof(mask));
        options.Validate();

        // The smallest byte v with v / 255 ≥ Threshold (Threshold ≤ 1, so v ≤ 255).
        var cut = (int)Math.Ceiling(options.Threshold * 255.0);
        while (cut > 0 && (cut - 1) / 255.0 >= options.Threshold)
        {
            cut--;
        }

        while (cut / 255.0 < options.Threshold)
        {
            cut++;
        }

        var foreground = MorphologyScratch.Current.Foreground(size);
        var count = ForegroundScan.Collect(mask, width, height, (byte)cut, foreground, out var box);
        return count == 0 ? MaskLine.Empty : FromForeground(foreground.AsSpan(0, count), width, box, options);
    }

    /// <summary>
    /// The line along an ordered path of pixel centres (e.g. a piece of <see cref="CrossingSplit"/>): knots every
    /// <paramref name="knotSpacing"/> pixels of path length, a natural cubic spline through them, as for a mask's path.
    /// </summary>
    public static MaskLine FromPath(PointD[] points, double knotSpacing, int pixels)
    {
        ArgumentNullException.ThrowIfNull(points);
        var spline = Smooth(points, knotSpacing);
        var length = spline is null ? 0.0 : SplineArcLength.Length(spline);
        return new MaskLine(new SkeletonPath(points, 0, false), spline, length, pixels, 1);
    }

    // Copies the foreground into a padded box image and carries on there; `foreground` becomes box indices.
    private static MaskLine FromForeground(Span<int> foreground, int width, ForegroundBox box, MaskLineOptions options)
    {
        var stride = box.Width + 2;
        var rows = box.Height + 2;
        var scratch = MorphologyScratch.Current;
        var image = scratch.Image(stride * rows).AsSpan(0, stride * rows);
        image.Clear();

        // The list is in raster order, so the row only ever advances (no division per pixel).
        var y = box.Y0;
        var rowStart = y * width;
        for (var i = 0; i < foreground.Length; i++)
        {
            while (foreground[i] >= rowStart + width)
            {
                y++;
                rowStart += width;
            }

            var p = ((y - box.Y0 + 1) * stride) + (foreground[i] - rowStart - box.X0 + 1);
            image[p] = 1;
            foreground[i] = p;
        }

        var labels = scratch.Labels(image.Length);
        var sizes = scratch.Sizes(foreground.Length + 1);
        var count = ConnectedComponents.LabelListed(image, stride, foreground, labels, sizes);

        // sizes becomes a keep flag per label (1 = keep).
        var largest = 0;
        var largestSize = 0;
        for (var label = 1; label <= count; label++)
        {
            if (sizes[label] >= options.MinPixels && sizes[label] > largestSize)
            {
                largest = label;
                largestSize = sizes[label];
            }
        }

        var pixels = 0;
        var components = 0;
        var removed = false;
        for (var label = 1; label <= count; label++)
        {
            var keep = options.KeepLargestComponent ? label == largest : sizes[label] >= options.MinPixels;
            if (keep)
            {
                pixels += sizes[label];
                components++;
            }
            else
            {
                removed = true;
            }

            sizes[label] = keep ? 1 : 0;
        }

        if (components == 0)
        {
            return MaskLine.Empty;
        }

        if (removed)
        {
            var kept = 0;
            foreach (var p in foreground)
            {
                if (sizes[labels[p]] != 0)
                {
                    foreground[kept++] = p;
                }
                else
                {
                    image[p] = 0;
                }
            }

            foreground = foreground[..kept];
        }

        LeeThinning.ThinPadded(image, stride, foreground);
        var path = SkeletonOrdering.LongestPathPadded(image, stride, foreground, box.X0 - 1, box.Y0 - 1);
        var spline = Smooth(path.Points, options.KnotSpacing);
        var length = spline is null ? 0.0 : SplineArcLength.Length(spline);
        return new MaskLine(path, spline, length, pixels, components);
    }

    // Knots every ~spacing pixels of path length (ends kept), then a natural cubic spline through them.
    private static CubicSpline? Smooth(PointD[] points, double spacing)
    {
        if (points.Length < 2)
        {
            return null;
        }

        var intervals = (int)Math.Min(points.Length - 1, Math.Max(1.0, Math.Round(Polyline.Length(points) / spacing)));
        var knots = Polyline.RemoveRepeats(Polyline.ResampleEquidistant(points, intervals + 1));
        return knots.Length < 2 ? null : new CubicSpline(knots);
    }
}
