using System.Globalization;
using SkiaSharp;

namespace Dislocate.Core.Plotting;

/// <summary>Lays out and draws a <see cref="BoxChart"/>.</summary>
internal static class BoxChartPainter
{
    /// <summary>Validates <paramref name="chart"/>, computes each group's statistics and where everything goes.</summary>
    public static BoxChartLayout Layout(BoxChart chart, ChartText text, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(chart.Groups, nameof(chart.Groups));
        var boxes = new BoxSummary[chart.Groups.Count];
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (var g = 0; g < boxes.Length; g++)
        {
            var values = chart.Groups[g].Values
                ?? throw new ArgumentException($"Group {g} ('{chart.Groups[g].Label}') has no value array.", nameof(chart));
            var plottable = Array.FindAll(values, v => AxisMap.IsPlottable(v));
            boxes[g] = BoxStatistics.Compute(plottable);
            if (boxes[g].Count > 0)
            {
                // Whiskers and outliers together span exactly the data.
                lo = Math.Min(lo, boxes[g].Outliers.Length > 0 ? Math.Min(boxes[g].Outliers[0], boxes[g].WhiskerLow) : boxes[g].WhiskerLow);
                hi = Math.Max(hi, boxes[g].Outliers.Length > 0 ? Math.Max(boxes[g].Outliers[^1], boxes[g].WhiskerHigh) : boxes[g].WhiskerHigh);
            }
        }

        var target = Math.Clamp(height / 70, 2, 10);
        var yTicks = lo <= hi ? NiceTicks.Compute(lo, hi, target) : NiceTicks.Compute(0, 1, target);

        var pad = text.Pad;
        var tickLength = 5 * text.Scale;
        var top = pad + (string.IsNullOrEmpty(chart.Title) ? 0 : ChartText.LineHeight(text.TitleSize) + pad);
        var yLabel = string.IsNullOrEmpty(chart.YLabel) ? 0 : ChartText.LineHeight(text.LabelSize) + (pad / 2);
        var left = pad + yLabel + text.MaxWidth(yTicks.Labels, text.TickSize) + (pad / 2) + tickLength + 1;
        var bottom = 1 + tickLength + (pad / 2) + (2 * ChartText.LineHeight(text.TickSize)) + pad
            + (string.IsNullOrEmpty(chart.XLabel) ? 0 : (pad / 2) + ChartText.LineHeight(text.LabelSize));
        var plot = ChartCanvas.PlotRect(left, top, width - (2 * pad), height - bottom, width, height);
        var yMap = new AxisMap(yTicks.Min, yTicks.Max, false, plot.Bottom, plot.Top);
        return new BoxChartLayout(plot, yTicks, yMap, boxes);
    }

    /// <summary>Draws <paramref name="chart"/> on <paramref name="canvas"/>.</summary>
    public static void Paint(BoxChart chart, ChartCanvas canvas)
    {
        var layout = Layout(chart, canvas.Text, canvas.Width, canvas.Height);
        var plot = layout.Plot;
        canvas.Canvas.Save();

        // Clip a dot's radius outside the plot, so outliers and whiskers on the axis limits are not cut in half.
        var margin = DotRadius(canvas.Text) + 1;
        canvas.Canvas.ClipRect(new SKRect(plot.Left - margin, plot.Top - margin, plot.Right + margin, plot.Bottom + margin));
        for (var g = 0; g < layout.Boxes.Count; g++)
        {
            if (layout.Boxes[g].Count > 0)
            {
                DrawBox(canvas, layout, g);
            }
        }

        canvas.Canvas.Restore();
        if (!layout.HasData)
        {
            canvas.DrawNoData(plot);
        }

        canvas.DrawFrame(plot);
        var below = DrawGroupLabels(canvas, chart, layout);
        canvas.DrawYTicks(layout.YTicks, layout.Y, plot);
        canvas.DrawXLabel(chart.XLabel, plot, below);
        canvas.DrawYLabel(chart.YLabel, plot);
        canvas.DrawTitle(chart.Title, plot);
    }

    /// <summary>The box fill: the first series colour at a quarter strength on white.</summary>
    internal static SKColor BoxFill
    {
        get
        {
            var c = SeriesPalette.Color(0);
            return new SKColor(Tint(c.Red), Tint(c.Green), Tint(c.Blue));
            static byte Tint(byte channel) => (byte)(255 - ((255 - channel) / 4));
        }
    }

    /// <summary>The median line colour (the second series colour, vermillion).</summary>
    internal static SKColor MedianColour => SeriesPalette.Color(1);

    private static float DotRadius(ChartText text) => 2.5f * text.Scale;

    private static void DrawBox(ChartCanvas canvas, BoxChartLayout layout, int index)
    {
        var box = layout.Boxes[index];
        var scale = canvas.Text.Scale;
        var cx = layout.CentreX(index);
        var half = Math.Min(layout.SlotWidth * 0.25f, 40 * scale);
        var y = layout.Y;
        var outline = SeriesPalette.Color(0);
        var whisker = canvas.Stroke(ChartCanvas.Ink, 1.2f * scale);

        // Whiskers and caps.
        canvas.Canvas.DrawLine(cx, y.ToPixel(box.WhiskerLow), cx, y.ToPixel(box.Q1), whisker);
        canvas.Canvas.DrawLine(cx, y.ToPixel(box.Q3), cx, y.ToPixel(box.WhiskerHigh), whisker);
        foreach (var end in (ReadOnlySpan<double>)[box.WhiskerLow, box.WhiskerHigh])
        {
            canvas.Canvas.DrawLine(cx - (half / 2), y.ToPixel(end), cx + (half / 2), y.ToPixel(end), whisker);
        }

        var rect = new SKRect(cx - half, y.ToPixel(box.Q3), cx + half, y.ToPixel(box.Q1));
        canvas.Canvas.DrawRect(rect, canvas.Fill(BoxFill));
        canvas.Canvas.DrawRect(rect, canvas.Stroke(outline, 1.5f * scale));
        var median = y.ToPixel(box.Median);
        canvas.Canvas.DrawLine(cx - half, median, cx + half, median, canvas.Stroke(MedianColour, 2.5f * scale));
        foreach (var v in box.Outliers)
        {
            canvas.Canvas.DrawCircle(cx, y.ToPixel(v), DotRadius(canvas.Text), canvas.Fill(outline));
        }
    }

    /// <summary>Each group's label and "n = count" under its slot; returns the y just below them.</summary>
    private static float DrawGroupLabels(ChartCanvas canvas, BoxChart chart, BoxChartLayout layout)
    {
        var text = canvas.Text;
        var size = text.TickSize;
        var line = ChartText.LineHeight(size);
        var top = layout.Plot.Bottom + 1;
        var firstCentre = top + canvas.TickLength + (text.Pad / 2) + (line / 2);
        for (var g = 0; g < layout.Boxes.Count; g++)
        {
            var x = MathF.Round(layout.CentreX(g)) + 0.5f;
            canvas.Canvas.DrawLine(x, top, x, top + canvas.TickLength, canvas.Stroke(ChartCanvas.Ink, 1, antialias: false));
            var label = text.Fit(chart.Groups[g].Label ?? string.Empty, size, layout.SlotWidth * 0.95f);
            text.Draw(canvas.Canvas, label, x, firstCentre + ChartText.CentreToBaseline(size), size, ChartCanvas.Ink, SKTextAlign.Center);
            var count = "n = " + layout.Boxes[g].Count.ToString(CultureInfo.InvariantCulture);
            text.Draw(canvas.Canvas, text.Fit(count, size, layout.SlotWidth * 0.95f), x, firstCentre + line + ChartText.CentreToBaseline(size), size, ChartCanvas.Muted, SKTextAlign.Center);
        }

        return firstCentre + (1.5f * line);
    }
}
