using System.Globalization;
using ScottPlot;

namespace Dislocate.Core.Plotting;

/// <summary>Builds the ScottPlot <see cref="Plot"/> of a <see cref="BoxChart"/>.</summary>
/// <remarks>
/// Group g's box is centred on x = g: quartile box in a light tint of the first series colour outlined in that colour,
/// the median in the second (vermillion), whiskers with caps, and outliers as dots. Each group's label and
/// "n = count" of finite values stand under its box. The y axis spans the data on nice 1-2-5 ticks
/// (<see cref="NiceTicks"/>).
/// </remarks>
internal static class BoxChartPlot
{
    /// <summary>Half a box's width in groups (a group's slot is 1 wide): boxes fill half their slot.</summary>
    private const double HalfWidth = 0.25;

    /// <summary>The plot of <paramref name="chart"/> for a <paramref name="width"/> × <paramref name="height"/> image.</summary>
    public static Plot Build(BoxChart chart, int width, int height)
    {
        var boxes = Statistics(chart, out var lo, out var hi);
        var scale = ChartStyle.Scale(width, height);
        var plot = ChartStyle.Create(chart.Title, chart.XLabel, chart.YLabel, width, height);
        var target = Math.Clamp(height / 70, 2, 10);
        var yTicks = lo <= hi ? NiceTicks.Compute(lo, hi, target) : NiceTicks.Compute(0, 1, target);
        var outline = ChartStyle.ToColor(SeriesPalette.Color(0));
        var median = ChartStyle.ToColor(SeriesPalette.Color(1));
        for (var g = 0; g < boxes.Length; g++)
        {
            var box = boxes[g];
            if (box.Count == 0)
            {
                continue;
            }

            // The plottable takes the next palette colour when added; the box's own colours are set after.
            var added = plot.Add.Box(new Box
            {
                Position = g,
                Width = 2 * HalfWidth,
                BoxMin = box.Q1,
                BoxMax = box.Q3,
                WhiskerMin = box.WhiskerLow,
                WhiskerMax = box.WhiskerHigh,
            });
            added.FillColor = BoxFill;
            added.LineColor = outline;
            added.LineWidth = 1.5f * scale;
            var line = plot.Add.Line(g - HalfWidth, box.Median, g + HalfWidth, box.Median);
            line.Color = median;
            line.LineWidth = 2.5f * scale;
            line.MarkerShape = MarkerShape.None;
            if (box.Outliers.Length > 0)
            {
                plot.Add.Markers(Enumerable.Repeat((double)g, box.Outliers.Length).ToArray(), box.Outliers, MarkerShape.FilledCircle, 5 * scale, outline);
            }
        }

        if (lo > hi)
        {
            ChartStyle.AddNoDataNote(plot, scale);
        }

        var labels = new string[boxes.Length];
        for (var g = 0; g < boxes.Length; g++)
        {
            labels[g] = (chart.Groups[g].Label ?? string.Empty) + "\nn = " + boxes[g].Count.ToString(CultureInfo.InvariantCulture);
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, boxes.Length).Select(g => (double)g)], labels);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(yTicks.Values, yTicks.Labels);
        // A margin of 3 % of the range keeps outliers and whiskers on the outer ticks whole.
        var margin = 0.03 * (yTicks.Max - yTicks.Min);
        plot.Axes.SetLimits(-0.5, Math.Max(boxes.Length, 1) - 0.5, yTicks.Min - margin, yTicks.Max + margin);
        plot.Grid.XAxisStyle.IsVisible = false;
        return plot;
    }

    /// <summary>The box fill: the first series colour at a quarter strength on white.</summary>
    internal static Color BoxFill
    {
        get
        {
            var c = SeriesPalette.Color(0);
            return new Color(Tint(c.Red), Tint(c.Green), Tint(c.Blue));
            static byte Tint(byte channel) => (byte)(255 - ((255 - channel) / 4));
        }
    }

    /// <summary>Each group's statistics over its plottable values, and the span of all of them (lo &gt; hi when there are none).</summary>
    internal static BoxSummary[] Statistics(BoxChart chart, out double lo, out double hi)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(chart.Groups, nameof(chart.Groups));
        var boxes = new BoxSummary[chart.Groups.Count];
        lo = double.PositiveInfinity;
        hi = double.NegativeInfinity;
        for (var g = 0; g < boxes.Length; g++)
        {
            var values = chart.Groups[g].Values
                ?? throw new ArgumentException($"Group {g} ('{chart.Groups[g].Label}') has no value array.", nameof(chart));
            boxes[g] = BoxStatistics.Compute(Array.FindAll(values, v => ChartStyle.IsPlottable(v)));
            if (boxes[g].Count > 0)
            {
                // Whiskers and outliers together span exactly the data.
                lo = Math.Min(lo, boxes[g].Outliers.Length > 0 ? Math.Min(boxes[g].Outliers[0], boxes[g].WhiskerLow) : boxes[g].WhiskerLow);
                hi = Math.Max(hi, boxes[g].Outliers.Length > 0 ? Math.Max(boxes[g].Outliers[^1], boxes[g].WhiskerHigh) : boxes[g].WhiskerHigh);
            }
        }

        return boxes;
    }
}
