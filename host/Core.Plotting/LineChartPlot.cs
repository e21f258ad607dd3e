using System.Globalization;
using ScottPlot;

namespace Dislocate.Core.Plotting;

#pragma warning disable RS0030 // log10 of plotted values: a last-bit difference between platforms moves a point by far less than a pixel.

/// <summary>Builds the ScottPlot <see cref="Plot"/> of a <see cref="LineChart"/>.</summary>
/// <remarks>
/// Axis limits and ticks come from <see cref="NiceTicks"/> (limits on whole 1-2-5 steps, or whole decades on a log
/// axis); ScottPlot lays out, draws and labels. A log y axis plots log10 of the values with ticks labelled by value.
/// Runs of finite points become one scatter each, so a non-finite point breaks the line; a lone point of a plain line
/// shows as a dot. The legend, right of the plot, appears when there is more than one series.
/// </remarks>
internal static class LineChartPlot
{
    /// <summary>The plot of <paramref name="chart"/> for a <paramref name="width"/> × <paramref name="height"/> image.</summary>
    public static Plot Build(LineChart chart, int width, int height)
    {
        Validate(chart);
        var scale = ChartStyle.Scale(width, height);
        var plot = ChartStyle.Create(chart.Title, chart.XLabel, chart.YLabel, width, height);
        var extent = DataExtent(chart);
        var xTicks = extent.Any
            ? NiceTicks.Compute(extent.XMin, extent.XMax, TargetIntervals(width, 110))
            : NiceTicks.Compute(0, 1, TargetIntervals(width, 110));
        var yTicks = chart.LogY ? LogYTicks(chart, extent) : LinearYTicks(chart, extent, TargetIntervals(height, 70));
        for (var s = 0; s < chart.Series.Count; s++)
        {
            AddSeries(plot, chart.Series[s], ChartStyle.ToColor(SeriesPalette.Color(s)), chart.LogY, scale);
        }

        if (chart.Series.Count > 1)
        {
            AddLegend(plot, chart, scale);
        }

        if (!extent.Any)
        {
            ChartStyle.AddNoDataNote(plot, scale);
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(xTicks.Values, xTicks.Labels);
        plot.Axes.Left.TickGenerator = chart.LogY
            ? LogTickGenerator(yTicks)
            : new ScottPlot.TickGenerators.NumericManual(yTicks.Values, yTicks.Labels);
        plot.Axes.SetLimits(xTicks.Min, xTicks.Max, Axis(yTicks.Min, chart.LogY), Axis(yTicks.Max, chart.LogY));
        return plot;
    }

    /// <summary>The axis coordinate of value <paramref name="v"/>: log10 on a log axis.</summary>
    private static double Axis(double v, bool log) => log ? Math.Log10(v) : v;

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
        if (limit is { } v && !ChartStyle.IsPlottable(v, log))
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
                if (ChartStyle.IsPlottable(x) && ChartStyle.IsPlottable(y, chart.LogY))
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
        lo = Math.Max(lo, 1 / ChartStyle.PlotLimit);
        hi = Math.Min(hi, ChartStyle.PlotLimit);
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

    /// <summary>Major ticks at the given values (in log10), minor ticks at 2–9 × each decade when ticks are one decade apart.</summary>
    private static ScottPlot.TickGenerators.NumericManual LogTickGenerator(AxisTicks ticks)
    {
        var generator = new ScottPlot.TickGenerators.NumericManual();
        for (var i = 0; i < ticks.Values.Length; i++)
        {
            generator.AddMajor(Math.Log10(ticks.Values[i]), ticks.Labels[i]);
        }

        if (ticks.Step == 1)
        {
            var low = (int)Math.Floor(Math.Log10(ticks.Min));
            var high = (int)Math.Ceiling(Math.Log10(ticks.Max));
            for (var e = low; e < high; e++)
            {
                for (var m = 2; m <= 9; m++)
                {
                    var v = Math.Log10(m) + e;
                    if (v > Math.Log10(ticks.Min) && v < Math.Log10(ticks.Max))
                    {
                        generator.AddMinor(v);
                    }
                }
            }
        }

        return generator;
    }

    /// <summary>About one tick interval per <paramref name="pixelsPerInterval"/> pixels of image, 2 to 10.</summary>
    private static int TargetIntervals(int pixels, int pixelsPerInterval) => Math.Clamp(pixels / pixelsPerInterval, 2, 10);

    private static void AddSeries(Plot plot, ChartSeries series, Color color, bool log, float scale)
    {
        var lines = series.Style is SeriesStyle.Line or SeriesStyle.LineAndMarkers;
        var markers = series.Style is SeriesStyle.Markers or SeriesStyle.LineAndMarkers;
        var xs = new List<double>();
        var ys = new List<double>();
        for (var i = 0; i <= series.X.Length; i++)
        {
            if (i < series.X.Length && ChartStyle.IsPlottable(series.X[i]) && ChartStyle.IsPlottable(series.Y[i], log))
            {
                xs.Add(series.X[i]);
                ys.Add(Axis(series.Y[i], log));
                continue;
            }

            // A gap (or the end) closes the run; a run of one point would be invisible as a line, so it gets a dot.
            if (xs.Count > 0)
            {
                var run = plot.Add.Scatter(xs.ToArray(), ys.ToArray(), color);
                run.LineWidth = lines ? 2 * scale : 0;
                run.MarkerShape = MarkerShape.FilledCircle;
                run.MarkerSize = markers ? 7 * scale : xs.Count == 1 ? 4 * scale : 0;
                xs.Clear();
                ys.Clear();
            }
        }
    }

    private static void AddLegend(Plot plot, LineChart chart, float scale)
    {
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var style = chart.Series[s].Style;
            var color = ChartStyle.ToColor(SeriesPalette.Color(s));
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = chart.Series[s].Name ?? string.Empty,
                LineColor = color,
                LineWidth = style == SeriesStyle.Markers ? 0 : 2 * scale,
                MarkerShape = style == SeriesStyle.Line ? MarkerShape.None : MarkerShape.FilledCircle,
                MarkerFillColor = color,
                MarkerLineColor = color,
                MarkerSize = 7 * scale,
            });
        }

        plot.Legend.FontSize = 12 * scale;
        plot.ShowLegend(Edge.Right);
    }
}
