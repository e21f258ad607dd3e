using System.Globalization;
using Dislocate.Contracts;
using Dislocate.Core.Imaging;
using Dislocate.Core.Random;

namespace Dislocate.Segment.Training;

/// <summary>Cuts the square training window out of a sample and keeps the instances that remain visible in it.</summary>
internal static class TrainingCrop
{
    /// <summary>
    /// A size × size window at a position drawn from <paramref name="rng"/> (the whole image when it has that size).
    /// Instances with fewer than <paramref name="minMaskPixels"/> pixels inside the window are dropped (a sliver at the
    /// border is no dislocation one could segment); when more than <paramref name="maxInstances"/> remain, the largest
    /// are kept, since the network has only that many outputs.
    /// </summary>
    /// <param name="sample">The whole image and its instance masks.</param>
    /// <param name="size">Crop side.</param>
    /// <param name="minMaskPixels">Smallest instance kept, in crop pixels.</param>
    /// <param name="maxInstances">Most instances kept.</param>
    /// <param name="rng">Draws the position.</param>
    /// <param name="scale">
    /// Magnification: the crop shows a (size / scale)² window of the image, resampled bilinearly (masks: a crop pixel
    /// is on when any image pixel under it is, so thin lines stay unbroken when shrunk). Lowered to the smallest scale
    /// whose window fits the image. 1 = a plain cut.
    /// </param>
    public static TrainingSample Cut(TrainingSample sample, int size, int minMaskPixels, int maxInstances, Rng rng, double scale = 1)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(rng);
        if (sample.Width < size || sample.Height < size)
        {
            throw new InputFileException(sample.Source, null, $"image is {sample.Width}×{sample.Height}, smaller than the {size}×{size} training crop; lower 'crop'");
        }

        if (!(scale > 0 && double.IsFinite(scale)))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The crop scale must be finite and > 0.");
        }

        if (scale != 1)
        {
            return Keep(Resampled(sample, size, Math.Max(scale, (double)size / Math.Min(sample.Width, sample.Height)), rng), minMaskPixels, maxInstances);
        }

        var x0 = rng.NextInt(0, sample.Width - size + 1);
        var y0 = rng.NextInt(0, sample.Height - size + 1);
        var image = new float[size * size];
        for (var y = 0; y < size; y++)
        {
            sample.Image.AsSpan(((y0 + y) * sample.Width) + x0, size).CopyTo(image.AsSpan(y * size, size));
        }

        var masks = new List<byte[]>();
        foreach (var mask in sample.Masks)
        {
            var cut = new byte[size * size];
            for (var y = 0; y < size; y++)
            {
                var row = mask.AsSpan(((y0 + y) * sample.Width) + x0, size);
                var target = cut.AsSpan(y * size, size);
                for (var x = 0; x < size; x++)
                {
                    target[x] = row[x] != 0 ? (byte)1 : (byte)0;
                }
            }

            masks.Add(cut);
        }

        return Keep(new TrainingSample(size, size, image, masks.ToArray(), $"{sample.Source} [{x0},{y0} {size}×{size}]"), minMaskPixels, maxInstances);
    }

    /// <summary>Drops instances below <paramref name="minMaskPixels"/> and keeps the largest <paramref name="maxInstances"/>.</summary>
    private static TrainingSample Keep(TrainingSample crop, int minMaskPixels, int maxInstances)
    {
        var kept = new List<(byte[] Mask, int Pixels)>();
        foreach (var mask in crop.Masks)
        {
            var pixels = 0;
            foreach (var b in mask)
            {
                pixels += b != 0 ? 1 : 0;
            }

            if (pixels >= minMaskPixels)
            {
                kept.Add((mask, pixels));
            }
        }

        if (kept.Count > maxInstances)
        {
            // Stable: equal sizes keep their instance order.
            kept = kept.Select((k, i) => (k, i)).OrderByDescending(t => t.k.Pixels).ThenBy(t => t.i).Take(maxInstances).OrderBy(t => t.i).Select(t => t.k).ToList();
        }

        return crop with { Masks = kept.Select(k => k.Mask).ToArray() };
    }

    private static TrainingSample Resampled(TrainingSample sample, int size, double scale, Rng rng)
    {
        var window = size / scale;
        var x0 = rng.Uniform(0, sample.Width - window);
        var y0 = rng.Uniform(0, sample.Height - window);
        var image = new float[size * size];
        for (var y = 0; y < size; y++)
        {
            // Crop pixel y covers [y0 + y/scale, y0 + (y+1)/scale) of the image; sample at its centre.
            var sy = y0 + ((y + 0.5) / scale) - 0.5;
            for (var x = 0; x < size; x++)
            {
                image[(y * size) + x] = (float)BilinearSampling.Sample<float>(sample.Image, sample.Width, sample.Height, sy, x0 + ((x + 0.5) / scale) - 0.5);
            }
        }

        var masks = new byte[sample.Masks.Count][];
        for (var k = 0; k < masks.Length; k++)
        {
            var source = sample.Masks[k];
            var cut = new byte[size * size];
            for (var y = 0; y < size; y++)
            {
                var (ya, yb) = Footprint(y0, y, scale, sample.Height);
                for (var x = 0; x < size; x++)
                {
                    var (xa, xb) = Footprint(x0, x, scale, sample.Width);
                    var on = false;
                    for (var sy = ya; sy <= yb && !on; sy++)
                    {
                        for (var sx = xa; sx <= xb; sx++)
                        {
                            if (source[(sy * sample.Width) + sx] != 0)
                            {
                                on = true;
                                break;
                            }
                        }
                    }

                    cut[(y * size) + x] = on ? (byte)1 : (byte)0;
                }
            }

            masks[k] = cut;
        }

        return new TrainingSample(size, size, image, masks, string.Create(CultureInfo.InvariantCulture, $"{sample.Source} [{x0:0.#},{y0:0.#} {window:0.#}² ×{scale:0.###}]"));
    }

    /// <summary>
    /// The image pixels under crop pixel <paramref name="i"/>: the one holding its centre when magnifying, every pixel
    /// its footprint touches when shrinking.
    /// </summary>
    private static (int First, int Last) Footprint(double origin, int i, double scale, int length)
    {
        if (scale >= 1)
        {
            var c = Math.Clamp((int)(origin + ((i + 0.5) / scale)), 0, length - 1);
            return (c, c);
        }

        var first = Math.Clamp((int)(origin + (i / scale)), 0, length - 1);
        var last = Math.Clamp((int)Math.Ceiling(origin + ((i + 1) / scale)) - 1, first, length - 1);
        return (first, last);
    }
}
