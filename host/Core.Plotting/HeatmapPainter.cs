using System.Globalization;
using SkiaSharp;

namespace Dislocate.Core.Plotting;

/// <summary>Lays out and draws a <see cref="HeatmapChart"/>.</summary>
internal static class HeatmapPainter
{
    /// <summary>The fill of cells without a plottable value.</summary>
    private static readonly SKColor MissingCell = new(0xDD, 0xDD, 0xDD);

    /// <summary>Validates <paramref name="chart"/> and computes where everything goes on a <paramref name="width"/> × <paramref name="height"/> image.</summary>
    public static HeatmapLayout Layout(HeatmapChart chart, ChartText text, int width, int height)
    {
        Validate(chart);
        var rows = chart.Values.GetLength(0);
        var columns = chart.Values.GetLength(1);
        var (any, colourTicks) = ColourScale(chart, Math.Clamp(height / 80, 2, 8));

        var pad = text.Pad;
        var tickLength = 5 * text.Scale;
        var size = text.TickSize;
        var top = pad + (string.IsNullOrEmpty(chart.Title) ? 0 : ChartText.LineHeight(text.TitleSize) + pad);
        var yLabel = string.IsNullOrEmpty(chart.YLabel) ? 0 : ChartText.LineHeight(text.LabelSize) + (pad / 2);
        var rowLabels = Math.Min(text.MaxWidth(chart.RowLabels, size), 0.3f * width);
        var left = pad + yLabel + rowLabels + (pad / 2);
        var barWidth = 18 * text.Scale;
        var colourLabels = any ? text.MaxWidth(colourTicks.Labels, size) : 0;
        var right = pad + (1.5f * pad) + barWidth + tickLength + (pad / 2) + colourLabels;

        var cellWidth = (width - left - right) / Math.Max(columns, 1);
        var columnLabels = Math.Min(text.MaxWidth(chart.ColumnLabels, size), 0.3f * height);
        var rotate = columns > 0 && columnLabels > 0.95f * cellWidth;
        var bottom = (pad / 2) + (rotate ? columnLabels : ChartText.LineHeight(size)) + pad
            + (string.IsNullOrEmpty(chart.XLabel) ? 0 : (pad / 2) + ChartText.LineHeight(text.LabelSize));

        var plot = ChartCanvas.PlotRect(left, top, width - right, height - bottom, width, height);
        var barLeft = (int)MathF.Round(plot.Right + (1.5f * pad));
        var bar = new SKRectI(barLeft, plot.Top, Math.Min(barLeft + (int)MathF.Round(barWidth), width - 1), plot.Bottom);
        return new HeatmapLayout(plot, bar, colourTicks, any, rotate) { Rows = rows, Columns = columns };
    }

    /// <summary>Draws <paramref name="chart"/> on <paramref name="canvas"/>.</summary>
    public static void Paint(HeatmapChart chart, ChartCanvas canvas)
    {
        var layout = Layout(chart, canvas.Text, canvas.Width, canvas.Height);
        var plot = layout.Plot;
        for (var r = 0; r < layout.Rows; r++)
        {
            for (var c = 0; c < layout.Columns; c++)
            {
                DrawCell(canvas, chart, layout, r, c);
            }
        }

        // White one-pixel separators between cells.
        var separator = canvas.Stroke(SKColors.White, 1, antialias: false);
        for (var c = 1; c < layout.Columns; c++)
        {
            var x = layout.Cell(0, c).Left + 0.5f;
            canvas.Canvas.DrawLine(x, plot.Top, x, plot.Bottom, separator);
        }

        for (var r = 1; r < layout.Rows; r++)
        {
            var y = layout.Cell(r, 0).Top + 0.5f;
            canvas.Canvas.DrawLine(plot.Left, y, plot.Right, y, separator);
        }

        if (!layout.HasData)
        {
            canvas.DrawNoData(plot);
        }

        canvas.DrawFrame(plot);
        var below = DrawLabels(canvas, chart, layout);
        canvas.DrawXLabel(chart.XLabel, plot, below);
        canvas.DrawYLabel(chart.YLabel, plot);
        canvas.DrawTitle(chart.Title, plot);
        if (layout.HasData)
        {
            DrawColourBar(canvas, layout);
        }
    }

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
            if (limit is { } v && !AxisMap.IsPlottable(v))
            {
                throw new ArgumentOutOfRangeException(name, v, $"{name} must be finite and within ±{AxisMap.PlotLimit}.");
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
    private static (bool Any, AxisTicks Ticks) ColourScale(HeatmapChart chart, int target)
    {
        double dataMin = double.PositiveInfinity, dataMax = double.NegativeInfinity;
        foreach (var v in chart.Values)
        {
            if (AxisMap.IsPlottable(v))
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
            var widened = NiceTicks.Compute(lo, hi, target);
            return (any, widened);
        }

        return (any, NiceTicks.Inside(lo, hi, target));
    }

    private static void DrawCell(ChartCanvas canvas, HeatmapChart chart, HeatmapLayout layout, int row, int column)
    {
        var cell = layout.Cell(row, column);
        var value = chart.Values[row, column];
        if (!AxisMap.IsPlottable(value))
        {
            canvas.Canvas.DrawRect(cell, canvas.Fill(MissingCell, antialias: false));
            if (layout.HasData)
            {
                DrawAnnotation(canvas, cell, "–", ChartCanvas.Muted);
            }

            return;
        }

        var (r, g, b) = ViridisColormap.Rgb(layout.ColourPosition(value));
        canvas.Canvas.DrawRect(cell, canvas.Fill(new SKColor(r, g, b), antialias: false));

        // Dark text on the light (yellow-green) end of the map, white on the dark (purple-blue) end.
        var luminance = ((0.2126 * r) + (0.7152 * g) + (0.0722 * b)) / 255;
        var ink = luminance > 0.45 ? ChartCanvas.Ink : SKColors.White;
        DrawAnnotation(canvas, cell, value.ToString(chart.CellFormat, CultureInfo.InvariantCulture), ink);
    }

    /// <summary>Centred text in <paramref name="cell"/>, shrunk to fit it; left out when it would be under 6 px tall.</summary>
    private static void DrawAnnotation(ChartCanvas canvas, SKRectI cell, string annotation, SKColor ink)
    {
        var text = canvas.Text;
        var size = Math.Min(text.TickSize * 1.1f, cell.Height * 0.45f);
        var width = text.Measure(annotation, size);
        if (width > cell.Width * 0.9f)
        {
            size *= cell.Width * 0.9f / width;
        }

        if (size < 6)
        {
            return;
        }

        var centreY = (cell.Top + cell.Bottom) / 2f;
        text.Draw(canvas.Canvas, annotation, (cell.Left + cell.Right) / 2f, centreY + ChartText.CentreToBaseline(size), size, ink, SKTextAlign.Center);
    }

    /// <summary>Row labels left of the rows and column labels below the columns; returns the y just below the column labels.</summary>
    private static float DrawLabels(ChartCanvas canvas, HeatmapChart chart, HeatmapLayout layout)
    {
        var text = canvas.Text;
        var size = text.TickSize;
        var plot = layout.Plot;
        var rowLabelRight = plot.Left - 1 - (text.Pad / 2);
        var rowLabelWidth = 0.3f * canvas.Width;
        for (var r = 0; r < layout.Rows; r++)
        {
            var cell = layout.Cell(r, 0);
            var label = text.Fit(chart.RowLabels[r], size, rowLabelWidth);
            text.Draw(canvas.Canvas, label, rowLabelRight, ((cell.Top + cell.Bottom) / 2f) + ChartText.CentreToBaseline(size), size, ChartCanvas.Ink, SKTextAlign.Right);
        }

        var top = plot.Bottom + 1 + (text.Pad / 2);
        var extent = 0f;
        for (var c = 0; c < layout.Columns; c++)
        {
            var cell = layout.Cell(0, c);
            var x = (cell.Left + cell.Right) / 2f;
            if (layout.RotateColumnLabels)
            {
                var label = text.Fit(chart.ColumnLabels[c], size, 0.3f * canvas.Height);
                text.DrawVertical(canvas.Canvas, label, x, top, size, ChartCanvas.Ink, SKTextAlign.Right);
                extent = Math.Max(extent, text.Measure(label, size));
            }
            else
            {
                text.Draw(canvas.Canvas, chart.ColumnLabels[c], x, top + (ChartText.LineHeight(size) / 2) + ChartText.CentreToBaseline(size), size, ChartCanvas.Ink, SKTextAlign.Center);
                extent = ChartText.LineHeight(size);
            }
        }

        return top + extent;
    }

    private static void DrawColourBar(ChartCanvas canvas, HeatmapLayout layout)
    {
        var bar = layout.ColourBar;
        var ticks = layout.ColourTicks;

        // One row of pixels per colour, lowest colour at the bottom.
        for (var y = bar.Top; y < bar.Bottom; y++)
        {
            var t = (bar.Bottom - 0.5 - y) / bar.Height;
            canvas.Canvas.DrawRect(new SKRectI(bar.Left, y, bar.Right, y + 1), canvas.Fill(ViridisColormap.Color(t), antialias: false));
        }

        canvas.DrawFrame(bar);
        var map = new AxisMap(ticks.Min, ticks.Max, false, bar.Bottom, bar.Top);
        var text = canvas.Text;
        var size = text.TickSize;
        var tickLeft = bar.Right + 1;
        for (var i = 0; i < ticks.Values.Length; i++)
        {
            var y = MathF.Round(map.ToPixel(ticks.Values[i])) + 0.5f;
            canvas.Canvas.DrawLine(tickLeft, y, tickLeft + canvas.TickLength, y, canvas.Stroke(ChartCanvas.Ink, 1, antialias: false));
            var labelLeft = tickLeft + canvas.TickLength + (text.Pad / 2);
            text.Draw(canvas.Canvas, ticks.Labels[i], labelLeft, y + ChartText.CentreToBaseline(size), size, ChartCanvas.Ink);
        }
    }
}
