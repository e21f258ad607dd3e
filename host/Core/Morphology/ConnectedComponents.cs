namespace Dislocate.Core.Morphology;

/// <summary>8-connected component labelling of a binary mask (nonzero = foreground).</summary>
/// <remarks>
/// Components are flood-filled from their first pixel in raster order, so label k belongs to the k-th component met
/// by a row-major scan (as scipy.ndimage.label / skimage.measure.label number them). Pixels touching by an edge or a
/// corner belong to the same component.
/// </remarks>
public static class ConnectedComponents
{
    /// <summary>Writes labels (0 = background, 1..count in raster order of first pixel) and returns count.</summary>
    public static int Label(ReadOnlySpan<byte> mask, int width, int height, Span<int> labels)
    {
        var count = CheckSize(mask.Length, width, height, nameof(mask));
        if (labels.Length < count)
        {
            throw new ArgumentException($"labels must hold at least {count} values for {width}×{height}.", nameof(labels));
        }

        labels = labels[..count];
        labels.Clear();
        var stack = MorphologyScratch.Current.Stack(count);
        var components = 0;
        for (var start = 0; start < count; start++)
        {
            if (mask[start] == 0 || labels[start] != 0)
            {
                continue;
            }

            components++;
            Fill(mask, width, height, labels, stack, start, components);
        }

        return components;
    }

    /// <summary>
    /// Labels the foreground of a <paramref name="stride"/>-wide image with a background outer ring, visiting only the
    /// listed pixels: <paramref name="pixels"/> are indices in raster order that include every foreground pixel; those
    /// with <paramref name="image"/> = 0 are skipped. Labels (1..count in raster order of first pixel) are written at
    /// foreground pixels only; other entries of <paramref name="labels"/> are neither read nor written.
    /// <paramref name="sizes"/>[k] receives the pixel count of label k (it needs pixels.Length + 1 entries). Work is
    /// proportional to the listed pixels, not the image.
    /// </summary>
    internal static int LabelListed(ReadOnlySpan<byte> image, int stride, ReadOnlySpan<int> pixels, Span<int> labels, Span<int> sizes)
    {
        // Horizontal runs of listed foreground pixels (a run never wraps: the ring column is background), joined with
        // union-find to the runs they touch in the row above (8-connectivity: columns overlapping after widening by
        // one). Roots are the lowest run index, so numbering runs in order numbers components by first pixel.
        var runs = MorphologyScratch.Current.Runs(4 * (pixels.Length + 1));
        var starts = runs.AsSpan(0, pixels.Length + 1);
        var ends = runs.AsSpan(pixels.Length + 1, pixels.Length + 1);
        var parents = runs.AsSpan(2 * (pixels.Length + 1), pixels.Length + 1);
        var labelOf = runs.AsSpan(3 * (pixels.Length + 1), pixels.Length + 1);
        var runCount = 0;
        foreach (var p in pixels)
        {
            if (image[p] == 0)
            {
                continue;
            }

            if (runCount > 0 && ends[runCount - 1] == p - 1)
            {
                ends[runCount - 1] = p;
            }
            else
            {
                starts[runCount] = p;
                ends[runCount] = p;
                parents[runCount] = runCount;
                runCount++;
            }
        }

        var above = 0;
        for (var r = 0; r < runCount; r++)
        {
            // Runs of the row above that can touch run r lie within [start − stride − 1, end − stride + 1].
            var low = starts[r] - stride - 1;
            var high = ends[r] - stride + 1;
            while (above < r && ends[above] < low)
            {
                above++;
            }

            for (var a = above; a < r && starts[a] <= high; a++)
            {
                Union(parents, a, r);
            }
        }

        var count = 0;
        for (var r = 0; r < runCount; r++)
        {
            var root = Find(parents, r);
            if (root == r)
            {
                labelOf[r] = ++count;
                sizes[count] = 0;
            }

            var label = labelOf[root];
            labelOf[r] = label;
            sizes[label] += ends[r] - starts[r] + 1;
            labels[starts[r]..(ends[r] + 1)].Fill(label);
        }

        return count;
    }

    private static int Find(Span<int> parents, int i)
    {
        while (parents[i] != i)
        {
            parents[i] = parents[parents[i]];
            i = parents[i];
        }

        return i;
    }

    private static void Union(Span<int> parents, int a, int b)
    {
        var ra = Find(parents, a);
        var rb = Find(parents, b);
        if (ra < rb)
        {
            parents[rb] = ra;
        }
        else if (rb < ra)
        {
            parents[ra] = rb;
        }
    }

    /// <summary>Checks width, height and the buffer length; returns width × height.</summary>
    internal static int CheckSize(int length, int width, int height, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        var count = (long)width * height;
        if (count > Array.MaxLength)
        {
            throw new ArgumentException($"A {width}×{height} image is too large.", name);
        }

        if (length != count)
        {
            throw new ArgumentException($"{name} holds {length} values but a {width}×{height} image needs {count}.", name);
        }

        return (int)count;
    }

    // Every pixel is labelled when pushed, so each enters the stack once and the stack never exceeds the pixel count.
    private static void Fill(ReadOnlySpan<byte> mask, int width, int height, Span<int> labels, int[] stack, int start, int label)
    {
        var top = 0;
        stack[top++] = start;
        labels[start] = label;
        while (top > 0)
        {
            var p = stack[--top];
            var y = p / width;
            var x = p - (y * width);
            var y0 = y > 0 ? -1 : 0;
            var y1 = y < height - 1 ? 1 : 0;
            var x0 = x > 0 ? -1 : 0;
            var x1 = x < width - 1 ? 1 : 0;
            for (var dy = y0; dy <= y1; dy++)
            {
                var row = p + (dy * width);
                for (var dx = x0; dx <= x1; dx++)
                {
                    var q = row + dx;
                    if (mask[q] != 0 && labels[q] == 0)
                    {
                        labels[q] = label;
                        stack[top++] = q;
                    }
                }
            }
        }
    }
}
