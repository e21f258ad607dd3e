using System.Globalization;
using ScottPlot;

namespace Dislocate.Core.Plotting;

/// <summary>Builds the ScottPlot <see cref="Plot"/> of a <see cref="HeatmapChart"/>.</summary>
/// <remarks>
/// Cell (row r, column c) is centred on (c, rows − 1 − r), ScottPlot's default placement (one unit per cell, the
/// first row at the top); cells are separated by white lines and annotated with their value (dark text on the light
/// end of viridis, white on the dark end), the annotation shrunk to fit and left out below 6 px. Cells without a plottable value are grey and annotated "–".
/// Long column labels are turned upright. The colour bar, right of the plot, spans the colour limits: the given
/// Min/Max, else the data's; constant data is widened to the nice range around its value, so it gets the middle colour.
/// </remarks>
internal static class HeatmapPlot
{
    /// <summary>The fill of cells without a plottable value.</summary>
    public static readonly Color MissingCell = new(0xDD, 0xDD, 0xDD);

    /// <summary>The plot of <paramref name="chart"/> for a <paramref name="width"/> × <paramref name="height"/> image.</summary>
    public static Plot Build(HeatmapChart chart, int width, int height)
    {
        Validate(chart);
        var scale = ChartStyle.Scale(width, height);
        var plot = ChartStyle.Create(chart.Title, chart.XLabel, chart.YLabel, width, height);
        plot.HideGrid();
        var rows = chart.Values.GetLength(0);
        var columns = chart.Values.GetLength(1);
        var (any, range) = ColourRange(chart);
        plot.Axes.SetLimits(-0.5, Math.Max(columns, 1) - 0.5, -0.5, Math.Max(rows, 1) - 0.5);
        AddLabels(plot, chart, width, height, scale);
        if (!any)
        {
            ChartStyle.AddNoDataNote(plot, scale);
            if (rows > 0 && columns > 0)
            {
                var missing = plot.Add.Rectangle(-0.5, columns - 0.5, -0.5, rows - 0.5);
                missing.FillColor = MissingCell;
                missing.LineWidth = 0;
            }

            return plot;
        }

        // Values outside the colour limits take the end colours; values that cannot be plotted are NaN (grey).
        var values = new double[rows, columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var v = chart.Values[r, c];
                values[r, c] = ChartStyle.IsPlottable(v) ? Math.Clamp(v, range.Min, range.Max) : double.NaN;
            }
        }

        var heatmap = plot.Add.Heatmap(values);
        heatmap.ManualRange = range;
        heatmap.Colormap = new ViridisScale();
        heatmap.NaNCellColor = MissingCell;
        heatmap.Smooth = false;
        var bar = plot.Add.ColorBar(heatmap);
        bar.Width = 18 * scale;
        bar.Axis.TickLabelStyle.FontSize = 12 * scale;
        // Separators at least two pixels wide, so one whole pixel column of white shows wherever they fall.
        var separator = Math.Max(2, 2 * scale);
        for (var c = 1; c < columns; c++)
        {
            plot.Add.VerticalLine(c - 0.5, separator, Colors.White);
        }

        for (var r = 1; r < rows; r++)
        {
            plot.Add.HorizontalLine(r - 0.5, separator, Colors.White);
        }

        AddAnnotations(plot, chart, values, range, width, height, scale);
        return plot;
    }

    /// <summary>Row labels left of the rows, column labels under the columns (upright when too long to fit level).</summary>
    private static void AddLabels(Plot plot, HeatmapChart chart, int width, int height, float scale)
    {
        var rows = chart.RowLabels.Count;
        var columns = chart.ColumnLabels.Count;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, columns).Select(c => (double)c)], [.. chart.ColumnLabels]);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, rows).Select(r => (double)(rows - 1 - r))], [.. chart.RowLabels]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        var labelSize = 12 * scale;
        var longest = columns == 0 ? 0 : chart.ColumnLabels.Max(l => (l ?? string.Empty).Length) * labelSize * 0.6f;
        if (columns > 0 && longest > 0.95f * CellWidth(width, columns))
        {
            // Upright labels, read bottom to top, ending just under their column.
            plot.Axes.Bottom.TickLabelStyle.Rotation = -90;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            plot.Axes.Bottom.MinimumSize = Math.Min(longest, 0.3f * height) + (string.IsNullOrEmpty(chart.XLabel) ? 10 * scale : 35 * scale);
        }
    }

    /// <summary>Whether the column labels of <paramref name="plot"/> are turned upright.</summary>
    public static bool ColumnLabelsUpright(Plot plot) => plot.Axes.Bottom.TickLabelStyle.Rotation != 0;

    /// <summary>An estimate of a cell's width before layout: the plot takes about 70 % of the image width.</summary>
    private static float CellWidth(int width, int columns) => 0.7f * width / columns;

    private static void Validate(HeatmapChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(chart.Values, nameof(chart.Values));
        ArgumentNullException.ThrowIfNull(chart.RowLabels, nameof(chart.RowLabels));
        ArgumentNullException.ThrowIfNull(chart.ColumnLabels, nameof(chart.ColumnLabels));
        if (chart.RowLabels.Count != chart.Values.GetLength(0) || chart.ColumnLabels.Count != chart.Values.GetLength(1))
        {
            throw new ArgumentException(
                $"The heat map has {chart.RowLabels.Count} row and {chart.ColumnLabels.Count} column labels for "
                + $"{chart.Values.GetLength(0)} × {chart.Values.GetLength(1)} values.",
                nameof(chart));
        }

        try
        {
            _ = 0.5.ToString(chart.CellFormat, CultureInfo.InvariantCulture);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"CellFormat '{chart.CellFormat}' is not a valid numeric format.", nameof(chart), e);
        }

        foreach (var (limit, name) in new[] { (chart.Min, nameof(chart.Min)), (chart.Max, nameof(chart.Max)) })
        {
            if (limit is { } v && !ChartStyle.IsPlottable(v))
            {
                throw new ArgumentOutOfRangeException(name, v, $"{name} must be finite and within ±{ChartStyle.PlotLimit}.");
            }
        }

        if (chart.Min is { } lo && chart.Max is { } hi && !(lo < hi))
        {
            throw new ArgumentException($"Min ({lo}) must be less than Max ({hi}).", nameof(chart));
        }
    }

    /// <summary>
    /// The colour limits: the given Min/Max, else the data's; equal limits (constant data) are widened to the nice
    /// range around the value, so it gets the middle colour.
    /// </summary>
    internal static (bool Any, ScottPlot.Range Range) ColourRange(HeatmapChart chart)
    {
        double dataMin = double.PositiveInfinity, dataMax = double.NegativeInfinity;
        foreach (var v in chart.Values)
        {
            if (ChartStyle.IsPlottable(v))
            {
                dataMin = Math.Min(dataMin, v);
                dataMax = Math.Max(dataMax, v);
            }
        }

        var any = dataMin <= dataMax;
        double lo = chart.Min ?? (any ? dataMin : chart.Max - 1 ?? 0);
        double hi = chart.Max ?? (any ? dataMax : chart.Min + 1 ?? 1);
        if (lo > hi)
        {
            (lo, hi) = chart.Min.HasValue ? (lo, lo) : (hi, hi);
        }

        if (lo == hi)
        {
            var widened = NiceTicks.Compute(lo, hi);
            return (any, new ScottPlot.Range(widened.Min, widened.Max));
        }

        return (any, new ScottPlot.Range(lo, hi));
    }

    private static void AddAnnotations(Plot plot, HeatmapChart chart, double[,] values, ScottPlot.Range range, int width, int height, float scale)
    {
        var rows = values.GetLength(0);
        var columns = values.GetLength(1);
        var cellWidth = CellWidth(width, columns);
        var cellHeight = 0.7f * height / rows;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var value = values[r, c];
                string text;
                Color ink;
                if (double.IsNaN(value))
                {
                    (text, ink) = ("–", new Color(0x70, 0x70, 0x70));
                }
                else
                {
                    var (red, green, blue) = ViridisColormap.Rgb((value - range.Min) / (range.Max - range.Min));

                    // Dark text on the light (yellow-green) end of the map, white on the dark (purple-blue) end.
                    var luminance = ((0.2126 * red) + (0.7152 * green) + (0.0722 * blue)) / 255;
                    (text, ink) = (chart.Values[r, c].ToString(chart.CellFormat, CultureInfo.InvariantCulture), luminance > 0.45 ? Colors.Black : Colors.White);
                }

                var size = Math.Min(12 * scale * 1.1f, cellHeight * 0.45f);
                var estimated = text.Length * size * 0.6f;
                if (estimated > cellWidth * 0.9f)
                {
                    size *= cellWidth * 0.9f / estimated;
                }

                if (size < 6)
                {
                    continue;
                }

                var label = plot.Add.Text(text, c, rows - 1 - r);
                label.LabelFontSize = size;
                label.LabelFontColor = ink;
                label.LabelAlignment = Alignment.MiddleCenter;
            }
        }
    }
}
