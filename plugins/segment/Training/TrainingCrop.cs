using Dislocate.Contracts;
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
    public static TrainingSample Cut(TrainingSample sample, int size, int minMaskPixels, int maxInstances, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(rng);
        if (sample.Width < size || sample.Height < size)
        {
            throw new InputFileException(sample.Source, null, $"image is {sample.Width}×{sample.Height}, smaller than the {size}×{size} training crop; lower 'crop'");
        }

        var x0 = rng.NextInt(0, sample.Width - size + 1);
        var y0 = rng.NextInt(0, sample.Height - size + 1);
        var image = new float[size * size];
        for (var y = 0; y < size; y++)
        {
            sample.Image.AsSpan(((y0 + y) * sample.Width) + x0, size).CopyTo(image.AsSpan(y * size, size));
        }

        var kept = new List<(byte[] Mask, int Pixels)>();
        foreach (var mask in sample.Masks)
        {
            var cut = new byte[size * size];
            var pixels = 0;
            for (var y = 0; y < size; y++)
            {
                var row = mask.AsSpan(((y0 + y) * sample.Width) + x0, size);
                var target = cut.AsSpan(y * size, size);
                for (var x = 0; x < size; x++)
                {
                    if (row[x] != 0)
                    {
                        target[x] = 1;
                        pixels++;
                    }
                }
            }

            if (pixels >= minMaskPixels)
            {
                kept.Add((cut, pixels));
            }
        }

        if (kept.Count > maxInstances)
        {
            // Stable: equal sizes keep their instance order.
            kept = kept.Select((k, i) => (k, i)).OrderByDescending(t => t.k.Pixels).ThenBy(t => t.i).Take(maxInstances).OrderBy(t => t.i).Select(t => t.k).ToList();
        }

        return new TrainingSample(size, size, image, kept.Select(k => k.Mask).ToArray(), $"{sample.Source} [{x0},{y0} {size}×{size}]");
    }
}
