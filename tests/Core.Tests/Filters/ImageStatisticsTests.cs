using Dislocate.Core.Filters;

namespace Dislocate.Core.Tests.Filters;

public class ImageStatisticsTests
{
    [Fact]
    public void MinMaxFindsExtremesAnywhere()
    {
        var values = new float[37];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = i * 0.5f;
        }

        values[13] = -4f;
        values[36] = 99f;
        Assert.Equal((-4f, 99f), ImageStatistics.MinMax(values));
        Assert.Equal((2f, 2f), ImageStatistics.MinMax([2f]));
        Assert.Equal((1f, 3f), ImageStatistics.MinMax([float.NaN, 3f, 1f, float.NaN]));
        Assert.Throws<ArgumentException>(() => ImageStatistics.MinMax([]));
    }

    [Fact]
    public void MinMaxReportsPositiveZero()
    {
        var (min, max) = ImageStatistics.MinMax([-0f, 0f, -0f, -0f, -0f, -0f, -0f, -0f, -0f, -0f]);
        Assert.False(float.IsNegative(min));
        Assert.False(float.IsNegative(max));
    }

    [Fact]
    public void MeanAndStandardDeviation()
    {
        float[] values = [2, 4, 4, 4, 5, 5, 7, 9];
        Assert.Equal(5.0, ImageStatistics.Mean(values));
        Assert.Equal(2.0, ImageStatistics.StandardDeviation(values));
        Assert.Equal(0.0, ImageStatistics.StandardDeviation([3f, 3f, 3f]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(262_147)]
    public void MeanAndStandardDeviation_AreTheEightLaneSums_BitForBit(int length)
    {
        // The documented order, written out: value i into partial sum i mod 8, then ((0+1)+(2+3))+((4+5)+(6+7)).
        var rng = new System.Random(length);
        var values = Enumerable.Range(0, length).Select(_ => (float)((rng.NextDouble() * 2.4) - 0.7)).ToArray();
        static double Sum(float[] v, Func<double, double> term)
        {
            var lanes = new double[8];
            for (var i = 0; i < v.Length; i++)
            {
                lanes[i % 8] += term(v[i]);
            }

            return ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
        }

        var mean = Sum(values, x => x) / length;
        var sd = Math.Sqrt(Sum(values, x => (x - mean) * (x - mean)) / length);
        Assert.Equal(BitConverter.DoubleToInt64Bits(mean), BitConverter.DoubleToInt64Bits(ImageStatistics.Mean(values)));
        Assert.Equal(BitConverter.DoubleToInt64Bits(sd), BitConverter.DoubleToInt64Bits(ImageStatistics.StandardDeviation(values)));
    }

    [Fact]
    public void Normalize01MapsRangeToUnitInterval()
    {
        var values = new float[29];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = -3f + (i * 0.37f);
        }

        ImageStatistics.Normalize01(values);
        Assert.Equal(0f, values[0]);
        Assert.Equal(1f, values[^1]);
        foreach (var v in values)
        {
            Assert.InRange(v, 0f, 1f);
        }

        Assert.Equal(0.5f, values[14], 1e-6f);
    }

    [Fact]
    public void Normalize01OfConstantImageIsZero()
    {
        var values = Enumerable.Repeat(0.7f, 20).ToArray();
        ImageStatistics.Normalize01(values);
        Assert.All(values, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Normalize01HandlesHugeRange()
    {
        float[] values = [-3e38f, 0f, 3e38f];
        ImageStatistics.Normalize01(values);
        Assert.Equal([0f, 0.5f, 1f], values);
    }

    [Fact]
    public void ClipClampsAndKeepsNaN()
    {
        var values = new float[21];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (i - 10) * 0.2f;
        }

        values[5] = float.NaN;
        ImageStatistics.Clip(values, -1f, 1f);
        Assert.Equal(-1f, values[0]);
        Assert.Equal(1f, values[20]);
        Assert.True(float.IsNaN(values[5]));
        Assert.Equal(0.2f, values[11], 1e-6f);
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageStatistics.Clip(values, 1f, 0f));
    }
}
