using System.Globalization;
using SkiaSharp;

namespace Dislocate.Core.Plotting;

/// <summary>Lays out and draws a <see cref="LineChart"/>.</summary>
internal static class LineChartPainter
{
    /// <summary>Validates <paramref name="chart"/> and computes where everything goes on a <paramref name="width"/> × <paramref name="height"/> image.</summary>
    public static LineChartLayout Layout(LineChart chart, ChartText text, int width, int height)
    {
        Validate(chart);
        var extent = DataExtent(chart);
        var xTicks = extent.Any
            ? NiceTicks.Compute(extent.XMin, extent.XMax, TargetIntervals(width, 110))
            : NiceTicks.Compute(0, 1, TargetIntervals(width, 110));
        var yTicks = chart.LogY ? LogYTicks(chart, extent) : LinearYTicks(chart, extent, TargetIntervals(height, 70));

        var pad = text.Pad;
        var tickLength = 5 * text.Scale;
        var top = pad + (string.IsNullOrEmpty(chart.Title) ? 0 : ChartText.LineHeight(text.TitleSize) + pad);
        var yLabel = string.IsNullOrEmpty(chart.YLabel) ? 0 : ChartText.LineHeight(text.LabelSize) + (pad / 2);
        var left = pad + yLabel + text.MaxWidth(yTicks.Labels, text.TickSize) + (pad / 2) + tickLength + 1;
        var bottom = 1 + tickLength + (pad / 2) + ChartText.LineHeight(text.TickSize) + pad
            + (string.IsNullOrEmpty(chart.XLabel) ? 0 : (pad / 2) + ChartText.LineHeight(text.LabelSize));

        // The last x label is centred on the plot's right edge: keep its right half inside the image.
        var right = Math.Max(pad, (text.Measure(xTicks.Labels[^1], text.TickSize) / 2) + 2);
        var legendWidth = chart.Series.Count > 1 ? LegendWidth(chart, text, width) : 0;
        if (legendWidth > 0)
        {
            right += pad + legendWidth;
        }

        var plot = ChartCanvas.PlotRect(left, top, width - right, height - bottom, width, height);
        var xMap = new AxisMap(xTicks.Min, xTicks.Max, false, plot.Left, plot.Right);
        var yMap = new AxisMap(yTicks.Min, yTicks.Max, chart.LogY, plot.Bottom, plot.Top);
        var legendLeft = legendWidth > 0 ? width - pad - legendWidth : float.NaN;
        return new LineChartLayout(plot, xTicks, yTicks, xMap, yMap, extent.Any, legendLeft);
    }

    /// <summary>Draws <paramref name="chart"/> on <paramref name="canvas"/>.</summary>
    public static void Paint(LineChart chart, ChartCanvas canvas)
    {
        var layout = Layout(chart, canvas.Text, canvas.Width, canvas.Height);
        var plot = layout.Plot;
        canvas.Canvas.Save();

        // Clip a marker's radius outside the plot, so lines and markers on the axis limits are not cut in half.
        var margin = MarkerRadius(canvas.Text) + 1;
        canvas.Canvas.ClipRect(new SKRect(plot.Left - margin, plot.Top - margin, plot.Right + margin, plot.Bottom + margin));
        for (var s = 0; s < chart.Series.Count; s++)
        {
            DrawSeries(canvas, chart.Series[s], SeriesPalette.Color(s), layout, chart.LogY);
        }

        canvas.Canvas.Restore();
        if (!layout.HasData)
        {
            canvas.DrawNoData(plot);
        }

        canvas.DrawFrame(plot);
        var below = canvas.DrawXTicks(layout.XTicks, layout.X, plot);
        canvas.DrawYTicks(layout.YTicks, layout.Y, plot);
        canvas.DrawXLabel(chart.XLabel, plot, below);
        canvas.DrawYLabel(chart.YLabel, plot);
        canvas.DrawTitle(chart.Title, plot);
        if (!float.IsNaN(layout.LegendLeft))
        {
            DrawLegend(canvas, chart, layout);
        }
    }

    private static void Validate(LineChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(chart.Series, nameof(chart.Series));
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s] ?? throw new ArgumentException($"Series {s} is null.", nameof(chart));
            if (series.X is null || series.Y is null)
            {
                throw new ArgumentException($"Series {s} ('{series.Name}') has no X or no Y array.", nameof(chart));
            }

            if (!Enum.IsDefined(series.Style))
            {
                throw new ArgumentException($"Series {s} ('{series.Name}') has the unknown style {series.Style}.", nameof(chart));
            }

            if (series.X.Length != series.Y.Length)
            {
                throw new ArgumentException(
                    $"Series {s} ('{series.Name}') has {series.X.Length} x values but {series.Y.Length} y values.", nameof(chart));
            }
        }

        CheckLimit(chart.YMin, chart.LogY, nameof(chart.YMin));
        CheckLimit(chart.YMax, chart.LogY, nameof(chart.YMax));
        if (chart.YMin is { } lo && chart.YMax is { } hi && !(lo < hi))
        {
            throw new ArgumentException($"YMin ({lo}) must be less than YMax ({hi}).", nameof(chart));
        }
    }

    private static void CheckLimit(double? limit, bool log, string name)
    {
        if (limit is { } v && !AxisMap.IsPlottable(v, log))
        {
            throw new ArgumentOutOfRangeException(
                name, v, log ? $"{name} must be in [1e-290, 1e290] on a log axis." : $"{name} must be finite and within ±1e290.");
        }
    }

    private static (bool Any, double XMin, double XMax, double YMin, double YMax) DataExtent(LineChart chart)
    {
        double xMin = double.PositiveInfinity, xMax = double.NegativeInfinity;
        double yMin = double.PositiveInfinity, yMax = double.NegativeInfinity;
        var any = false;
        foreach (var series in chart.Series)
        {
            for (var i = 0; i < series.X.Length; i++)
            {
                double x = series.X[i], y = series.Y[i];
                if (AxisMap.IsPlottable(x) && AxisMap.IsPlottable(y, chart.LogY))
                {
                    any = true;
                    xMin = Math.Min(xMin, x);
                    xMax = Math.Max(xMax, x);
                    yMin = Math.Min(yMin, y);
                    yMax = Math.Max(yMax, y);
                }
            }
        }

        return (any, xMin, xMax, yMin, yMax);
    }

    /// <summary>The data range with the fixed limits applied; a fixed limit beyond all data collapses the range onto it.</summary>
    private static (double Lo, double Hi) YRange(LineChart chart, bool any, double dataMin, double dataMax, double emptyLo, double emptyHi)
    {
        double lo, hi;
        if (any)
        {
            lo = chart.YMin ?? dataMin;
            hi = chart.YMax ?? dataMax;
        }
        else
        {
            lo = chart.YMin ?? (chart.YMax is { } h ? h - (emptyHi - emptyLo) : emptyLo);
            hi = chart.YMax ?? (chart.YMin is { } l ? l + (emptyHi - emptyLo) : emptyHi);
        }

        if (lo > hi)
        {
            (lo, hi) = chart.YMin.HasValue ? (lo, lo) : (hi, hi);
        }

        return (lo, hi);
    }

    private static AxisTicks LinearYTicks(LineChart chart, (bool Any, double XMin, double XMax, double YMin, double YMax) extent, int target)
    {
        var (lo, hi) = YRange(chart, extent.Any, extent.YMin, extent.YMax, 0, 1);
        var auto = NiceTicks.Compute(lo, hi, target);
        if (chart.YMin is null && chart.YMax is null)
        {
            return auto;
        }

        return NiceTicks.Inside(chart.YMin ?? auto.Min, chart.YMax ?? auto.Max, target);
    }

    private static AxisTicks LogYTicks(LineChart chart, (bool Any, double XMin, double XMax, double YMin, double YMax) extent)
    {
        var (lo, hi) = extent.Any || (chart.YMin is null && chart.YMax is null)
            ? YRange(chart, extent.Any, extent.YMin, extent.YMax, 1, 10)
            : (chart.YMin ?? chart.YMax!.Value / 10, chart.YMax ?? chart.YMin!.Value * 10);
        lo = Math.Max(lo, 1 / AxisMap.PlotLimit);
        hi = Math.Min(hi, AxisMap.PlotLimit);
        var auto = NiceTicks.ComputeLog(lo, hi);
        if (chart.YMin is null && chart.YMax is null)
        {
            return auto;
        }

        var max = chart.YMax ?? auto.Max;
        var min = chart.YMin ?? (auto.Min < max ? auto.Min : max / 10);
        var values = new List<double>();
        var labels = new List<string>();
        for (var i = 0; i < auto.Values.Length; i++)
        {
            if (auto.Values[i] >= min * (1 - 1e-9) && auto.Values[i] <= max * (1 + 1e-9))
            {
                values.Add(auto.Values[i]);
                labels.Add(auto.Labels[i]);
            }
        }

        if (values.Count < 2)
        {
            // Fixed limits inside one decade: label the limits themselves.
            values = [min, max];
            labels = [min.ToString("G3", CultureInfo.InvariantCulture), max.ToString("G3", CultureInfo.InvariantCulture)];
        }

        return new AxisTicks(min, max, auto.Step, [.. values], [.. labels]);
    }

    /// <summary>About one tick interval per <paramref name="pixelsPerInterval"/> pixels of image, 2 to 10.</summary>
    private static int TargetIntervals(int pixels, int pixelsPerInterval) => Math.Clamp(pixels / pixelsPerInterval, 2, 10);

    private static float LegendWidth(LineChart chart, ChartText text, int width)
    {
        var names = text.MaxWidth(chart.Series.Select(s => s.Name ?? string.Empty), text.TickSize);
        // One pixel of slack so that the widest name still fits when it is drawn.
        return LegendSample(text) + (text.Pad / 2) + Math.Min(names + 1, 0.3f * width);
    }

    private static float LegendSample(ChartText text) => 24 * text.Scale;

    private static float MarkerRadius(ChartText text) => 3.5f * text.Scale;

    private static void DrawSeries(ChartCanvas canvas, ChartSeries series, SKColor color, LineChartLayout layout, bool log)
    {
        var scale = canvas.Text.Scale;
        var lineWidth = 2 * scale;
        var markerRadius = MarkerRadius(canvas.Text);
        var lines = series.Style is SeriesStyle.Line or SeriesStyle.LineAndMarkers;
        var markers = series.Style is SeriesStyle.Markers or SeriesStyle.LineAndMarkers;
        using var path = new SKPath();
        var points = new List<SKPoint>();
        var isolated = new List<SKPoint>();
        var run = 0;
        for (var i = 0; i <= series.X.Length; i++)
        {
            if (i == series.X.Length || !AxisMap.IsPlottable(series.X[i]) || !AxisMap.IsPlottable(series.Y[i], log))
            {
                // A gap (or the end) closes the run; a run of one point would be invisible as a line.
                if (run == 1)
                {
                    isolated.Add(points[^1]);
                }

                run = 0;
                continue;
            }

            var p = new SKPoint(layout.X.ToPixel(series.X[i]), layout.Y.ToPixel(series.Y[i]));
            if (run++ == 0)
            {
                path.MoveTo(p);
            }
            else
            {
                path.LineTo(p);
            }

            points.Add(p);
        }

        if (lines)
        {
            canvas.Canvas.DrawPath(path, canvas.Stroke(color, lineWidth));
        }

        // Markers on top of the line; an isolated point of a plain line still shows as a dot.
        foreach (var p in markers ? points : isolated)
        {
            canvas.Canvas.DrawCircle(p, markers ? markerRadius : lineWidth, canvas.Fill(color));
        }
    }

    private static void DrawLegend(ChartCanvas canvas, LineChart chart, LineChartLayout layout)
    {
        var text = canvas.Text;
        var size = text.TickSize;
        var sample = LegendSample(text);
        var nameWidth = canvas.Width - text.Pad - layout.LegendLeft - sample - (text.Pad / 2);
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            var color = SeriesPalette.Color(s);
            var centreY = layout.Plot.Top + (ChartText.LineHeight(size) * (s + 0.5f));
            var x0 = layout.LegendLeft;
            if (series.Style != SeriesStyle.Markers)
            {
                canvas.Canvas.DrawLine(x0, centreY, x0 + sample, centreY, canvas.Stroke(color, 2 * text.Scale));
            }

            if (series.Style != SeriesStyle.Line)
            {
                canvas.Canvas.DrawCircle(x0 + (sample / 2), centreY, MarkerRadius(text), canvas.Fill(color));
            }

            var name = text.Fit(series.Name ?? string.Empty, size, nameWidth);
            text.Draw(canvas.Canvas, name, x0 + sample + (text.Pad / 2), centreY + ChartText.CentreToBaseline(size), size, ChartCanvas.Ink);
        }
    }
}
