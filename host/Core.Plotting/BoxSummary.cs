namespace Dislocate.Core.Plotting;

/// <summary>The five-number summary and outliers of one box of a <see cref="BoxChart"/>, from <see cref="BoxStatistics.Compute"/>.</summary>
/// <param name="Count">The number of finite values; 0 means every other member is NaN and <paramref name="Outliers"/> is empty.</param>
/// <param name="Q1">The first quartile (25th percentile, linear interpolation).</param>
/// <param name="Median">The median (50th percentile).</param>
/// <param name="Q3">The third quartile (75th percentile).</param>
/// <param name="WhiskerLow">The smallest value ≥ Q1 − 1.5·IQR.</param>
/// <param name="WhiskerHigh">The largest value ≤ Q3 + 1.5·IQR.</param>
/// <param name="Outliers">The values outside [WhiskerLow, WhiskerHigh], in increasing order.</param>
public sealed record BoxSummary(int Count, double Q1, double Median, double Q3, double WhiskerLow, double WhiskerHigh, double[] Outliers)
{
    /// <summary>The interquartile range Q3 − Q1.</summary>
    public double InterquartileRange => this.Q3 - this.Q1;
}
