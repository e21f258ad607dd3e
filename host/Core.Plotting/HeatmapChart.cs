namespace Dislocate.Core.Plotting;

/// <summary>A matrix of values drawn as coloured, annotated cells with a colour bar (e.g. a cross-evaluation matrix).</summary>
/// <param name="Title">The title above the plot; empty for none.</param>
/// <param name="RowLabels">One label per row of <paramref name="Values"/>, drawn left of the rows, first row at the top.</param>
/// <param name="ColumnLabels">One label per column of <paramref name="Values"/>, drawn below the columns.</param>
/// <param name="Values">Values[row, column]; NaN and ±∞ cells are drawn grey and annotated "–".</param>
/// <param name="XLabel">The label below the column labels; empty for none.</param>
/// <param name="YLabel">The label left of the row labels; empty for none.</param>
public sealed record HeatmapChart(
    string Title,
    IReadOnlyList<string> RowLabels,
    IReadOnlyList<string> ColumnLabels,
    double[,] Values,
    string XLabel,
    string YLabel)
{
    /// <summary>The .NET numeric format of the cell annotations (invariant culture), e.g. "0.000" or "0.0%".</summary>
    public string CellFormat { get; init; } = "0.000";

    /// <summary>The value mapped to the lowest colour; null for the smallest finite value. Smaller values are clamped.</summary>
    public double? Min { get; init; }

    /// <summary>The value mapped to the highest colour; null for the largest finite value. Larger values are clamped.</summary>
    public double? Max { get; init; }
}
