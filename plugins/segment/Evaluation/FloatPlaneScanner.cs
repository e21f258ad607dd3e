using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Dislocate.Segment.Evaluation;

/// <summary>
/// Profiles a float plane in one vectorised pass: Σ values, extremes (to reject values outside [0, 1]), non-zero count
/// and box, and the foreground pixels, which are listed as the pass meets them (a lane mask per vector, almost always
/// empty), so no second scan is needed; only a sparse plane's support list takes a second look, at its box.
/// </summary>
/// <remarks>
/// 16-lane vectors: one AVX-512 instruction per step where the CPU has it, two 8-lane ones elsewhere, with the same
/// lanes and so the same sums. Row sums run in float lanes and add up in double across rows.
/// </remarks>
internal static class FloatPlaneScanner
{
    private const int Lanes = 16;

    [ThreadStatic]
    private static int[]? scratch;

    public static MaskProfile? Scan(PlaneData plane, int width, int height, float threshold)
    {
        var span = plane.Floats.Span;
        var size = width * height;
        var found = scratch is { } s && s.Length >= size ? s : (scratch = new int[size]);
        var cut = Vector512.Create(threshold);
        var min = Vector512<float>.One;
        var max = Vector512<float>.Zero;
        double sum = 0;
        double foregroundSum = 0;
        var nonZero = 0;
        var count = 0;
        var box = PixelBox.Empty;
        var foregroundBox = PixelBox.Empty;
        ref var origin = ref MemoryMarshal.GetReference(span);
        for (var y = 0; y < height; y++)
        {
            var rowStart = y * width;
            var rowFirst = count;
            var acc = Vector512<float>.Zero;
            var zeros = Vector512<int>.Zero;
            var x = 0;
            for (; x <= width - Lanes; x += Lanes)
            {
                var v = Vector512.LoadUnsafe(ref origin, (nuint)(rowStart + x));
                acc += v;
                min = Vector512.Min(min, v);
                max = Vector512.Max(max, v);
                zeros -= Vector512.Equals(v, Vector512<float>.Zero).As<float, int>();
                var above = Vector512.GreaterThanOrEqual(v, cut).ExtractMostSignificantBits();
                while (above != 0)
                {
                    var p = rowStart + x + BitOperations.TrailingZeroCount(above);
                    found[count++] = p;
                    foregroundSum += span[p];
                    above &= above - 1;
                }
            }

            var rowSum = Vector512.Sum(acc);
            var rowNonZero = x - Vector512.Sum(zeros);
            for (; x < width; x++)
            {
                var v = span[rowStart + x];
                rowSum += v;
                rowNonZero += v != 0 ? 1 : 0;
                if (v >= threshold)
                {
                    found[count++] = rowStart + x;
                    foregroundSum += v;
                }

                // NaN fails both tests; the NaN sum catches it.
                if (v < 0 || v > 1)
                {
                    min = Vector512.Min(min, Vector512.Create(v));
                    max = Vector512.Max(max, Vector512.Create(v));
                }
            }

            sum += rowSum;
            var row = span.Slice(rowStart, width);
            if (rowNonZero > 0)
            {
                nonZero += rowNonZero;
                box = box.Include(FirstNonZero(row), y, LastNonZero(row), y);
            }

            if (count > rowFirst)
            {
                foregroundBox = foregroundBox.Include(found[rowFirst] - rowStart, y, found[count - 1] - rowStart, y);
            }
        }

        if (double.IsNaN(sum) || Vector512.LessThanAny(min, Vector512<float>.Zero) || Vector512.GreaterThanAny(max, Vector512<float>.One))
        {
            return null;
        }

        var (support, binary) = nonZero <= (long)size / MaskProfile.SparseDivisor ? Support(span, width, box, nonZero) : (null, false);
        return new MaskProfile(plane, width, sum, nonZero, binary, box, support, found.AsSpan(0, count).ToArray(), foregroundBox, foregroundSum);
    }

    /// <summary>The sorted non-zero pixels inside <paramref name="box"/> and whether all of them are 1.</summary>
    private static (int[] Support, bool Binary) Support(ReadOnlySpan<float> span, int width, PixelBox box, int nonZero)
    {
        var support = new int[nonZero];
        var binary = true;
        var n = 0;
        for (var y = box.Y0; y <= box.Y1; y++)
        {
            var offset = (y * width) + box.X0;
            var row = span.Slice(offset, box.Width);
            var x = 0;
            for (; x <= row.Length - Lanes; x += Lanes)
            {
                var bits = NonZeroBits(row, x);
                while (bits != 0)
                {
                    var i = x + BitOperations.TrailingZeroCount(bits);
                    support[n++] = offset + i;
                    binary &= row[i] == 1;
                    bits &= bits - 1;
                }
            }

            for (; x < row.Length; x++)
            {
                if (row[x] != 0)
                {
                    support[n++] = offset + x;
                    binary &= row[x] == 1;
                }
            }
        }

        return (support, binary);
    }

    /// <summary>One bit per lane of the 16 values at <paramref name="x"/>: set where the value is not zero.</summary>
    private static ulong NonZeroBits(ReadOnlySpan<float> row, int x) =>
        Vector512.Equals(Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(row), (nuint)x), Vector512<float>.Zero).ExtractMostSignificantBits() ^ 0xFFFFUL;

    private static int FirstNonZero(ReadOnlySpan<float> row)
    {
        var x = 0;
        for (; x <= row.Length - Lanes; x += Lanes)
        {
            var bits = NonZeroBits(row, x);
            if (bits != 0)
            {
                return x + BitOperations.TrailingZeroCount(bits);
            }
        }

        while (row[x] == 0)
        {
            x++;
        }

        return x;
    }

    private static int LastNonZero(ReadOnlySpan<float> row)
    {
        var full = row.Length - (row.Length % Lanes);
        for (var x = row.Length - 1; x >= full; x--)
        {
            if (row[x] != 0)
            {
                return x;
            }
        }

        for (var x = full - Lanes; ; x -= Lanes)
        {
            var bits = NonZeroBits(row, x);
            if (bits != 0)
            {
                return x + 63 - BitOperations.LeadingZeroCount(bits);
            }
        }
    }
}
