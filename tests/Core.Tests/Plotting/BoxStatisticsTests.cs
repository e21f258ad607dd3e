using Dislocate.Core.Plotting;

namespace Dislocate.Core.Tests.Plotting;

public class BoxStatisticsTests
{
    [Fact]
    public void OneToNine()
    {
        // Linear interpolation (type 7): h = 8p → Q1 = v[2] = 3, median = v[4] = 5, Q3 = v[6] = 7.
        var b = BoxStatistics.Compute([9, 1, 8, 2, 7, 3, 6, 4, 5]);
        Assert.Equal((9, 3.0, 5.0, 7.0), (b.Count, b.Q1, b.Median, b.Q3));
        Assert.Equal(4.0, b.InterquartileRange);
        Assert.Equal((1.0, 9.0), (b.WhiskerLow, b.WhiskerHigh));
        Assert.Empty(b.Outliers);
    }

    [Fact]
    public void MatchesNumpyPercentileOnFourValues()
    {
        // np.percentile([1, 2, 3, 4], [25, 50, 75]) = [1.75, 2.5, 3.25].
        var b = BoxStatistics.Compute([4, 3, 2, 1]);
        Assert.Equal((1.75, 2.5, 3.25), (b.Q1, b.Median, b.Q3));
    }

    [Fact]
    public void HighOutlierBeyondOneAndAHalfIqr()
    {
        // 1..9, 100: Q1 = 3.25, median 5.5, Q3 = 7.75, IQR 4.5, upper fence 14.5 → whisker at 9, 100 an outlier.
        var b = BoxStatistics.Compute([1, 2, 3, 4, 5, 6, 7, 8, 9, 100]);
        Assert.Equal((3.25, 5.5, 7.75), (b.Q1, b.Median, b.Q3));
        Assert.Equal((1.0, 9.0), (b.WhiskerLow, b.WhiskerHigh));
        Assert.Equal([100], b.Outliers);
    }

    [Fact]
    public void LowOutliersAndWhiskerAtLastPointInsideFence()
    {
        // -50, -40, 1..9: n = 11, Q1 = v[2.5] = 1.5, Q3 = v[7.5] = 6.5, IQR 5, lower fence −6 → whisker at 1.
        var b = BoxStatistics.Compute([1, 2, 3, 4, 5, 6, 7, 8, 9, -40, -50]);
        Assert.Equal((1.5, 4.0, 6.5), (b.Q1, b.Median, b.Q3));
        Assert.Equal((1.0, 9.0), (b.WhiskerLow, b.WhiskerHigh));
        Assert.Equal([-50, -40], b.Outliers);
    }

    [Fact]
    public void IgnoresNonFiniteValuesAndLeavesInputAlone()
    {
        double[] values = [double.NaN, 9, 1, double.PositiveInfinity, 8, 2, 7, 3, 6, 4, 5, double.NegativeInfinity];
        var copy = (double[])values.Clone();
        var b = BoxStatistics.Compute(values);
        Assert.Equal((9, 3.0, 5.0, 7.0), (b.Count, b.Q1, b.Median, b.Q3));
        Assert.Equal(copy, values);
    }

    [Fact]
    public void EmptyAndSingleValue()
    {
        var empty = BoxStatistics.Compute([double.NaN]);
        Assert.Equal(0, empty.Count);
        Assert.True(double.IsNaN(empty.Median));
        Assert.Empty(empty.Outliers);

        var one = BoxStatistics.Compute([4.5]);
        Assert.Equal((1, 4.5, 4.5, 4.5, 4.5, 4.5), (one.Count, one.Q1, one.Median, one.Q3, one.WhiskerLow, one.WhiskerHigh));
    }

    [Fact]
    public void QuantileEnds()
    {
        double[] sorted = [1, 2, 4];
        Assert.Equal(1, BoxStatistics.Quantile(sorted, 0));
        Assert.Equal(4, BoxStatistics.Quantile(sorted, 1));
        Assert.Equal(3, BoxStatistics.Quantile(sorted, 0.75));
        Assert.Throws<ArgumentOutOfRangeException>(() => BoxStatistics.Quantile(sorted, 1.5));
        Assert.Throws<ArgumentException>(() => BoxStatistics.Quantile([], 0.5));
    }
}
