using Dislocate.Core.Plotting;

namespace Dislocate.Core.Tests.Plotting;

public class BoxChartRenderTests
{
    private static BoxChartLayout LayoutOf(BoxChart chart, int width = 800, int height = 500)
    {
        using var text = new ChartText(width, height);
        return BoxChartPainter.Layout(chart, text, width, height);
    }

    private static (byte R, byte G, byte B) Rgb(SkiaSharp.SKColor c) => (c.Red, c.Green, c.Blue);

    [Fact]
    public void BoxMedianWhiskersAndOutlierAtTheirValues()
    {
        var chart = new BoxChart("Metric by count", "dislocations", "metric",
        [
            ("1", [1, 2, 3, 4, 5, 6, 7, 8, 9]),
            ("2", [1, 2, 3, 4, 5, 6, 7, 8, 9, 30]),
        ]);
        var layout = LayoutOf(chart);
        var image = new RenderedChart(ChartRenderer.RenderPng(chart));
        Assert.Equal((800, 500), (image.Width, image.Height));
        Assert.Equal((3.0, 5.0, 7.0), (layout.Boxes[0].Q1, layout.Boxes[0].Median, layout.Boxes[0].Q3));
        Assert.Equal([30], layout.Boxes[1].Outliers);
        Assert.Equal((0.0, 30.0), (layout.YTicks.Min, layout.YTicks.Max));

        var cx = (int)layout.CentreX(0);
        var fill = Rgb(BoxChartPainter.BoxFill);
        var median = Rgb(BoxChartPainter.MedianColour);

        // Inside the box between Q1 and the median: box fill; the median row: the median colour.
        Assert.True(image.IsNear(cx + 5, (int)layout.Y.ToPixel(4), fill, 2));
        Assert.True(image.IsNear(cx + 5, (int)layout.Y.ToPixel(6), fill, 2));
        var medianRow = layout.Y.ToPixel(5);
        Assert.True(image.Count(cx + 3, (int)medianRow - 2, cx + 8, (int)medianRow + 3, median, 10) >= 5);

        // Above Q3 and below Q1, beside the whisker: white; on the whisker at 8: ink.
        Assert.Equal(RenderedChart.White, image[cx + 10, (int)layout.Y.ToPixel(8)]);
        Assert.Equal(RenderedChart.White, image[cx + 10, (int)layout.Y.ToPixel(2)]);
        Assert.True(image.CountDark(cx - 1, (int)layout.Y.ToPixel(8), cx + 2, (int)layout.Y.ToPixel(8) + 1) >= 1);

        // The outlier of group 2 is a dot at 30, its whisker stops at 9.
        var cx2 = (int)layout.CentreX(1);
        var y30 = (int)layout.Y.ToPixel(30);
        Assert.True(image.Count(cx2 - 2, y30 - 2, cx2 + 3, y30 + 3, SeriesPalette.Rgb(0), 40) >= 4);
        var y20 = (int)layout.Y.ToPixel(20);
        Assert.Equal(0, image.CountDark(cx2 - 3, y20 - 3, cx2 + 4, y20 + 4));
    }

    [Fact]
    public void GroupsShareThePlotWidthEqually()
    {
        var chart = new BoxChart("t", "x", "y", [("a", [1.0]), ("b", [2.0]), ("c", [3.0]), ("d", [4.0])]);
        var layout = LayoutOf(chart);
        Assert.Equal(layout.Plot.Width / 4.0, layout.SlotWidth, 1e-3);
        Assert.Equal(layout.Plot.Left + (layout.Plot.Width / 8.0), layout.CentreX(0), 1e-3);
        Assert.Equal(layout.Plot.Right - (layout.Plot.Width / 8.0), layout.CentreX(3), 1e-3);
    }

    public static TheoryData<string, BoxChart> Degenerate => new()
    {
        { "no groups", new BoxChart("t", "x", "y", []) },
        { "empty groups", new BoxChart("t", "x", "y", [("a", []), ("b", [double.NaN])]) },
        { "one value", new BoxChart("t", "x", "y", [("a", [0.5])]) },
        { "constant", new BoxChart("t", "x", "y", [("a", [2, 2, 2]), ("b", [])]) },
        { "huge", new BoxChart("t", "x", "y", [("a", [1e300, -1e300, 1])]) },
        { "many groups", new BoxChart("t", "x", "y", [.. Enumerable.Range(0, 60).Select(i => ($"group {i}", new double[] { i, i + 1, i + 2 }))]) },
    };

    [Theory]
    [MemberData(nameof(Degenerate))]
    public void DegenerateInputsDoNotThrow(string name, BoxChart chart)
    {
        var image = new RenderedChart(ChartRenderer.RenderPng(chart));
        var layout = LayoutOf(chart);
        Assert.True(layout.YTicks.Min < layout.YTicks.Max, name);
        Assert.Equal(layout.Plot.Height, image.CountDark(layout.Plot.Left - 1, layout.Plot.Top, layout.Plot.Left, layout.Plot.Bottom));
        _ = new RenderedChart(ChartRenderer.RenderPng(chart, 64, 64));
    }

    [Fact]
    public void ConstantGroupCollapsesToItsMedianLine()
    {
        var chart = new BoxChart("t", "x", "y", [("a", [2, 2, 2])]);
        var layout = LayoutOf(chart);
        Assert.True(layout.YTicks.Min < 2 && layout.YTicks.Max > 2);
        var image = new RenderedChart(ChartRenderer.RenderPng(chart));
        var cx = (int)layout.CentreX(0);
        var row = (int)layout.Y.ToPixel(2);
        Assert.True(image.Count(cx + 3, row - 2, cx + 8, row + 3, Rgb(BoxChartPainter.MedianColour), 10) >= 5);
    }
}
