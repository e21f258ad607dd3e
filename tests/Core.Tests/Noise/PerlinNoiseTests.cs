using Dislocate.Core.Noise;

namespace Dislocate.Core.Tests.Noise;

public class PerlinNoiseTests
{
    private static float[] Fill(int w, int h, double wavelength, ulong seed, double ox = 0, double oy = 0)
    {
        var values = new float[w * h];
        PerlinNoise.Fill(values, w, h, wavelength, seed, ox, oy);
        return values;
    }

    [Fact]
    public void IsZeroAtLatticePoints()
    {
        var values = Fill(97, 61, 8, 5);
        for (var y = 0; y < 61; y += 8)
        {
            for (var x = 0; x < 97; x += 8)
            {
                Assert.Equal(0f, values[(y * 97) + x]);
            }
        }

        Assert.Equal(0.0, PerlinNoise.Sample(3, -7, 1));
    }

    [Fact]
    public void IsBoundedAndNotTrivial()
    {
        var values = Fill(256, 256, 13.7, 42);
        var maxAbs = 0f;
        foreach (var v in values)
        {
            maxAbs = Math.Max(maxAbs, Math.Abs(v));
        }

        Assert.True(maxAbs <= 1f);
        Assert.True(maxAbs > 0.3f);
    }

    [Fact]
    public void IsDeterministicAndDependsOnSeed()
    {
        var a = Fill(64, 48, 10, 1);
        Assert.Equal(a, Fill(64, 48, 10, 1));
        var b = Fill(64, 48, 10, 2);
        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData(7.0, 0.0, 0.0)]
    [InlineData(50.0, 0.0, 0.0)]
    [InlineData(23.3, 1234.5, -77.25)]
    [InlineData(1.0, 0.0, 0.0)]
    public void FillMatchesSamplePointwise(double wavelength, double ox, double oy)
    {
        const int w = 53;
        const int h = 29;
        var values = Fill(w, h, wavelength, 9, ox, oy);
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var expected = PerlinNoise.Sample((x + ox) / wavelength, (y + oy) / wavelength, 9);
                Assert.Equal(expected, values[(y * w) + x], 1e-5);
            }
        }
    }

    [Fact]
    public void OffsetsShiftThePatternExactly()
    {
        const int w = 80;
        const int h = 20;
        var baseField = Fill(w, h, 17.5, 3);
        var shiftedX = Fill(w, h, 17.5, 3, ox: 3);
        var shiftedY = Fill(w, h, 17.5, 3, oy: 2);
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x + 3 < w; x++)
            {
                Assert.Equal(baseField[(y * w) + x + 3], shiftedX[(y * w) + x]);
            }
        }

        for (var y = 0; y + 2 < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                Assert.Equal(baseField[((y + 2) * w) + x], shiftedY[(y * w) + x]);
            }
        }
    }

    [Fact]
    public void AutocorrelationIsHighWithinAWavelengthAndLowBeyond()
    {
        const int w = 512;
        const int h = 64;
        const double wavelength = 32;
        var values = Fill(w, h, wavelength, 77);
        var near = RowAutocorrelation(values, w, h, (int)(wavelength / 4));
        var far = RowAutocorrelation(values, w, h, (int)(2 * wavelength));
        Assert.True(near > 0.6, $"near {near}");
        Assert.True(Math.Abs(far) < 0.2, $"far {far}");
    }

    [Fact]
    public void ZeroCrossingSpacingScalesWithWavelength()
    {
        var small = MeanZeroCrossingSpacing(Fill(1024, 32, 10, 5), 1024, 32);
        var large = MeanZeroCrossingSpacing(Fill(1024, 32, 40, 5), 1024, 32);
        var ratio = large / small;
        Assert.InRange(ratio, 4 * 0.75, 4 * 1.25);
    }

    [Fact]
    public void RejectsBadArguments()
    {
        var values = new float[10];
        Assert.Throws<ArgumentOutOfRangeException>(() => PerlinNoise.Fill(values, 5, 2, 0.5, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PerlinNoise.Fill(values, 5, 2, 20000, 1));
        Assert.Throws<ArgumentException>(() => PerlinNoise.Fill(values, 4, 2, 10, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PerlinNoise.Fill(values, 5, 2, 10, 1, double.NaN));
    }

    private static double RowAutocorrelation(float[] v, int w, int h, int lag)
    {
        double sxy = 0;
        double sxx = 0;
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x + lag < w; x++)
            {
                var a = v[(y * w) + x];
                sxy += a * v[(y * w) + x + lag];
                sxx += a * a;
            }
        }

        // The noise has zero mean by symmetry of the gradient set, so no centring is needed.
        return sxy / sxx;
    }

    private static double MeanZeroCrossingSpacing(float[] v, int w, int h)
    {
        var crossings = 0;
        for (var y = 0; y < h; y++)
        {
            for (var x = 1; x < w; x++)
            {
                if ((v[(y * w) + x - 1] < 0) != (v[(y * w) + x] < 0))
                {
                    crossings++;
                }
            }
        }

        return (double)h * (w - 1) / crossings;
    }
}
