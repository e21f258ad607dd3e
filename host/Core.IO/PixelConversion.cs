using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Dislocate.Core.IO;

/// <summary>Converts between float intensities in [0, 1] and 8-bit / 16-bit unsigned samples.</summary>
/// <remarks>
/// Float → integer: NaN and values ≤ 0 give 0, values ≥ 1 give the type maximum; otherwise the result is
/// <c>v × max</c> (computed in single precision) rounded to the nearest integer, halves away from zero
/// (so 0.5/255 → 1). Implemented as <c>truncate(v × max + 0.49999997f)</c>, which is exact round-half-away
/// for non-negative floats; the vectorized and scalar paths use the same operations and give identical bytes.
/// Integer → float: <c>value / max</c> (correctly rounded single-precision division), so that
/// <c>ToByte(ToFloat(b)) == b</c> and <c>ToUInt16(ToFloat(u)) == u</c> for every value.
/// </remarks>
public static class PixelConversion
{
    // The largest float below 0.5: adding it and truncating rounds half away from zero without the
    // double-rounding error of "+ 0.5f" (0.49999997f + 0.5f would round up to 1).
    private const float AlmostHalf = 0.49999997f;

    /// <summary>Converts one value to a byte: clamp to [0, 1], × 255, round half away from zero; NaN → 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte ToByte(float value)
    {
        if (!(value > 0f))
        {
            return 0;
        }

        return value >= 1f ? (byte)255 : (byte)(int)((value * 255f) + AlmostHalf);
    }

    /// <summary>Converts one value to an unsigned 16-bit sample: clamp to [0, 1], × 65535, round half away from zero; NaN → 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort ToUInt16(float value)
    {
        if (!(value > 0f))
        {
            return 0;
        }

        return value >= 1f ? ushort.MaxValue : (ushort)(int)((value * 65535f) + AlmostHalf);
    }

    /// <summary>Converts a byte to [0, 1] as <c>value / 255</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ToFloat(byte value) => value / 255f;

    /// <summary>Converts a 16-bit sample to [0, 1] as <c>value / 65535</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ToFloat(ushort value) => value / 65535f;

    /// <summary>Converts a span of floats to bytes with <see cref="ToByte(float)"/> semantics (vectorized where possible).</summary>
    public static void ToBytes(ReadOnlySpan<float> source, Span<byte> destination)
    {
        CheckLengths(source.Length, destination.Length);
        var i = 0;
        if (Vector256.IsHardwareAccelerated && source.Length >= 32)
        {
            var scale = Vector256.Create(255f);
            var half = Vector256.Create(AlmostHalf);
            for (; i <= source.Length - 32; i += 32)
            {
                var a = ScaleRound(Vector256.Create(source.Slice(i, 8)), scale, half);
                var b = ScaleRound(Vector256.Create(source.Slice(i + 8, 8)), scale, half);
                var c = ScaleRound(Vector256.Create(source.Slice(i + 16, 8)), scale, half);
                var d = ScaleRound(Vector256.Create(source.Slice(i + 24, 8)), scale, half);
                var ab = Vector256.Narrow(a, b);
                var cd = Vector256.Narrow(c, d);
                Vector256.Narrow(ab.AsUInt16(), cd.AsUInt16()).CopyTo(destination.Slice(i, 32));
            }
        }

        for (; i < source.Length; i++)
        {
            destination[i] = ToByte(source[i]);
        }
    }

    /// <summary>Converts a span of floats to 16-bit samples with <see cref="ToUInt16(float)"/> semantics (vectorized where possible).</summary>
    public static void ToUInt16s(ReadOnlySpan<float> source, Span<ushort> destination)
    {
        CheckLengths(source.Length, destination.Length);
        var i = 0;
        if (Vector256.IsHardwareAccelerated && source.Length >= 16)
        {
            var scale = Vector256.Create(65535f);
            var half = Vector256.Create(AlmostHalf);
            for (; i <= source.Length - 16; i += 16)
            {
                var a = ScaleRound(Vector256.Create(source.Slice(i, 8)), scale, half);
                var b = ScaleRound(Vector256.Create(source.Slice(i + 8, 8)), scale, half);
                Vector256.Narrow(a.AsUInt32(), b.AsUInt32()).CopyTo(destination.Slice(i, 16));
            }
        }

        for (; i < source.Length; i++)
        {
            destination[i] = ToUInt16(source[i]);
        }
    }

    /// <summary>Converts bytes to floats as <c>value / 255</c>.</summary>
    public static void ToFloats(ReadOnlySpan<byte> source, Span<float> destination)
    {
        CheckLengths(source.Length, destination.Length);
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = source[i] / 255f;
        }
    }

    /// <summary>Converts 16-bit samples to floats as <c>value / 65535</c>.</summary>
    public static void ToFloats(ReadOnlySpan<ushort> source, Span<float> destination)
    {
        CheckLengths(source.Length, destination.Length);
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = source[i] / 65535f;
        }
    }

    /// <summary>Allocates and returns the byte conversion of <paramref name="source"/>.</summary>
    public static byte[] ToBytes(ReadOnlySpan<float> source)
    {
        var result = new byte[source.Length];
        ToBytes(source, result);
        return result;
    }

    /// <summary>Allocates and returns the 16-bit conversion of <paramref name="source"/>.</summary>
    public static ushort[] ToUInt16s(ReadOnlySpan<float> source)
    {
        var result = new ushort[source.Length];
        ToUInt16s(source, result);
        return result;
    }

    // Lanes hold v clamped to [0, max] and rounded; NaN lanes are zeroed first (v == v is false for NaN),
    // so Min/Max never see NaN and the conversion never sees an out-of-range value.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> ScaleRound(Vector256<float> v, Vector256<float> scale, Vector256<float> half)
    {
        v &= Vector256.Equals(v, v);
        v = Vector256.Min(Vector256.Max(v, Vector256<float>.Zero), Vector256<float>.One);
        return Vector256.ConvertToInt32((v * scale) + half);
    }

    private static void CheckLengths(int source, int destination)
    {
        if (destination < source)
        {
            throw new ArgumentException($"Destination holds {destination} values but the source has {source}.", nameof(destination));
        }
    }
}
