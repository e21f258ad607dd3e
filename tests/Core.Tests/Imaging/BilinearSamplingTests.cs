using Dislocate.Core.Imaging;

namespace Dislocate.Core.Tests.Imaging;

public sealed class BilinearSamplingTests
{
    // 3 × 2 image: row 0 = 0, 1, 2; row 1 = 10, 11, 12.
    private static readonly float[] Image = [0, 1, 2, 10, 11, 12];

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(0, 1.5, 1.5)]
    [InlineData(0.5, 0, 5)]
    [InlineData(0.5, 1.25, 6.25)]
    [InlineData(1, 2, 12)]
    [InlineData(-3, -1, 0)] // clamped to the corner
    [InlineData(7, 9, 12)]
    public void InterpolatesBetweenPixelCentres_AndClampsOutside(double y, double x, double expected)
    {
        Assert.Equal(expected, BilinearSampling.Sample<float>(Image, 3, 2, y, x), 9);
        Assert.Equal(expected, BilinearSampling.Sample<double>(Image.Select(v => (double)v).ToArray(), 3, 2, y, x), 9);
    }

    [Fact]
    public void AOnePixelImage_IsThatPixelEverywhere()
    {
        Assert.Equal(4.0, BilinearSampling.Sample<float>([4f], 1, 1, 0.7, -2));
    }
}
