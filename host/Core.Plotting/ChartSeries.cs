namespace Dislocate.Core.Plotting;

/// <summary>One data series of a <see cref="LineChart"/>: points (X[i], Y[i]) in index order.</summary>
/// <param name="Name">The name shown in the legend (the legend appears when a chart has more than one series).</param>
/// <param name="X">The x coordinates; same length as <paramref name="Y"/>. NaN and ±∞ points are skipped.</param>
/// <param name="Y">The y coordinates; same length as <paramref name="X"/>. NaN and ±∞ points (and y ≤ 0 on a log axis) are skipped.</param>
/// <param name="Style">Line, markers or both.</param>
public sealed record ChartSeries(string Name, double[] X, double[] Y, SeriesStyle Style = SeriesStyle.Line);
