namespace Dislocate.Segment.Evaluation;

/// <summary>
/// 8-connected components of a pixel set given as its sorted list of flat indices, in time proportional to the list:
/// a speckled noise map spread over the whole image costs its few hundred pixels, not a labelling of its bounding box.
/// </summary>
/// <remarks>
/// Union-find over the list in raster order: each pixel joins its already-visited neighbours (left, upper-left, up,
/// upper-right), and a set's root is always its lowest index, so components are numbered in raster order of their
/// first pixel, as <see cref="Core.Morphology.ConnectedComponents"/> numbers them.
/// </remarks>
internal static class SparseComponents
{
    /// <summary>Pixel → list index + 1 for the pixels being labelled, 0 elsewhere; per thread, cleared after each call.</summary>
    [ThreadStatic]
    private static int[]? lookup;

    /// <summary>Writes each pixel's component (0-based) into <paramref name="components"/> and returns the count.</summary>
    /// <param name="pixels">Sorted, distinct flat indices (y · width + x) of a width × height image.</param>
    /// <param name="width">Image width.</param>
    /// <param name="height">Image height.</param>
    /// <param name="components">Receives, per pixel of <paramref name="pixels"/>, its component number.</param>
    public static int Label(ReadOnlySpan<int> pixels, int width, int height, Span<int> components)
    {
        var size = width * height;
        var index = lookup is { } l && l.Length >= size ? l : (lookup = new int[size]);
        var parent = components[..pixels.Length];
        for (var i = 0; i < pixels.Length; i++)
        {
            var p = pixels[i];
            index[p] = i + 1;
            parent[i] = i;
            var x = p % width;
            if (x > 0)
            {
                Join(parent, i, index[p - 1]);
            }

            if (p >= width)
            {
                var up = p - width;
                if (x > 0)
                {
                    Join(parent, i, index[up - 1]);
                }

                Join(parent, i, index[up]);
                if (x < width - 1)
                {
                    Join(parent, i, index[up + 1]);
                }
            }
        }

        foreach (var p in pixels)
        {
            index[p] = 0;
        }

        // Point every entry at its root; then number the roots, the lowest index of each set, in list (raster) order.
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = Find(parent, i);
        }

        var count = 0;
        for (var i = 0; i < parent.Length; i++)
        {
            // A root still points at itself; any other entry points at a lower root already renumbered.
            parent[i] = parent[i] == i ? count++ : parent[parent[i]];
        }

        return count;
    }

    /// <summary>Joins pixel <paramref name="i"/>'s set with that of list entry <paramref name="neighbour"/> − 1 (0 = not in the set).</summary>
    private static void Join(Span<int> parent, int i, int neighbour)
    {
        if (neighbour == 0)
        {
            return;
        }

        var a = Find(parent, i);
        var b = Find(parent, neighbour - 1);
        if (a != b)
        {
            parent[Math.Max(a, b)] = Math.Min(a, b);
        }
    }

    private static int Find(Span<int> parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }
}
