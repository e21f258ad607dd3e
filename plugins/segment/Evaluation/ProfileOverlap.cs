using System.Numerics;

namespace Dislocate.Segment.Evaluation;

/// <summary>Σ a·b of two profiled planes, by whichever of three routes reads the fewest values.</summary>
internal static class ProfileOverlap
{
    /// <summary>
    /// Zero when the boxes are disjoint; a gather over the shorter support list when that is cheaper than the box
    /// (a dislocation mask holds a few thousand of the 512² pixels); else SIMD dot products over the common box rows.
    /// Byte planes always gather, so the row pass only ever sees two float planes.
    /// </summary>
    public static double Compute(MaskProfile a, MaskProfile b)
    {
        var box = a.Box.Intersect(b.Box);
        if (box.IsEmpty)
        {
            return 0;
        }

        var sparse = a.Support is null ? b : b.Support is null ? a : a.NonZero <= b.NonZero ? a : b;
        var other = ReferenceEquals(sparse, a) ? b : a;
        if (sparse.Support is { } support && (sparse.NonZero * 2L <= box.Area || a.Plane.IsBytes || b.Plane.IsBytes))
        {
            return Gather(sparse, support, other.Plane, box);
        }

        return DenseRows(a.Plane.Floats.Span, b.Plane.Floats.Span, a.Width, box);
    }

    private static double Gather(MaskProfile sparse, int[] support, PlaneData other, PixelBox box)
    {
        var width = sparse.Width;
        var start = LowerBound(support, (box.Y0 * width) + box.X0);
        var end = LowerBound(support, (box.Y1 * width) + box.X1 + 1);
        var list = support.AsSpan(start, end - start);
        double total = 0;
        if (other.IsBytes)
        {
            var values = other.Bytes.Span;
            if (sparse.Binary)
            {
                long count = 0;
                foreach (var p in list)
                {
                    count += values[p];
                }

                return count / 255.0;
            }

            foreach (var p in list)
            {
                total += sparse.Plane[p] * (values[p] / 255.0);
            }

            return total;
        }

        var floats = other.Floats.Span;
        if (sparse.Binary)
        {
            // The hot case (a 0/1 truth against a dense probability map): four accumulators, so the additions do not
            // wait on each other.
            double t0 = 0, t1 = 0, t2 = 0, t3 = 0;
            var i = 0;
            for (; i <= list.Length - 4; i += 4)
            {
                t0 += floats[list[i]];
                t1 += floats[list[i + 1]];
                t2 += floats[list[i + 2]];
                t3 += floats[list[i + 3]];
            }

            for (; i < list.Length; i++)
            {
                t0 += floats[list[i]];
            }

            total = (t0 + t1) + (t2 + t3);
        }
        else if (sparse.Plane.IsBytes)
        {
            var own = sparse.Plane.Bytes.Span;
            foreach (var p in list)
            {
                total += own[p] / 255.0 * floats[p];
            }
        }
        else
        {
            var own = sparse.Plane.Floats.Span;
            foreach (var p in list)
            {
                total += (double)own[p] * floats[p];
            }
        }

        return total;
    }

    private static double DenseRows(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width, PixelBox box)
    {
        var lanes = Vector<float>.Count;
        var length = box.Width;
        double total = 0;
        for (var y = box.Y0; y <= box.Y1; y++)
        {
            var ra = a.Slice((y * width) + box.X0, length);
            var rb = b.Slice((y * width) + box.X0, length);
            var acc = Vector<float>.Zero;
            var x = 0;
            for (; x <= length - lanes; x += lanes)
            {
                acc += new Vector<float>(ra[x..]) * new Vector<float>(rb[x..]);
            }

            var rowSum = Vector.Sum(acc);
            for (; x < length; x++)
            {
                rowSum += ra[x] * rb[x];
            }

            total += rowSum;
        }

        return total;
    }

    /// <summary>The first position in sorted <paramref name="values"/> holding a value ≥ <paramref name="key"/>.</summary>
    private static int LowerBound(int[] values, int key)
    {
        var index = Array.BinarySearch(values, key);
        return index >= 0 ? index : ~index;
    }
}
