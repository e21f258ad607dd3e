using Dislocate.Core.Imaging;

namespace Dislocate.Core.Tests.Imaging;

public sealed class ImageResamplingTests
{
    // Expected values: scikit-image 0.19.3, resize(img, shape, order=1, mode='symmetric', anti_aliasing=shrinking,
    // preserve_range=True) of img[y, x] = sin(1.3x) + cos(0.7y) + 0.1xy, 8 × 6 (Debian's python3-skimage).
    private static readonly double[] Shrunk = [1.338927, 0.916304, 0.817944, 1.824305, 0.437236, 0.393401, 0.684291, 2.069439, -0.211863, 0.123090, 0.803229, 2.567165];

    private static readonly double[] GrownFirstRows = [1.000000, 1.407659, 1.946325, 1.670598, 1.191545, 0.451072, 0.214390, 0.243304, 0.919350, 1.486305, 1.968412, 1.606556, 1.319098, 0.925177, 1.346298, 1.904544, 1.648397, 1.188925, 0.468033, 0.250930, 0.299425, 0.995051, 1.581587, 2.083274, 1.740999, 1.467003];

    private static readonly double[] GrownLastRow = [-0.936457, -0.317259, 0.529099, 0.561064, 0.389703, -0.043077, 0.027933, 0.364540, 1.348278, 2.222925, 3.012724, 2.958561, 2.882642];

    private static float[] Image()
    {
        var image = new float[8 * 6];
        for (var y = 0; y < 6; y++)
        {
            for (var x = 0; x < 8; x++)
            {
                image[(y * 8) + x] = (float)(Math.Sin(x * 1.3) + Math.Cos(y * 0.7) + (0.1 * x * y));
            }
        }

        return image;
    }

    [Fact]
    public void Shrinking_MatchesScikitImageWithAntiAliasing()
    {
        var result = ImageResampling.Resize(Image(), 8, 6, 4, 3);
        Assert.Equal(Shrunk.Length, result.Length);
        for (var i = 0; i < Shrunk.Length; i++)
        {
            Assert.Equal(Shrunk[i], result[i], 1e-5);
        }
    }

    [Fact]
    public void Growing_MatchesScikitImageBilinear()
    {
        var result = ImageResampling.Resize(Image(), 8, 6, 13, 11);
        Assert.Equal(13 * 11, result.Length);
        for (var i = 0; i < GrownFirstRows.Length; i++)
        {
            Assert.Equal(GrownFirstRows[i], result[i], 1e-5);
        }

        for (var i = 0; i < GrownLastRow.Length; i++)
        {
            Assert.Equal(GrownLastRow[i], result[(10 * 13) + i], 1e-5);
        }
    }

    [Fact]
    public void TheSameSize_IsACopy_AndAConstantStaysConstant()
    {
        var image = Image();
        Assert.Equal(image, ImageResampling.Resize(image, 8, 6, 8, 6));
        var flat = Enumerable.Repeat(0.25f, 30 * 20).ToArray();
        Assert.All(ImageResampling.Resize(flat, 30, 20, 11, 7), v => Assert.Equal(0.25f, v, 6));
        Assert.All(ImageResampling.Resize(flat, 30, 20, 61, 43), v => Assert.Equal(0.25f, v, 6));
    }

    [Fact]
    public void AOnePixelLine_ShrunkByHalf_KeepsItsIntegral_InsteadOfAliasingAway()
    {
        // A vertical line one pixel wide at an odd column falls between the samples of a plain half-size bilinear
        // resampling and would vanish; anti-aliasing spreads it so its total is kept.
        var image = new float[16 * 16];
        for (var y = 0; y < 16; y++)
        {
            image[(y * 16) + 7] = 1;
        }

        var half = ImageResampling.Resize(image, 16, 16, 8, 8);
        var row = half.AsSpan(4 * 8, 8).ToArray();
        Assert.Equal(0.5, row.Sum(), 2); // 1 px of intensity 1 → half a pixel's worth at half the resolution
        Assert.True(row.Max() > 0.2f);
    }

    [Theory]
    [InlineData(330, 400, 0.5, 165, 200)]
    [InlineData(330, 400, 1.41, 465, 564)]
    [InlineData(3, 3, 0.1, 1, 1)]
    public void ScaledSizes_AreRounded_AndAtLeastOnePixel(int w, int h, double factor, int ew, int eh)
    {
        Assert.Equal((ew, eh), ImageResampling.ScaledSize(w, h, factor));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void AFactorThatIsNotPositiveAndFinite_IsRefused(double factor)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageResampling.ScaledSize(10, 10, factor));
    }
}
