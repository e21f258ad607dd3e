namespace Dislocate.Core.Morphology;

/// <summary>
/// Lee, Kashyap &amp; Chu (1994) thinning applied to a 2-D image exactly as scikit-image's skeletonize(method="lee") does
/// (the 2-D image is treated as one z-slice of a 3-D volume).
/// </summary>
/// <remarks>
/// <para>scikit-image (<c>_skeletonize_lee_cy.pyx</c>, formerly <c>_skeletonize_3d_cy.pyx</c>) turns a 2-D image into
/// a 1×H×W volume and pads it with background on every side, so the slice lies between an empty slice above and one
/// below and outside the image is background. Its 3×3×3 deletion tests then see only the middle plane; they are
/// tabulated here for all 256 planar neighbourhoods by running the 3-D tests on that embedding
/// (<see cref="LeeDeletionTables"/>).</para>
/// <para>Passes follow skimage: per round the border directions up (row − 1 is background), down (row + 1), right
/// (column + 1) and left (column − 1) are processed in that order (the z directions are skipped for a single slice). For
/// one direction, all foreground pixels whose neighbour in that direction is background and which are not end
/// points, are Euler invariant and are simple are collected in raster order; they are then re-checked one after the
/// other against the current image and deleted if still simple. Rounds repeat until none of the four directions
/// deletes anything.</para>
/// <para>Only pixels with a background 4-neighbour can ever be candidates, so instead of rescanning the image each pass
/// visits a list of such border pixels, kept in raster order and extended by the foreground 4-neighbours of every
/// deleted pixel (sorted and merged in before the next pass); candidates therefore come out in the same order as a
/// raster scan would produce them, and the result is the same as scanning.</para>
/// </remarks>
public static class LeeThinning
{
    /// <summary>Thins in place: nonzero pixels become a one-pixel-wide, topology-preserving skeleton of 1s; others 0.</summary>
    public static void Thin(Span<byte> mask, int width, int height)
    {
        var count = ConnectedComponents.CheckSize(mask.Length, width, height, nameof(mask));
        if (count == 0)
        {
            return;
        }

        var stride = width + 2;
        var rows = height + 2;
        var scratch = MorphologyScratch.Current;
        var padded = scratch.Image(stride * rows).AsSpan(0, stride * rows);
        var foreground = scratch.Foreground(count);
        var listed = 0;
        padded[..stride].Clear();
        padded[((rows - 1) * stride)..].Clear();
        for (var y = 0; y < height; y++)
        {
            var source = mask.Slice(y * width, width);
            var target = padded.Slice((y + 1) * stride, stride);
            target[0] = 0;
            target[^1] = 0;
            for (var x = 0; x < width; x++)
            {
                if (source[x] != 0)
                {
                    target[x + 1] = 1;
                    foreground[listed++] = ((y + 1) * stride) + x + 1;
                }
                else
                {
                    target[x + 1] = 0;
                }
            }
        }

        ThinPadded(padded, stride, foreground.AsSpan(0, listed));
        for (var y = 0; y < height; y++)
        {
            padded.Slice(((y + 1) * stride) + 1, width).CopyTo(mask.Slice(y * width, width));
        }
    }

    /// <summary>
    /// Thins a <paramref name="stride"/>-wide image of 0s and 1s whose outermost ring of pixels is background (the
    /// caller's padding; it stays 0). <paramref name="foreground"/> lists every foreground pixel index; only those
    /// pixels and their neighbours are visited, so the cost does not depend on the image size.
    /// </summary>
    internal static void ThinPadded(Span<byte> image, int stride, ReadOnlySpan<int> foreground)
    {
        var scratch = MorphologyScratch.Current;

        // inList is read only at foreground pixels, so only those entries need clearing. codes holds the neighbourhood
        // code of every pixel in the border list: set when it is enlisted, updated when a neighbour is deleted, and 0
        // (never a candidate) once the pixel itself is deleted.
        var inList = scratch.Flags(image.Length);
        var codes = scratch.Codes(image.Length);
        foreach (var p in foreground)
        {
            inList[p] = 0;
        }

        // Every foreground pixel can enter the border list at most once. The list is kept in raster order: pixels
        // enlisted by deletions are appended, then sorted and merged in before the next pass.
        var border = scratch.List(foreground.Length);
        var spare = scratch.Merge(foreground.Length);
        var candidates = scratch.Candidates(foreground.Length);
        var borderCount = 0;
        foreach (var p in foreground)
        {
            if (image[p] != 0 && (image[p - 1] == 0 || image[p + 1] == 0 || image[p - stride] == 0 || image[p + stride] == 0))
            {
                border[borderCount++] = p;
                inList[p] = 1;
                codes[p] = (byte)Code(image, p, stride);
            }
        }

        var sorted = borderCount;
        var simpleTable = LeeDeletionTables.SimpleTable;
        var compact = false;
        var unchanged = 0;
        while (unchanged < LeeDeletionTables.Directions)
        {
            unchanged = 0;
            for (var direction = 0; direction < LeeDeletionTables.Directions; direction++)
            {
                if (compact)
                {
                    // Sort in the pixels listed since, dropping the deleted ones.
                    InsertionSort(border.AsSpan(sorted, borderCount - sorted));
                    borderCount = Merge(image, border, sorted, borderCount, spare);
                    (border, spare) = (spare, border);
                    sorted = borderCount;
                    compact = false;
                }

                // This direction's candidates, in raster order. Deleted pixels have code 0, never a candidate, so the
                // loop needs no test of its own: each pixel is written and the count advances by the table's 0 or 1.
                var candidateTable = LeeDeletionTables.DirectionalCandidateTable(direction);
                var candidateCount = 0;
                for (var i = 0; i < borderCount; i++)
                {
                    var p = border[i];
                    candidates[candidateCount] = p;
                    candidateCount += candidateTable[codes[p]];
                }

                var changed = false;
                for (var i = 0; i < candidateCount; i++)
                {
                    var p = candidates[i];
                    if (!simpleTable[codes[p]])
                    {
                        continue;
                    }

                    image[p] = 0;
                    codes[p] = 0;
                    changed = true;

                    // p is neighbour 7 − k of its neighbour k (the 3×3 order is point-symmetric): clear that bit in the
                    // codes around it (only listed pixels' codes are ever read), then list its foreground 4-neighbours.
                    codes[p - stride - 1] &= 0x7F;
                    codes[p - stride] &= 0xBF;
                    codes[p - stride + 1] &= 0xDF;
                    codes[p - 1] &= 0xEF;
                    codes[p + 1] &= 0xF7;
                    codes[p + stride - 1] &= 0xFB;
                    codes[p + stride] &= 0xFD;
                    codes[p + stride + 1] &= 0xFE;
                    borderCount = Enlist(image, inList, codes, stride, border, borderCount, p - stride);
                    borderCount = Enlist(image, inList, codes, stride, border, borderCount, p + stride);
                    borderCount = Enlist(image, inList, codes, stride, border, borderCount, p - 1);
                    borderCount = Enlist(image, inList, codes, stride, border, borderCount, p + 1);
                }

                if (changed)
                {
                    compact = true;
                }
                else
                {
                    unchanged++;
                }
            }
        }
    }

    /// <summary>The 8-bit neighbourhood code of pixel <paramref name="p"/> (bit order of <see cref="LeeDeletionTables"/>).</summary>
    internal static int Code(ReadOnlySpan<byte> image, int p, int stride)
    {
        var above = p - stride;
        var below = p + stride;
        return image[above - 1]
            | (image[above] << 1)
            | (image[above + 1] << 2)
            | (image[p - 1] << 3)
            | (image[p + 1] << 4)
            | (image[below - 1] << 5)
            | (image[below] << 6)
            | (image[below + 1] << 7);
    }

    // The enlisted pixels come from deletions made in raster order, each within a row of its deleted pixel, so they
    // are nearly sorted and insertion sort runs in about linear time.
    private static void InsertionSort(Span<int> values)
    {
        for (var i = 1; i < values.Length; i++)
        {
            var value = values[i];
            var j = i - 1;
            while (j >= 0 && values[j] > value)
            {
                values[j + 1] = values[j];
                j--;
            }

            values[j + 1] = value;
        }
    }

    // Merges the sorted runs list[0, middle) and list[middle, end) into target, leaving out deleted pixels; returns the
    // merged length.
    private static int Merge(ReadOnlySpan<byte> image, int[] list, int middle, int end, int[] target)
    {
        int i = 0, j = middle, k = 0;
        while (i < middle && j < end)
        {
            var next = list[i] <= list[j] ? list[i++] : list[j++];
            target[k] = next;
            k += image[next];
        }

        for (; i < middle; i++)
        {
            target[k] = list[i];
            k += image[list[i]];
        }

        for (; j < end; j++)
        {
            target[k] = list[j];
            k += image[list[j]];
        }

        return k;
    }

    // Lists q (a 4-neighbour of a deleted pixel) with its current code when it is foreground and not yet listed.
    private static int Enlist(ReadOnlySpan<byte> image, byte[] inList, byte[] codes, int stride, int[] border, int count, int q)
    {
        if (image[q] != 0 && inList[q] == 0)
        {
            inList[q] = 1;
            codes[q] = (byte)Code(image, q, stride);
            border[count++] = q;
        }

        return count;
    }
}
