using System.Runtime.Intrinsics;
using Dislocate.Core.Numerics;

namespace Dislocate.Core.Random;

/// <summary>A seeded xoshiro256** pseudo-random generator (Blackman and Vigna 2018) with the distributions the generators need.</summary>
/// <remarks>
/// <para>The 256-bit state is filled with four consecutive <see cref="SplitMix64"/> outputs of the seed, as the
/// xoshiro authors recommend, so any seed (0 included) gives a valid, well-mixed state.</para>
/// <para>Every method uses only integer operations and IEEE-754 arithmetic (the logarithm comes from
/// <see cref="DeterministicMath"/>), so a seed gives the same numbers on every machine. Not thread-safe:
/// use one instance per thread or per image, with seeds from <see cref="SeedDerivation"/>.</para>
/// </remarks>
public sealed class Rng
{
    private const double DoubleUnit = 1.0 / (1UL << 53);
    private const float FloatUnit = 1.0f / (1 << 24);

    // Raw outputs made per block when filling spans (each gives two floats).
    private const int BlockOutputs = 128;

    private ulong s0;
    private ulong s1;
    private ulong s2;
    private ulong s3;

    // Marsaglia's polar method yields two normals per acceptance; the second is kept for the next call.
    private double spareNormal;
    private bool hasSpareNormal;

    /// <summary>Creates a generator whose state is expanded from <paramref name="seed"/> with SplitMix64.</summary>
    public Rng(ulong seed)
    {
        var sm = seed;
        this.s0 = SplitMix64.Next(ref sm);
        this.s1 = SplitMix64.Next(ref sm);
        this.s2 = SplitMix64.Next(ref sm);
        this.s3 = SplitMix64.Next(ref sm);
    }

    /// <summary>Creates a generator from a raw xoshiro256** state (for reference test vectors); the state must not be all zero.</summary>
    internal Rng(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new ArgumentException("The xoshiro256** state must not be all zero.");
        }

        this.s0 = s0;
        this.s1 = s1;
        this.s2 = s2;
        this.s3 = s3;
    }

    /// <summary>The next 64 uniformly distributed bits.</summary>
    public ulong NextULong()
    {
        var result = ulong.RotateLeft(this.s1 * 5, 7) * 9;
        var t = this.s1 << 17;
        this.s2 ^= this.s0;
        this.s3 ^= this.s1;
        this.s1 ^= this.s2;
        this.s0 ^= this.s3;
        this.s2 ^= t;
        this.s3 = ulong.RotateLeft(this.s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits (the top bits of one output).</summary>
    public double NextDouble() => (this.NextULong() >> 11) * DoubleUnit;

    /// <summary>A uniform float in [0, 1) with 24 random bits (the top bits of one output).</summary>
    public float NextFloat() => (this.NextULong() >> 40) * FloatUnit;

    /// <summary>A uniform double in [<paramref name="a"/>, <paramref name="b"/>): <c>a + (b − a)·NextDouble()</c>.</summary>
    /// <remarks>Rounding can return exactly <paramref name="b"/> for some ranges; callers needing a strict bound should clamp.</remarks>
    public double Uniform(double a, double b) => a + ((b - a) * this.NextDouble());

    /// <summary>A uniform integer in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    /// <remarks>Lemire's multiply-and-reject method on one 64-bit draw; a second draw is needed with probability below range/2^64.</remarks>
    public int NextInt(int minInclusive, int maxExclusive)
    {
        if (maxExclusive <= minInclusive)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "maxExclusive must be greater than minInclusive.");
        }

        var range = (ulong)((long)maxExclusive - minInclusive);
        var high = Math.BigMul(this.NextULong(), range, out var low);
        if (low < range)
        {
            // Reject the few low products that would over-represent some results.
            var threshold = (0UL - range) % range;
            while (low < threshold)
            {
                high = Math.BigMul(this.NextULong(), range, out low);
            }
        }

        return (int)((long)minInclusive + (long)high);
    }

    /// <summary>A normally distributed double with the given mean and standard deviation (Marsaglia's polar method).</summary>
    /// <remarks>Each accepted pair gives two standard normals; the second is cached and returned (rescaled) by the next call.</remarks>
    public double Normal(double mean, double sd)
    {
        if (this.hasSpareNormal)
        {
            this.hasSpareNormal = false;
            return mean + (sd * this.spareNormal);
        }

        double u;
        double v;
        double s;
        do
        {
            u = (2.0 * this.NextDouble()) - 1.0;
            v = (2.0 * this.NextDouble()) - 1.0;
            s = (u * u) + (v * v);
        }
        while (s >= 1.0 || s == 0.0);

        var factor = Math.Sqrt(-2.0 * DeterministicMath.Log(s) / s);
        this.spareNormal = v * factor;
        this.hasSpareNormal = true;
        return mean + (sd * (u * factor));
    }

    /// <summary>True with probability <paramref name="p"/> (always consumes one draw, so the stream does not depend on p).</summary>
    public bool Chance(double p) => this.NextDouble() < p;

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates, from the last element down).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = this.NextInt(0, i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Fills <paramref name="destination"/> with uniform floats in [<paramref name="a"/>, <paramref name="b"/>) (fast path for white noise).</summary>
    /// <remarks>
    /// Each 64-bit output gives two 24-bit uniforms (bits 63..40, then bits 39..16; xoshiro256** output bits are
    /// all of good quality), so the values differ from repeated <see cref="NextFloat"/> calls; with an odd length the
    /// last output's second half is discarded. Values are <c>a + (b − a)·u</c> in float; a result that rounds up
    /// to <paramref name="b"/> is replaced by the largest float below <paramref name="b"/>.
    /// </remarks>
    public void FillUniform(Span<float> destination, float a, float b) => this.Uniform(destination, a, b, 0f, accumulate: false);

    /// <summary>
    /// Adds <paramref name="weight"/>·U(a, b) to every element, drawing exactly the values <see cref="FillUniform"/>
    /// would: the same result as filling a scratch buffer and adding it, in one pass and without the buffer.
    /// </summary>
    public void AddScaledUniform(Span<float> target, float a, float b, float weight) => this.Uniform(target, a, b, weight, accumulate: true);

    private void Uniform(Span<float> destination, float a, float b, float weight, bool accumulate)
    {
        if (!(b > a) || !float.IsFinite(a) || !float.IsFinite(b))
        {
            throw new ArgumentOutOfRangeException(nameof(b), b, "Need finite a < b.");
        }

        var scale = (b - a) * FloatUnit;
        var below = MathF.BitDecrement(b);

        // Raw outputs are made in blocks (the state's serial chain alone), then turned into floats: output r gives
        // value 2j from its top 24 bits and value 2j + 1 from bits 16–39. A vector of outputs laid out as 32-bit
        // lanes (top, middle) is exactly that order, and every lane does the scalar loop's operations.
        Span<ulong> block = stackalloc ulong[BlockOutputs];
        var n = destination.Length;
        for (var i = 0; i < n; i += 2 * BlockOutputs)
        {
            var values = Math.Min(2 * BlockOutputs, n - i);
            var outputs = block[..((values + 1) / 2)];
            this.NextBlock(outputs);
            var chunk = destination.Slice(i, values);
            var j = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                var va = Vector256.Create(a);
                var vb = Vector256.Create(b);
                var vbelow = Vector256.Create(below);
                var vscale = Vector256.Create(scale);
                var vweight = Vector256.Create(weight);
                for (; j <= values - Vector256<float>.Count; j += Vector256<float>.Count)
                {
                    var r = Vector256.Create(outputs.Slice(j / 2, Vector256<ulong>.Count));
                    var lanes = (r >> 40) | (((r >> 16) & Vector256.Create(0xFFFFFFUL)) << 32);
                    var v = va + (Vector256.ConvertToSingle(lanes.AsInt32()) * vscale);
                    v = Vector256.ConditionalSelect(Vector256.LessThan(v, vb), v, vbelow);
                    var target = accumulate ? Vector256.Create(chunk.Slice(j, Vector256<float>.Count)) + (vweight * v) : v;
                    target.CopyTo(chunk[j..]);
                }
            }

            for (; j < values; j++)
            {
                var r = outputs[j / 2];
                var v = a + ((int)((j & 1) == 0 ? r >> 40 : (r >> 16) & 0xFFFFFF) * scale);
                v = v < b ? v : below;
                chunk[j] = accumulate ? chunk[j] + (weight * v) : v;
            }
        }
    }

    /// <summary>Fills <paramref name="outputs"/> with the next raw xoshiro256** outputs.</summary>
    private void NextBlock(Span<ulong> outputs)
    {
        // Local copies of the state let the JIT keep it in registers.
        var x0 = this.s0;
        var x1 = this.s1;
        var x2 = this.s2;
        var x3 = this.s3;
        for (var k = 0; k < outputs.Length; k++)
        {
            outputs[k] = ulong.RotateLeft(x1 * 5, 7) * 9;
            var t = x1 << 17;
            x2 ^= x0;
            x3 ^= x1;
            x1 ^= x2;
            x0 ^= x3;
            x2 ^= t;
            x3 = ulong.RotateLeft(x3, 45);
        }

        this.s0 = x0;
        this.s1 = x1;
        this.s2 = x2;
        this.s3 = x3;
    }
}
