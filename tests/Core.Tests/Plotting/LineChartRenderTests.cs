using Dislocate.Core.Plotting;
using SkiaSharp;

namespace Dislocate.Core.Tests.Plotting;

public class LineChartRenderTests
{
    private static readonly (byte R, byte G, byte B) Blue = SeriesPalette.Rgb(0);
    private static readonly (byte R, byte G, byte B) Vermillion = SeriesPalette.Rgb(1);

    private static LineChartLayout LayoutOf(LineChart chart, int width = 800, int height = 500)
    {
        using var text = new ChartText(width, height);
        return LineChartPainter.Layout(chart, text, width, height);
    }

    [Theory]
    [InlineData(800, 500)]
    [InlineData(333, 217)]
    public void DecodesToTheRequestedSize(int width, int height)
    {
        var chart = new LineChart("Loss", "epoch", "loss", [new ChartSeries("train", [1, 2, 3], [0.9, 0.5, 0.3])]);
        var image = new RenderedChart(ChartRenderer.RenderPng(chart, width, height));
        Assert.Equal((width, height), (image.Width, image.Height));
    }

    [Fact]
    public void HorizontalLineAtHalfFillsTheMiddleRowBandOnly()
    {
        var chart = new LineChart("Half", "x", "y", [new ChartSeries("half", [0, 1], [0.5, 0.5])]) { YMin = 0, YMax = 1 };
        var layout = LayoutOf(chart);
        var image = new RenderedChart(ChartRenderer.RenderPng(chart));
        var plot = layout.Plot;

        // The layout the test reads is the one drawn: a dark frame just outside the plot area.
        Assert.True(image.CountDark(plot.Left - 1, plot.Top, plot.Left, plot.Bottom) == plot.Height);
        Assert.True(image.CountDark(plot.Left, plot.Bottom, plot.Right, plot.Bottom + 1) == plot.Width);
        var row = layout.Y.ToPixel(0.5);
        Assert.Equal((plot.Top + plot.Bottom) / 2.0, row, 1.0);

        for (var x = plot.Left + 2; x < plot.Right - 2; x++)
        {
            var hits = 0;
            for (var y = plot.Top; y < plot.Bottom; y++)
            {
                var inBand = Math.Abs(y + 0.5 - row) <= 3;
                if (inBand)
                {
                    hits += image.IsNear(x, y, Blue) ? 1 : 0;
                }
                else
                {
                    Assert.Equal(RenderedChart.White, image[x, y]);
                }
            }

            Assert.True(hits >= 1, $"no series pixel in column {x} near row {row}");
        }
    }

    [Fact]
    public void DiagonalGoesThroughMappedPoints()
    {
        var chart = new LineChart(string.Empty, string.Empty, string.Empty, [new ChartSeries("d", [0, 10], [0, 10])]);
        var layout = LayoutOf(chart);
        var image = new RenderedChart(ChartRenderer.RenderPng(chart));
        Assert.Equal((0.0, 10.0, 0.0, 10.0), (layout.XTicks.Min, layout.XTicks.Max, layout.YTicks.Min, layout.YTicks.Max));
        foreach (var v in new[] { 2.5, 5.0, 7.5 })
        {
            var x = (int)layout.X.ToPixel(v);
            var y = (int)layout.Y.ToPixel(v);
            Assert.True(image.Count(x - 2, y - 2, x + 3, y + 3, Blue) >= 3, $"line misses ({v}, {v})");
        }

        // Top-left and bottom-right quarters of the plot stay white.
        var p = layout.Plot;
        var (x1, y1) = (p.Left + (p.Width / 3), p.Top + (p.Height / 3));
        Assert.Equal((x1 - p.Left) * (y1 - p.Top), image.Count(p.Left, p.Top, x1, y1, RenderedChart.White, 0));
        var (x2, y2) = (p.Right - (p.Width / 3), p.Bottom - (p.Height / 3));
        Assert.Equal((p.Right - x2) * (p.Bottom - y2), image.Count(x2, y2, p.Right, p.Bottom, RenderedChart.White, 0));
    }

    [Fact]
    public void NonFinitePointsLeaveAGap()
    {
        double[] x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        double[] y = [0, 1, 2, 3, 4, double.NaN, 6, 7, 8, 9, 10];
        var chart = new LineChart("Gap", "x", "y", [new ChartSeries("g", x, y)]);
        var layout = LayoutOf(chart);
        var image = new RenderedChart(ChartRenderer.RenderPng(chart));
        var p = layout.Plot;
        var from = (int)layout.X.ToPixel(4) + 4;
        var to = (int)layout.X.ToPixel(6) - 4;
        Assert.True(to - from > 20);
        Assert.Equal(0, image.Count(from, p.Top, to, p.Bottom, Blue, 120));
        var mid = (int)layout.X.ToPixel(2);
        Assert.True(image.Count(mid - 1, p.Top, mid + 2, p.Bottom, Blue) > 0);
    }

    [Fact]
    public void TwoSeriesGetPaletteColoursAndALegend()
    {
        var chart = new LineChart("Loss", "epoch", "loss",
        [
            new ChartSeries("train", [0, 1, 2], [1, 1, 1]),
            new ChartSeries("validation", [0, 1, 2], [2, 2, 2], SeriesStyle.LineAndMarkers),
        ])
        { YMin = 0, YMax = 3 };
        var layout = LayoutOf(chart);
        var image = new RenderedChart(ChartRenderer.RenderPng(chart));
        var p = layout.Plot;
        Assert.False(float.IsNaN(layout.LegendLeft));
        Assert.True(layout.LegendLeft > p.Right);
        Assert.True(image.Count(p.Left, p.Top, p.Right, p.Bottom, Blue) > p.Width / 2);
        Assert.True(image.Count(p.Left, p.Top, p.Right, p.Bottom, Vermillion) > p.Width / 2);

        // Legend samples right of the plot, in series order.
        var legend = (int)layout.LegendLeft;
        Assert.True(image.Count(legend, p.Top, image.Width, p.Top + 20, Blue) > 10);
        Assert.True(image.Count(legend, p.Top + 20, image.Width, p.Top + 40, Vermillion) > 10);

        var single = LayoutOf(chart with { Series = [chart.Series[0]] });
        Assert.True(float.IsNaN(single.LegendLeft));
    }

    [Fact]
    public void MarkersOnlyDrawDotsNotLines()
    {
        var chart = new LineChart("Scatter", "x", "y", [new ChartSeries("s", [0, 10], [0, 10], SeriesStyle.Markers)]);
        var layout = LayoutOf(chart);
        var image = new RenderedChart(ChartRenderer.RenderPng(chart));
        var x = (int)layout.X.ToPixel(5);
        var y = (int)layout.Y.ToPixel(5);
        Assert.Equal(0, image.Count(x - 3, y - 3, x + 4, y + 4, Blue, 120));
        var x0 = (int)layout.X.ToPixel(0);
        var y0 = (int)layout.Y.ToPixel(0);
        Assert.True(image.Count(x0, y0 - 3, x0 + 3, y0, Blue) >= 4);
    }

    [Fact]
    public void LogAxisSpacesDecadesEvenly()
    {
        var chart = new LineChart("Log", "x", "y", [new ChartSeries("l", [0, 1, 2], [1, 10, 100])]) { LogY = true };
        var layout = LayoutOf(chart);
        Assert.Equal([1, 10, 100], layout.YTicks.Values);
        Assert.Equal((layout.Plot.Top + layout.Plot.Bottom) / 2.0, layout.Y.ToPixel(10), 1.0);
        var image = new RenderedChart(ChartRenderer.RenderPng(chart));
        var x = (int)layout.X.ToPixel(1);
        var y = (int)layout.Y.ToPixel(10);
        Assert.True(image.Count(x - 1, y - 3, x + 2, y + 4, Blue) >= 2);
    }

    [Fact]
    public void FixedLimitsOverrideTheDataRange()
    {
        var chart = new LineChart("c", "x", "y", [new ChartSeries("s", [0, 1], [0.2, 0.3])]) { YMin = 0 };
        var layout = LayoutOf(chart);
        Assert.Equal(0, layout.YTicks.Min);
        Assert.Equal(0.3, layout.YTicks.Max, 1e-12);
        Assert.Equal(layout.Plot.Bottom, layout.Y.ToPixel(0));
        var log = LayoutOf(chart with { YMin = 0.01, YMax = 1, LogY = true });
        Assert.Equal([0.01, 0.1, 1], log.YTicks.Values);
    }

    [Fact]
    public void ConstantDataGetsARangeAroundIt()
    {
        var layout = LayoutOf(new LineChart("c", "x", "y", [new ChartSeries("s", [3, 3, 3], [7, 7, 7])]));
        Assert.True(layout.YTicks.Min < 7 && layout.YTicks.Max > 7);
        Assert.True(layout.XTicks.Min < 3 && layout.XTicks.Max > 3);
        Assert.Equal((layout.Plot.Top + layout.Plot.Bottom) / 2.0, layout.Y.ToPixel(7), 1.0);
    }

    public static TheoryData<string, LineChart> Degenerate => new()
    {
        { "no series", new LineChart("t", "x", "y", []) },
        { "empty series", new LineChart("t", "x", "y", [new ChartSeries("a", [], []), new ChartSeries("b", [], [])]) },
        { "all NaN", new LineChart("t", "x", "y", [new ChartSeries("a", [double.NaN, 1], [2, double.NaN])]) },
        { "infinities", new LineChart("t", "x", "y", [new ChartSeries("a", [1, 2], [double.PositiveInfinity, double.NegativeInfinity])]) },
        { "single point", new LineChart("t", "x", "y", [new ChartSeries("a", [1], [1])]) },
        { "huge values", new LineChart("t", "x", "y", [new ChartSeries("a", [0, 1, 2], [1e308, -1e308, 5])]) },
        { "log with non-positive", new LineChart("t", "x", "y", [new ChartSeries("a", [0, 1], [0, -1])]) { LogY = true } },
        { "log with only YMin", new LineChart("t", "x", "y", [new ChartSeries("a", [0, 1], [5, 50])]) { LogY = true, YMin = 100 } },
        { "log with only YMax", new LineChart("t", "x", "y", [new ChartSeries("a", [0, 1], [50, 500])]) { LogY = true, YMax = 10 } },
        { "YMax below data", new LineChart("t", "x", "y", [new ChartSeries("a", [0, 1], [5, 6])]) { YMax = 0 } },
        { "YMin only, no data", new LineChart("t", "x", "y", []) { YMin = 3 } },
        { "empty strings", new LineChart(string.Empty, string.Empty, string.Empty, [new ChartSeries(string.Empty, [0, 1], [0, 1])]) },
        { "many series", new LineChart("t", "x", "y", [.. Enumerable.Range(0, 12).Select(i => new ChartSeries($"series {i} with a long name", [0, 1], [i, i + 1]))]) },
    };

    [Theory]
    [MemberData(nameof(Degenerate))]
    public void DegenerateInputsStillRenderAxes(string name, LineChart chart)
    {
        var image = new RenderedChart(ChartRenderer.RenderPng(chart));
        var layout = LayoutOf(chart);
        Assert.True(layout.YTicks.Min < layout.YTicks.Max, name);
        Assert.True(layout.Plot.Width > 100 && layout.Plot.Height > 100, name);
        Assert.Equal(layout.Plot.Height, image.CountDark(layout.Plot.Left - 1, layout.Plot.Top, layout.Plot.Left, layout.Plot.Bottom));
        foreach (var small in new[] { (64, 64), (100, 70) })
        {
            var tiny = new RenderedChart(ChartRenderer.RenderPng(chart, small.Item1, small.Item2));
            Assert.Equal(small, (tiny.Width, tiny.Height));
        }
    }

    [Fact]
    public void NoDataNoteIsDrawnInThePlotWhenFontsExist()
    {
        var chart = new LineChart("t", "x", "y", [new ChartSeries("a", [double.NaN], [double.NaN])]);
        var layout = LayoutOf(chart);
        Assert.False(layout.HasData);
        var image = new RenderedChart(ChartRenderer.RenderPng(chart));
        var p = layout.Plot;
        var grey = image.Count(p.Left, p.Top, p.Right, p.Bottom, (128, 128, 128), 60);

        // Without fonts (SKTypeface.Default empty) text draws nothing, so the plot stays white.
        if (SKTypeface.Default.GlyphCount > 0)
        {
            Assert.True(grey > 20, $"only {grey} grey pixels for the note");
        }
        else
        {
            Assert.Equal(0, grey);
        }
    }

    [Fact]
    public void TitleAndTickLabelsAreDrawnWhenFontsExist()
    {
        var chart = new LineChart("A title", "x", "y", [new ChartSeries("s", [0, 1], [0, 1])]);
        var layout = LayoutOf(chart);
        var image = new RenderedChart(ChartRenderer.RenderPng(chart));
        var titleInk = image.CountDark(0, 0, image.Width, layout.Plot.Top - 2);
        var yLabelsInk = image.CountDark(0, layout.Plot.Top, layout.Plot.Left - 8, layout.Plot.Bottom);
        var fonts = SKTypeface.Default.GlyphCount > 0;
        Assert.Equal(fonts, titleInk > 30);
        Assert.Equal(fonts, yLabelsInk > 30);
    }

    [Fact]
    public void InvalidDescriptionsAreRejectedWithReasons()
    {
        var mismatched = new LineChart("t", "x", "y", [new ChartSeries("loss", [1, 2, 3], [1, 2])]);
        var e = Assert.Throws<ArgumentException>(() => ChartRenderer.RenderPng(mismatched));
        Assert.Contains("('loss') has 3 x values but 2 y values", e.Message, StringComparison.Ordinal);

        var ok = new LineChart("t", "x", "y", [new ChartSeries("s", [1, 2], [1, 2])]);
        Assert.Throws<ArgumentException>(() => ChartRenderer.RenderPng(ok with { YMin = 2, YMax = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChartRenderer.RenderPng(ok with { YMin = 0, LogY = true }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChartRenderer.RenderPng(ok with { YMax = double.NaN }));
        Assert.Throws<ArgumentException>(() => ChartRenderer.RenderPng(ok with { Series = [new ChartSeries("s", [1], [1], (SeriesStyle)7)] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChartRenderer.RenderPng(ok, 10, 500));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChartRenderer.RenderPng(ok, 800, 100000));
        Assert.Throws<ArgumentNullException>(() => ChartRenderer.RenderPng((LineChart)null!));
    }
}
