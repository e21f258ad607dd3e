namespace Dislocate.Core.Plotting;

/// <summary>An x–y chart of one or more series (training curves, distance or velocity against frame, scatter plots).</summary>
/// <param name="Title">The title above the plot; empty for none.</param>
/// <param name="XLabel">The x-axis label; empty for none.</param>
/// <param name="YLabel">The y-axis label; empty for none.</param>
/// <param name="Series">The series, drawn in order with the colours of <see cref="SeriesPalette"/>.</param>
public sealed record LineChart(string Title, string XLabel, string YLabel, IReadOnlyList<ChartSeries> Series)
{
    /// <summary>Fixed lower y limit; null for a "nice" limit from the data. Must be positive when <see cref="LogY"/>.</summary>
    public double? YMin { get; init; }

    /// <summary>Fixed upper y limit; null for a "nice" limit from the data. Must exceed <see cref="YMin"/>.</summary>
    public double? YMax { get; init; }

    /// <summary>Whether the y axis is logarithmic (base 10, ticks at powers of ten); y ≤ 0 points are then skipped.</summary>
    public bool LogY { get; init; }
}
