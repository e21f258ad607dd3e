using Dislocate.Core.Plotting;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace Dislocate.Core.Tests.Plotting;

public class LineChartRenderTests
{
    private static readonly (byte R, byte G, byte B) Blue = SeriesPalette.Rgb(0);
    private static readonly (byte R, byte G, byte B) Vermillion = SeriesPalette.Rgb(1);

    private static bool Fonts => SKTypeface.Default.GlyphCount > 0;

    /// <summary>The major ticks of the y axis (positions in axis units: log10 on a log axis) and their labels.</summary>
    private static (double[] Positions, string[] Labels) YTicks(LineChart chart)
    {
        using var plot = LineChartPlot.Build(chart, 800, 500);
        plot.RenderInMemory(800, 500);
        var ticks = ((NumericManual)plot.Axes.Left.TickGenerator).Ticks.Where(t => t.IsMajor).ToArray();
        return ([.. ticks.Select(t => t.Position)], [.. ticks.Select(t => t.Label)]);
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
        var drawn = DrawnChart.Of(chart);
        var image = drawn.Image;

        // The data area the test reads is the one drawn: a dark frame along its left edge.
        Assert.True(drawn.HasLeftFrame());
        Assert.Equal((0.0, 1.0), (drawn.Limits.Bottom, drawn.Limits.Top));
        var row = drawn.Y(0.5);
        Assert.Equal((drawn.Top + drawn.Bottom) / 2.0, row, 1.5);
        for (var x = drawn.Left + 3; x < drawn.Right - 3; x++)
        {
            var hits = 0;
            for (var y = drawn.Top + 2; y < drawn.Bottom - 2; y++)
            {
                if (Math.Abs(y - row) <= 3)
                {
                    hits += image.IsNear(x, y, Blue) ? 1 : 0;
                }
                else
                {
                    Assert.False(image.IsNear(x, y, Blue, 60), $"series colour at ({x}, {y}), far from row {row}");
                }
            }

            Assert.True(hits >= 1, $"no series pixel in column {x} near row {row}");
        }
    }

    [Fact]
    public void DiagonalGoesThroughMappedPoints()
    {
        var chart = new LineChart(string.Empty, string.Empty, string.Empty, [new ChartSeries("d", [0, 10], [0, 10])]);
        var drawn = DrawnChart.Of(chart);
        var image = drawn.Image;
        Assert.Equal((0.0, 10.0, 0.0, 10.0), (drawn.Limits.Left, drawn.Limits.Right, drawn.Limits.Bottom, drawn.Limits.Top));
        foreach (var v in new[] { 2.5, 5.0, 7.5 })
        {
            var x = drawn.X(v);
            var y = drawn.Y(v);
            Assert.True(image.Count(x - 2, y - 2, x + 3, y + 3, Blue) >= 3, $"line misses ({v}, {v})");
        }

        // Top-left and bottom-right thirds of the data area hold no series colour.
        var (x1, y1) = (drawn.Left + (drawn.Width / 3), drawn.Top + (drawn.Height / 3));
        Assert.Equal(0, image.Count(drawn.Left, drawn.Top, x1, y1, Blue, 60));
        var (x2, y2) = (drawn.Right - (drawn.Width / 3), drawn.Bottom - (drawn.Height / 3));
        Assert.Equal(0, image.Count(x2, y2, drawn.Right, drawn.Bottom, Blue, 60));
    }

    [Fact]
    public void NonFinitePointsLeaveAGap()
    {
        double[] x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        double[] y = [0, 1, 2, 3, 4, double.NaN, 6, 7, 8, 9, 10];
        var chart = new LineChart("Gap", "x", "y", [new ChartSeries("g", x, y)]);
        var drawn = DrawnChart.Of(chart);
        var from = drawn.X(4) + 4;
        var to = drawn.X(6) - 4;
        Assert.True(to - from > 20);
        Assert.Equal(0, drawn.Image.Count(from, drawn.Top, to, drawn.Bottom, Blue, 120));
        var mid = drawn.X(2);
        Assert.True(drawn.Image.Count(mid - 1, drawn.Top, mid + 2, drawn.Bottom, Blue) > 0);
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
        var drawn = DrawnChart.Of(chart);
        var image = drawn.Image;
        Assert.True(image.Count(drawn.Left, drawn.Top, drawn.Right, drawn.Bottom, Blue) > drawn.Width / 2);
        Assert.True(image.Count(drawn.Left, drawn.Top, drawn.Right, drawn.Bottom, Vermillion) > drawn.Width / 2);

        // Legend samples right of the data area, blue above vermillion.
        var blue = image.Count(drawn.Right + 2, 0, image.Width, image.Height, Blue);
        var vermillion = image.Count(drawn.Right + 2, 0, image.Width, image.Height, Vermillion);
        Assert.True(blue > 10 && vermillion > 10, $"legend samples: {blue} blue, {vermillion} vermillion pixels");
        Assert.True(FirstRow(image, drawn.Right + 2, Blue) < FirstRow(image, drawn.Right + 2, Vermillion));

        // One series: no legend, so the data area reaches further right and nothing is drawn beside it.
        var single = DrawnChart.Of(chart with { Series = [chart.Series[0]] });
        Assert.True(single.Right > drawn.Right);
        Assert.Equal(0, single.Image.Count(single.Right + 2, 0, single.Image.Width, single.Image.Height, Blue));
    }

    [Fact]
    public void MarkersOnlyDrawDotsNotLines()
    {
        var chart = new LineChart("Scatter", "x", "y", [new ChartSeries("s", [0, 10], [0, 10], SeriesStyle.Markers)]);
        var drawn = DrawnChart.Of(chart);
        var x = drawn.X(5);
        var y = drawn.Y(5);
        Assert.Equal(0, drawn.Image.Count(x - 3, y - 3, x + 4, y + 4, Blue, 120));
        var x0 = drawn.X(0);
        var y0 = drawn.Y(0);
        Assert.True(drawn.Image.Count(x0, y0 - 3, x0 + 3, y0, Blue) >= 4);
    }

    [Fact]
    public void LogAxisSpacesDecadesEvenly()
    {
        var chart = new LineChart("Log", "x", "y", [new ChartSeries("l", [0, 1, 2], [1, 10, 100])]) { LogY = true };
        var (positions, labels) = YTicks(chart);
        Assert.Equal([0, 1, 2], positions);
        Assert.Equal(["1", "10", "100"], labels);
        var drawn = DrawnChart.Of(chart);
        Assert.Equal((drawn.Top + drawn.Bottom) / 2.0, drawn.Y(1), 1.5);
        var x = drawn.X(1);
        var y = drawn.Y(1);
        Assert.True(drawn.Image.Count(x - 1, y - 3, x + 2, y + 4, Blue) >= 2);
    }

    [Fact]
    public void FixedLimitsOverrideTheDataRange()
    {
        var chart = new LineChart("c", "x", "y", [new ChartSeries("s", [0, 1], [0.2, 0.3])]) { YMin = 0 };
        var drawn = DrawnChart.Of(chart);
        Assert.Equal(0, drawn.Limits.Bottom);
        Assert.Equal(0.3, drawn.Limits.Top, 1e-12);
        Assert.Equal(drawn.Bottom, drawn.Y(0), 1.0);
        var (_, labels) = YTicks(chart with { YMin = 0.01, YMax = 1, LogY = true });
        Assert.Equal(["0.01", "0.1", "1"], labels);
    }

    [Fact]
    public void ConstantDataGetsARangeAroundIt()
    {
        var drawn = DrawnChart.Of(new LineChart("c", "x", "y", [new ChartSeries("s", [3, 3, 3], [7, 7, 7])]));
        Assert.True(drawn.Limits.Bottom < 7 && drawn.Limits.Top > 7);
        Assert.True(drawn.Limits.Left < 3 && drawn.Limits.Right > 3);
        Assert.Equal((drawn.Top + drawn.Bottom) / 2.0, drawn.Y(7), 1.5);
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
        var drawn = DrawnChart.Of(chart);
        Assert.True(drawn.Limits.Bottom < drawn.Limits.Top, name);
        Assert.True(drawn.Width > 100 && drawn.Height > 100, $"{name}: data area {drawn.Width} × {drawn.Height}");
        Assert.True(drawn.HasLeftFrame(), name);
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
        var drawn = DrawnChart.Of(chart);
        var dark = drawn.Image.CountDark(drawn.Left + 2, drawn.Top + 2, drawn.Right - 2, drawn.Bottom - 2);

        // Without fonts text draws nothing, so the data area holds only its grid.
        Assert.Equal(Fonts, dark > 20);
    }

    [Fact]
    public void TitleAndTickLabelsAreDrawnWhenFontsExist()
    {
        var chart = new LineChart("A title", "x", "y", [new ChartSeries("s", [0, 1], [0, 1])]);
        var drawn = DrawnChart.Of(chart);
        var titleInk = drawn.Image.CountDark(0, 0, drawn.Image.Width, drawn.Top - 2);
        var yLabelsInk = drawn.Image.CountDark(0, drawn.Top, drawn.Left - 8, drawn.Bottom);
        Assert.Equal(Fonts, titleInk > 30);
        Assert.Equal(Fonts, yLabelsInk > 30);
    }

    [Fact]
    public void TheSameChartGivesTheSameBytes()
    {
        var chart = new LineChart("Loss", "epoch", "loss", [new ChartSeries("train", [1, 2, 3], [0.9, 0.5, 0.3]), new ChartSeries("test", [1, 2, 3], [1, 0.6, 0.4])]);
        Assert.Equal(ChartRenderer.RenderPng(chart), ChartRenderer.RenderPng(chart));
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

    /// <summary>The first row, from the top, holding <paramref name="colour"/> right of column <paramref name="from"/>.</summary>
    private static int FirstRow(RenderedChart image, int from, (byte R, byte G, byte B) colour)
    {
        for (var y = 0; y < image.Height; y++)
        {
            if (image.Count(from, y, image.Width, y + 1, colour) > 0)
            {
                return y;
            }
        }

        return int.MaxValue;
    }
}
