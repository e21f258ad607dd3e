using Dislocate.Core.Random;

namespace Dislocate.Core.Tests.Random;

public class RngTests
{
    [Fact]
    public void SplitMix64_MatchesReferenceOutputsFromZero()
    {
        // Reference values of Vigna's splitmix64.c started at state 0.
        var state = 0UL;
        Assert.Equal(0xE220A8397B1DCDAFUL, SplitMix64.Next(ref state));
        Assert.Equal(0x6E789E6AA1B965F4UL, SplitMix64.Next(ref state));
    }

    [Fact]
    public void Xoshiro256StarStar_MatchesReferenceOutputsForState1234()
    {
        // Reference values of Blackman and Vigna's xoshiro256starstar.c with s = {1, 2, 3, 4}.
        var rng = new Rng(1, 2, 3, 4);
        Assert.Equal(11520UL, rng.NextULong());
        Assert.Equal(0UL, rng.NextULong());
        Assert.Equal(1509978240UL, rng.NextULong());
        Assert.Equal(1215971899390074240UL, rng.NextULong());
    }

    [Fact]
    public void KnownFirstOutputsForSeed42()
    {
        var rng = new Rng(42);
        Assert.Equal(1546998764402558742UL, rng.NextULong());
        Assert.Equal(6990951692964543102UL, rng.NextULong());
        Assert.Equal(12544586762248559009UL, rng.NextULong());

        rng = new Rng(42);
        Assert.Equal(0.08386297105988216, rng.NextDouble());
        Assert.Equal(0.3789802506626686, rng.NextDouble());

        rng = new Rng(42);
        Assert.Equal(8, rng.NextInt(0, 100));
        Assert.Equal(37, rng.NextInt(0, 100));
        Assert.Equal(68, rng.NextInt(0, 100));
    }

    [Fact]
    public void SameSeedGivesSameSequence()
    {
        var a = new Rng(123456789);
        var b = new Rng(123456789);
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(a.NextULong(), b.NextULong());
        }

        Assert.Equal(a.Normal(1, 2), b.Normal(1, 2));
        Assert.Equal(a.Normal(1, 2), b.Normal(1, 2));
    }

    [Fact]
    public void NextDoubleAndNextFloat_AreInUnitIntervalWithMeanHalf()
    {
        var rng = new Rng(7);
        var sumD = 0.0;
        var sumF = 0.0;
        const int n = 100_000;
        for (var i = 0; i < n; i++)
        {
            var d = rng.NextDouble();
            var f = rng.NextFloat();
            Assert.InRange(d, 0.0, Math.BitDecrement(1.0));
            Assert.InRange(f, 0f, MathF.BitDecrement(1f));
            sumD += d;
            sumF += f;
        }

        // Standard error of the mean is 0.29/sqrt(n) ≈ 0.0009.
        Assert.InRange(sumD / n, 0.495, 0.505);
        Assert.InRange(sumF / n, 0.495, 0.505);
    }

    [Fact]
    public void NextInt_StaysInBoundsAndHitsEveryValue()
    {
        var rng = new Rng(99);
        var counts = new int[7];
        for (var i = 0; i < 70_000; i++)
        {
            var v = rng.NextInt(-3, 4);
            Assert.InRange(v, -3, 3);
            counts[v + 3]++;
        }

        foreach (var c in counts)
        {
            Assert.InRange(c, 9_000, 11_000);
        }

        Assert.Equal(5, rng.NextInt(5, 6));
        var wide = rng.NextInt(int.MinValue, int.MaxValue);
        Assert.InRange(wide, int.MinValue, int.MaxValue - 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(3, 3));
    }

    [Fact]
    public void Normal_HasRequestedMeanAndSpread()
    {
        var rng = new Rng(5);
        const int n = 50_000;
        var sum = 0.0;
        var sum2 = 0.0;
        for (var i = 0; i < n; i++)
        {
            var v = rng.Normal(3.0, 2.0);
            sum += v;
            sum2 += v * v;
        }

        var mean = sum / n;
        var sd = Math.Sqrt((sum2 / n) - (mean * mean));
        Assert.InRange(mean, 2.97, 3.03);
        Assert.InRange(sd, 1.97, 2.03);
    }

    [Fact]
    public void Uniform_AndChance_BehaveAsDocumented()
    {
        var rng = new Rng(11);
        var hits = 0;
        for (var i = 0; i < 10_000; i++)
        {
            Assert.InRange(rng.Uniform(-2.5, 4.0), -2.5, 4.0);
            hits += rng.Chance(0.25) ? 1 : 0;
        }

        Assert.InRange(hits, 2_300, 2_700);
        Assert.False(rng.Chance(0.0));
        Assert.True(rng.Chance(1.0));
    }

    [Fact]
    public void Shuffle_IsAPermutationAndDeterministic()
    {
        var a = Enumerable.Range(0, 50).ToArray();
        var b = Enumerable.Range(0, 50).ToArray();
        new Rng(3).Shuffle<int>(a);
        new Rng(3).Shuffle<int>(b);
        Assert.Equal(a, b);
        Assert.NotEqual(Enumerable.Range(0, 50).ToArray(), a);
        Assert.Equal(Enumerable.Range(0, 50), a.Order());
    }

    [Fact]
    public void FillUniform_StaysInRangeWithMeanAtCentre()
    {
        var values = new float[100_001];
        new Rng(17).FillUniform(values, -1f, 1f);
        var sum = 0.0;
        foreach (var v in values)
        {
            Assert.InRange(v, -1f, MathF.BitDecrement(1f));
            sum += v;
        }

        Assert.InRange(sum / values.Length, -0.01, 0.01);

        // Known values: first output of seed 17 split into two 24-bit halves.
        var again = new float[3];
        new Rng(17).FillUniform(again, -1f, 1f);
        Assert.Equal(values.AsSpan(0, 3).ToArray(), again);
        var raw = new Rng(17).NextULong();
        Assert.Equal(-1f + ((raw >> 40) * (2f / (1 << 24))), again[0]);
        Assert.Equal(-1f + (((raw >> 16) & 0xFFFFFF) * (2f / (1 << 24))), again[1]);
    }

    [Fact]
    public void FillUniform_NeverReturnsUpperBound()
    {
        var values = new float[10_000];
        new Rng(1).FillUniform(values, 0.3f, 0.30000004f);
        foreach (var v in values)
        {
            Assert.True(v >= 0.3f && v < 0.30000004f);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(9)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(1001)]
    public void FillUniform_IsTheDocumentedFormula_OverBlockAndVectorBoundaries(int length)
    {
        // Output k gives values 2k (bits 63..40) and 2k + 1 (bits 39..16): a + u·(b − a)·2^-24 in float, below b.
        const float A = -1f, B = 1f;
        var reference = new Rng(5);
        var expected = new float[length];
        for (var i = 0; i < length; i += 2)
        {
            var r = reference.NextULong();
            for (var h = 0; h < 2 && i + h < length; h++)
            {
                var u = (int)(h == 0 ? r >> 40 : (r >> 16) & 0xFFFFFF);
                var v = A + (u * ((B - A) * (1.0f / (1 << 24))));
                expected[i + h] = v < B ? v : MathF.BitDecrement(B);
            }
        }

        var rng = new Rng(5);
        var actual = new float[length];
        rng.FillUniform(actual, A, B);
        Assert.Equal(expected, actual);
        Assert.Equal(reference.NextULong(), rng.NextULong()); // exactly ⌈length / 2⌉ outputs consumed
    }

    [Fact]
    public void AddScaledUniform_EqualsFillingAScratchBufferAndAdding()
    {
        var target = Enumerable.Range(0, 1001).Select(i => i * 0.001f).ToArray();
        var expected = (float[])target.Clone();
        var scratch = new float[target.Length];
        new Rng(77).FillUniform(scratch, -1f, 1f);
        for (var i = 0; i < expected.Length; i++)
        {
            expected[i] += 0.6f * scratch[i];
        }

        new Rng(77).AddScaledUniform(target, -1f, 1f, 0.6f);
        Assert.Equal(expected, target);
    }
}
