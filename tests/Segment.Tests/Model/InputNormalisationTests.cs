using Dislocate.Segment.Model;

namespace Dislocate.Segment.Tests.Model;

public class InputNormalisationTests
{
    [Fact]
    public void PerImageRemovesMeanAndPopulationStd()
    {
        // mean 1.5, population variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25
        float[] pixels = [0, 1, 2, 3];
        var output = new float[4];
        InputNormalisation.Default.Apply(pixels, output);
        var s = Math.Sqrt(1.25);
        Assert.Equal([(float)(-1.5 / s), (float)(-0.5 / s), (float)(0.5 / s), (float)(1.5 / s)], output);
        Assert.Equal((1.5, s), InputNormalisation.Default.Statistics(pixels));
    }

    [Fact]
    public void PerImageFloorsTheStd()
    {
        var output = new float[4];
        InputNormalisation.Default.Apply([0.5f, 0.5f, 0.5f, 0.5f], output);
        Assert.Equal([0f, 0f, 0f, 0f], output);

        // std 0.001 < floor 0.01: deviations of ±0.001 become ±0.1, not ±1.
        InputNormalisation.Default.Apply([0.499f, 0.501f, 0.499f, 0.501f], output);
        Assert.All(output, v => Assert.Equal(0.1, Math.Abs(v), 1e-4));
        Assert.Equal(0.01, InputNormalisation.Default.MinStd);
    }

    [Fact]
    public void PerImageIgnoresBrightnessAndContrast()
    {
        var pixels = TinyModels.Pattern(40, 30);
        var changed = pixels.Select(p => (0.3f * p) + 0.2f).ToArray();
        var a = new float[pixels.Length];
        var b = new float[pixels.Length];
        InputNormalisation.Default.Apply(pixels, a);
        InputNormalisation.Default.Apply(changed, b);
        for (var i = 0; i < a.Length; i++)
        {
            Assert.Equal(a[i], b[i], 1e-5);
        }
    }

    [Fact]
    public void FixedUsesGivenStatistics()
    {
        var output = new float[3];
        InputNormalisation.Fixed(0.5, 0.25).Apply([0f, 0.5f, 1f], output);
        Assert.Equal([-2f, 0f, 2f], output);
    }

    [Fact]
    public void AppliesInPlace()
    {
        float[] pixels = [0, 1, 2, 3];
        var expected = new float[4];
        InputNormalisation.Default.Apply(pixels, expected);
        InputNormalisation.Default.Apply(pixels, pixels);
        Assert.Equal(expected, pixels);
    }

    [Fact]
    public void BadUseIsRefused()
    {
        Assert.Throws<ArgumentException>(() => InputNormalisation.Default.Apply(new float[4], new float[3]));
        Assert.Throws<InvalidOperationException>(() => InputNormalisation.Fixed(0, 0).Apply(new float[2], new float[2]));
        Assert.Equal("std", InputNormalisation.Fixed(0, -1).FindProblem()?.Field);
        Assert.Equal("mean", InputNormalisation.Fixed(double.NaN, 1).FindProblem()?.Field);
        Assert.Equal("min_std", InputNormalisation.PerImage(0).FindProblem()?.Field);
        Assert.Null(InputNormalisation.Default.FindProblem());
    }
}
