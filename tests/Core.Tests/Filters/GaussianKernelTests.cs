using Dislocate.Core.Filters;

namespace Dislocate.Core.Tests.Filters;

public class GaussianKernelTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(2.0)]
    [InlineData(3.7)]
    public void SumsToOneAndIsSymmetric(double sigma)
    {
        var k = GaussianKernel.Create(sigma);
        var sum = 0.0;
        foreach (var w in k)
        {
            sum += w;
        }

        Assert.Equal(1.0, sum, 1e-6);
        for (var i = 0; i < k.Length; i++)
        {
            Assert.Equal(k[i], k[k.Length - 1 - i]);
        }
    }

    [Theory]
    [InlineData(1.0, 4.0, 9)]
    [InlineData(2.0, 4.0, 17)]
    [InlineData(0.6, 4.0, 5)]
    [InlineData(0.8, 4.0, 7)]
    [InlineData(1.0, 2.0, 5)]
    [InlineData(0.1, 4.0, 1)]
    public void RadiusMatchesScipy(double sigma, double truncate, int taps)
    {
        Assert.Equal(taps, GaussianKernel.Create(sigma, truncate).Length);
        Assert.Equal(taps / 2, GaussianKernel.Radius(sigma, truncate));
    }

    [Fact]
    public void VarianceMatchesSigmaSquared()
    {
        var k = GaussianKernel.Create(2.0);
        var r = k.Length / 2;
        var variance = 0.0;
        for (var i = 0; i < k.Length; i++)
        {
            variance += k[i] * (double)(i - r) * (i - r);
        }

        Assert.Equal(4.0, variance, 4.0 * 0.02);
    }

    [Fact]
    public void MatchesScipyWeightsForSigmaOne()
    {
        // scipy.ndimage._gaussian_kernel1d(1, 0, 4) in double.
        double[] expected = [0.00013383062461474175, 0.0044318616200312655, 0.05399112742070441, 0.24197144565660073, 0.39894346935609776];
        var k = GaussianKernel.Create(1.0);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal((float)expected[i], k[i]);
        }
    }

    [Fact]
    public void SigmaZeroIsIdentity()
    {
        Assert.Equal([1f], GaussianKernel.Create(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianKernel.Create(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianKernel.Create(double.NaN));
    }
}
