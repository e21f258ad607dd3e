using Dislocate.Core.Filters;
using Dislocate.Core.Random;

namespace Dislocate.Core.Tests.Filters;

public class GaussianBlurTests
{
    private static float[] RandomImage(int w, int h, ulong seed)
    {
        var values = new float[w * h];
        new Rng(seed).FillUniform(values, 0f, 1f);
        return values;
    }

    [Theory]
    [InlineData(64, 48, 1.0)]
    [InlineData(3, 2, 5.0)]
    [InlineData(1, 1, 2.0)]
    [InlineData(17, 1, 3.0)]
    public void ConstantImageIsUnchanged(int w, int h, double sigma)
    {
        var src = Enumerable.Repeat(0.625f, w * h).ToArray();
        var dst = new float[w * h];
        GaussianBlur.Apply(src, dst, w, h, sigma);
        foreach (var v in dst)
        {
            Assert.Equal(0.625f, v, 1e-6f);
        }
    }

    [Fact]
    public void ImpulseGivesOuterProductOfKernel()
    {
        const int n = 21;
        var src = new float[n * n];
        src[(10 * n) + 10] = 1f;
        var dst = new float[n * n];
        GaussianBlur.Apply(src, dst, n, n, 1.5);
        var k = GaussianKernel.Create(1.5);
        var r = k.Length / 2;
        for (var y = 0; y < n; y++)
        {
            for (var x = 0; x < n; x++)
            {
                var ky = Math.Abs(y - 10) <= r ? k[y - 10 + r] : 0f;
                var kx = Math.Abs(x - 10) <= r ? k[x - 10 + r] : 0f;
                Assert.Equal(ky * kx, dst[(y * n) + x], 1e-9f);
            }
        }
    }

    [Fact]
    public void ReflectBorderMatchesHandComputedRow()
    {
        // Reflected neighbourhoods of [1, 2, 3, 4, 5] (d c b a | a b c d e | e d c b) for a 9-tap kernel, e.g. x = 0 sees
        // 4 3 2 1 | 1 2 3 4 5; the sums with scipy's sigma-1 weights equal scipy's documented gaussian_filter1d example.
        float[] row = [1, 2, 3, 4, 5];
        var dst = new float[5];
        GaussianBlur.Apply(row, dst, 5, 1, 1.0);
        double[] expected = [1.4270409503911738, 2.0678220347792573, 3.0, 3.932177965220743, 4.572959049608826];
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(expected[i], dst[i], 1e-5);
        }

        // The same along a column (the pass order differs, so only up to rounding).
        var column = new float[5];
        GaussianBlur.Apply(row, column, 1, 5, 1.0);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(dst[i], column[i], 1e-6f);
        }
    }

    [Fact]
    public void ReflectIndexMapping()
    {
        int[] expected = [3, 2, 1, 0, 0, 1, 2, 3, 4, 4, 3, 2, 1, 0, 0];
        for (var i = -4; i <= 10; i++)
        {
            Assert.Equal(expected[i + 4], GaussianBlur.Reflect(i, 5));
        }

        Assert.Equal(0, GaussianBlur.Reflect(-7, 1));
        Assert.Equal(1, GaussianBlur.Reflect(-3, 2)); // -3 -> period 4 -> 1
    }

    [Fact]
    public void InPlaceEqualsOutOfPlace()
    {
        const int w = 67;
        const int h = 45;
        var src = RandomImage(w, h, 1);
        var outOfPlace = new float[w * h];
        GaussianBlur.Apply(src, outOfPlace, w, h, 1.3);
        GaussianBlur.Apply(src, src, w, h, 1.3);
        Assert.Equal(outOfPlace, src);
    }

    [Theory]
    [InlineData(67, 45, 1.3)] // tall enough: rows stream through the ring
    [InlineData(67, 4, 1.3)] // shorter than the kernel (2r + 1 = 11): the two-pass path
    [InlineData(9, 30, 0.7)]
    public void EqualsTheDocumentedExpression_BitForBit(int w, int h, double sigma)
    {
        // Horizontal then vertical, each output w0·c + w1·(l1 + r1) + … in float, reflected borders.
        var src = RandomImage(w, h, 3);
        var kernel = GaussianKernel.Create(sigma);
        var r = kernel.Length / 2;
        float Pass(Func<int, float> at, int i, int n)
        {
            var acc = kernel[r] * at(i);
            for (var k = 1; k <= r; k++)
            {
                acc += kernel[r + k] * (at(GaussianBlur.Reflect(i - k, n)) + at(GaussianBlur.Reflect(i + k, n)));
            }

            return acc;
        }

        var horizontal = new float[w * h];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                horizontal[(y * w) + x] = Pass(i => src[(y * w) + i], x, w);
            }
        }

        var expected = new float[w * h];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                expected[(y * w) + x] = Pass(j => horizontal[(j * w) + x], y, h);
            }
        }

        var actual = new float[w * h];
        GaussianBlur.Apply(src, actual, w, h, sigma);
        Assert.Equal(expected, actual);

        // Destination overlapping the source one row further on: still the same result.
        var shared = new float[(w * h) + w];
        src.CopyTo(shared, 0);
        GaussianBlur.Apply(shared.AsSpan(0, w * h), shared.AsSpan(w, w * h), w, h, sigma);
        Assert.Equal(expected, shared.AsSpan(w, w * h).ToArray());
    }

    [Fact]
    public void VectorLanesAndScalarTailAgreeBitForBit()
    {
        // Rows repeat a period-5 pattern, so columns 20..22 (vector path) and 40..42 (scalar tail when a vector holds 8
        // floats: 47 = 5·8 + 7) see identical neighbourhoods and must give identical bits.
        const int w = 47;
        const int h = 6;
        float[] pattern = [0.1f, 0.9f, 0.35f, 0.7f, 0.2f];
        var src = new float[w * h];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                src[(y * w) + x] = pattern[x % 5] * (1 + y);
            }
        }

        var dst = new float[w * h];
        GaussianBlur.Apply(src, dst, w, h, 0.9);
        for (var y = 0; y < h; y++)
        {
            for (var x = 40; x <= 42; x++)
            {
                Assert.Equal(dst[(y * w) + x - 20], dst[(y * w) + x]);
            }
        }
    }

    [Fact]
    public void SigmaZeroCopies()
    {
        var src = RandomImage(8, 8, 2);
        var dst = new float[64];
        GaussianBlur.Apply(src, dst, 8, 8, 0);
        Assert.Equal(src, dst);
    }

    [Fact]
    public void SizeMismatchThrows()
    {
        Assert.Throws<ArgumentException>(() => GaussianBlur.Apply(new float[10], new float[12], 3, 4, 1));
    }
}
