using Dislocate.Core.Filters;
using Dislocate.Core.Random;

namespace Dislocate.Segment.Training;

/// <summary>Applies <see cref="AugmentationOptions"/> to one square crop, in place, drawing from the given generator.</summary>
/// <remarks>
/// The order is fixed (geometry, brightness, contrast, equalisation, blur, noise, clip to [0, 1]) and every random draw is
/// made whether or not its transform fires, so one transform's probability never shifts another's random numbers.
/// </remarks>
internal static class Augmentation
{
    /// <summary>Augments <paramref name="image"/> (size × size, values in [0, 1]) and, geometrically, its masks.</summary>
    public static void Apply(Span<float> image, IList<byte[]> masks, int size, AugmentationOptions options, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(masks);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rng);
        var transform = rng.NextInt(0, 8);
        if (options.FlipRotate && transform != 0)
        {
            var scratch = new float[image.Length];
            Dihedral(image, scratch, size, transform);
            scratch.CopyTo(image);
            for (var k = 0; k < masks.Count; k++)
            {
                var moved = new byte[masks[k].Length];
                Dihedral<byte>(masks[k], moved, size, transform);
                masks[k] = moved;
            }
        }

        var brighten = rng.Chance(options.BrightnessProbability);
        var shift = (float)rng.Uniform(-options.Brightness, options.Brightness);
        if (brighten)
        {
            foreach (ref var v in image)
            {
                v += shift;
            }
        }

        var contrast = rng.Chance(options.ContrastProbability);
        var factor = (float)rng.Uniform(1 - options.Contrast, 1 + options.Contrast);
        if (contrast)
        {
            var mean = Mean(image);
            foreach (ref var v in image)
            {
                v = mean + ((v - mean) * factor);
            }
        }

        if (rng.Chance(options.EqualizeProbability))
        {
            Equalize(image);
        }

        if (options.Blur > 0)
        {
            // Drawn from a stream of its own, only when blur is on, so runs without it draw what they drew before.
            var blurRng = new Rng(rng.NextULong());
            var blurSigma = blurRng.Uniform(0, options.Blur);
            if (blurRng.Chance(0.5) && blurSigma > 0)
            {
                var blurred = new float[image.Length];
                GaussianBlur.Apply(image, blurred, size, size, blurSigma);
                blurred.CopyTo(image);
            }
        }

        var noisy = rng.Chance(options.NoiseProbability);
        var sigma = rng.Uniform(0, options.NoiseSigma);
        var noiseRng = new Rng(rng.NextULong());
        if (noisy && sigma > 0)
        {
            foreach (ref var v in image)
            {
                v += (float)noiseRng.Normal(0, sigma);
            }
        }

        foreach (ref var v in image)
        {
            v = Math.Clamp(v, 0f, 1f);
        }
    }

    /// <summary>
    /// One of the 8 symmetries of the square: bit 0 flips x, bit 1 flips y, bit 2 transposes (applied first).
    /// Destination pixel (x, y) takes source pixel T⁻¹(x, y).
    /// </summary>
    internal static void Dihedral<T>(ReadOnlySpan<T> source, Span<T> destination, int size, int transform)
    {
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var sx = (transform & 1) != 0 ? size - 1 - x : x;
                var sy = (transform & 2) != 0 ? size - 1 - y : y;
                if ((transform & 4) != 0)
                {
                    (sx, sy) = (sy, sx);
                }

                destination[(y * size) + x] = source[(sy * size) + sx];
            }
        }
    }

    /// <summary>Histogram equalisation over 256 bins of [0, 1]: each value maps to its bin's cumulative frequency.</summary>
    internal static void Equalize(Span<float> image)
    {
        Span<int> histogram = stackalloc int[256];
        foreach (var v in image)
        {
            histogram[Bin(v)]++;
        }

        Span<float> map = stackalloc float[256];
        var cumulative = 0;
        for (var b = 0; b < 256; b++)
        {
            cumulative += histogram[b];
            map[b] = cumulative / (float)image.Length;
        }

        foreach (ref var v in image)
        {
            v = map[Bin(v)];
        }
    }

    private static int Bin(float v) => Math.Clamp((int)(v * 256f), 0, 255);

    private static float Mean(ReadOnlySpan<float> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        return (float)(sum / values.Length);
    }
}
