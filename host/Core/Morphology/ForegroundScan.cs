using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Dislocate.Core.Morphology;

/// <summary>
/// One pass over an image that thresholds it and lists its foreground pixels (value ≥ cut) in raster order together
/// with their bounding box, so later steps touch only the foreground.
/// </summary>
/// <remarks>
/// With 256-bit vectors, 32 values are compared per step and a step without foreground costs one mask test; the
/// foreground bits of a step are turned into indices with trailing-zero counts. Without hardware vectors a scalar loop
/// gives the same list. NaN is never ≥ the cut, so it counts as background.
/// </remarks>
internal static class ForegroundScan
{
    /// <summary>Lists indices y·width + x of values ≥ <paramref name="cut"/> into <paramref name="output"/> (which must hold width·height) and returns their number.</summary>
    public static int Collect(ReadOnlySpan<float> values, int width, int height, float cut, int[] output, out ForegroundBox box)
    {
        var count = 0;
        int x0 = int.MaxValue, x1 = -1, y0 = -1, y1 = -1;
        var cutVector = Vector256.Create(cut);
        ref var origin = ref MemoryMarshal.GetReference(values);
        for (var y = 0; y < height; y++)
        {
            var rowStart = y * width;
            var before = count;
            var x = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                for (; x <= width - 32; x += 32)
                {
                    ref var at = ref Unsafe.Add(ref origin, rowStart + x);
                    var m0 = Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref at), cutVector);
                    var m1 = Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref at, 8), cutVector);
                    var m2 = Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref at, 16), cutVector);
                    var m3 = Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref at, 24), cutVector);
                    if (((m0 | m1) | (m2 | m3)).ExtractMostSignificantBits() == 0)
                    {
                        continue;
                    }

                    var bits = m0.ExtractMostSignificantBits()
                        | (m1.ExtractMostSignificantBits() << 8)
                        | (m2.ExtractMostSignificantBits() << 16)
                        | (m3.ExtractMostSignificantBits() << 24);
                    count = Emit(bits, rowStart + x, output, count);
                }
            }

            for (; x < width; x++)
            {
                if (Unsafe.Add(ref origin, rowStart + x) >= cut)
                {
                    output[count++] = rowStart + x;
                }
            }

            Extend(output, before, count, rowStart, y, ref x0, ref x1, ref y0, ref y1);
        }

        box = new ForegroundBox(x0, y0, x1, y1);
        return count;
    }

    /// <summary>Lists indices y·width + x of bytes ≥ <paramref name="cut"/> into <paramref name="output"/> (which must hold width·height) and returns their number.</summary>
    public static int Collect(ReadOnlySpan<byte> values, int width, int height, byte cut, int[] output, out ForegroundBox box)
    {
        var count = 0;
        int x0 = int.MaxValue, x1 = -1, y0 = -1, y1 = -1;
        var cutVector = Vector256.Create(cut);
        ref var origin = ref MemoryMarshal.GetReference(values);
        for (var y = 0; y < height; y++)
        {
            var rowStart = y * width;
            var before = count;
            var x = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                for (; x <= width - 32; x += 32)
                {
                    var bits = Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref Unsafe.Add(ref origin, rowStart + x)), cutVector).ExtractMostSignificantBits();
                    if (bits != 0)
                    {
                        count = Emit(bits, rowStart + x, output, count);
                    }
                }
            }

            for (; x < width; x++)
            {
                if (Unsafe.Add(ref origin, rowStart + x) >= cut)
                {
                    output[count++] = rowStart + x;
                }
            }

            Extend(output, before, count, rowStart, y, ref x0, ref x1, ref y0, ref y1);
        }

        box = new ForegroundBox(x0, y0, x1, y1);
        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Emit(uint bits, int index, int[] output, int count)
    {
        while (bits != 0)
        {
            output[count++] = index + BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
        }

        return count;
    }

    // Widens the box by the row's first and last listed pixel, if the row had any.
    private static void Extend(int[] output, int before, int count, int rowStart, int y, ref int x0, ref int x1, ref int y0, ref int y1)
    {
        if (count == before)
        {
            return;
        }

        x0 = Math.Min(x0, output[before] - rowStart);
        x1 = Math.Max(x1, output[count - 1] - rowStart);
        if (y0 < 0)
        {
            y0 = y;
        }

        y1 = y;
    }
}
