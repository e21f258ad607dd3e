using Dislocate.Core.Filters;

namespace Dislocate.Core.Imaging;

/// <summary>Resizes a row-major float image: bilinear interpolation, with a Gaussian pre-blur when it shrinks so that fine lines do not alias.</summary>
/// <remarks>
/// Pixel centres are aligned (output pixel x samples the source at <c>(x + 0.5)·w/w' − 0.5</c>), as scikit-image's
/// <c>resize</c> and PIL do. When an axis shrinks by a factor f &lt; 1 the image is first blurred with
/// σ = (1/f − 1)/2, scikit-image's anti-aliasing default (one σ from the smaller of the two factors: the factors
/// differ only by rounding here). Deterministic: the same input gives the same bytes on every machine.
/// </remarks>
public static class ImageResampling
{
    /// <summary>The width × height <paramref name="source"/> resized to <paramref name="newWidth"/> × <paramref name="newHeight"/>.</summary>
    public static float[] Resize(ReadOnlySpan<float> source, int width, int height, int newWidth, int newHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(newWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(newHeight);
        if (source.Length != (long)width * height)
        {
            throw new ArgumentException($"Source must hold {(long)width * height} values for {width}×{height}.", nameof(source));
        }

        var destination = new float[(long)newWidth * newHeight];
        if (newWidth == width && newHeight == height)
        {
            source.CopyTo(destination);
            return destination;
        }

        var fx = (double)newWidth / width;
        var fy = (double)newHeight / height;
        var shrink = Math.Min(fx, fy);
        ReadOnlySpan<float> sampled = source;
        if (shrink < 1)
        {
            var blurred = new float[source.Length];
            GaussianBlur.Apply(source, blurred, width, height, AntiAliasingSigma(shrink));
            sampled = blurred;
        }

        for (var y = 0; y < newHeight; y++)
        {
            var sy = ((y + 0.5) / fy) - 0.5;
            var row = destination.AsSpan(y * newWidth, newWidth);
            for (var x = 0; x < newWidth; x++)
            {
                row[x] = (float)BilinearSampling.Sample(sampled, width, height, sy, ((x + 0.5) / fx) - 0.5);
            }
        }

        return destination;
    }

    /// <summary>The image resized by <paramref name="factor"/>, each side rounded to whole pixels (at least 1).</summary>
    public static GrayImage Scale(GrayImage image, double factor)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (w, h) = ScaledSize(image.Width, image.Height, factor);
        return new GrayImage(w, h, Resize(image.Pixels, image.Width, image.Height, w, h));
    }

    /// <summary>A width × height image's size after scaling by <paramref name="factor"/> (rounded, at least 1 pixel).</summary>
    public static (int Width, int Height) ScaledSize(int width, int height, double factor)
    {
        if (!(factor > 0) || double.IsInfinity(factor))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "must be a positive finite number");
        }

        return (Math.Max(1, (int)Math.Round(width * factor)), Math.Max(1, (int)Math.Round(height * factor)));
    }

    /// <summary>scikit-image's anti-aliasing σ for shrinking by <paramref name="factor"/> &lt; 1.</summary>
    public static double AntiAliasingSigma(double factor) => factor < 1 ? ((1 / factor) - 1) / 2 : 0;
}
