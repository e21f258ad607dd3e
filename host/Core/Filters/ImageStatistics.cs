using System.Numerics;
using System.Runtime.InteropServices;

namespace Dislocate.Core.Filters;

/// <summary>Whole-image statistics and value-range operations on pixel spans.</summary>
/// <remarks>
/// Sums are accumulated in double in index order, so results do not depend on the machine. NaN values are skipped
/// by <see cref="MinMax"/> and left as they are by <see cref="Clip"/>; they propagate into the mean.
/// </remarks>
public static class ImageStatistics
{
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

    /// <summary>The arithmetic mean, summed in double in index order.</summary>
    public static double Mean(ReadOnlySpan<float> values)
    {
        ThrowIfEmpty(values);
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum / values.Length;
    }

    /// <summary>The population standard deviation (divides by n), two passes in double in index order.</summary>
    public static double StandardDeviation(ReadOnlySpan<float> values)
    {
        var mean = Mean(values);
        var sum = 0.0;
        foreach (var v in values)
        {
            var d = v - mean;
            sum += d * d;
        }

        return Math.Sqrt(sum / values.Length);
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
