using Dislocate.Core.Plotting;

namespace Dislocate.Core.Tests.Plotting;

public class BoxChartRenderTests
{
    private static (byte R, byte G, byte B) Rgb(ScottPlot.Color c) => (c.R, c.G, c.B);

    private static readonly (byte R, byte G, byte B) Median = SeriesPalette.Rgb(1);

    [Fact]
    public void BoxMedianWhiskersAndOutlierAtTheirValues()
    {
        var chart = new BoxChart("Metric by count", "dislocations", "metric",
        [
            ("1", [1, 2, 3, 4, 5, 6, 7, 8, 9]),
            ("2", [1, 2, 3, 4, 5, 6, 7, 8, 9, 30]),
        ]);
        var boxes = BoxChartPlot.Statistics(chart, out var lo, out var hi);
        Assert.Equal((3.0, 5.0, 7.0), (boxes[0].Q1, boxes[0].Median, boxes[0].Q3));
        Assert.Equal([30], boxes[1].Outliers);
        Assert.Equal((1.0, 30.0), (lo, hi));

        var drawn = DrawnChart.Of(chart);
        var image = drawn.Image;
        Assert.Equal((800, 500), (image.Width, image.Height));
        Assert.True(drawn.Limits.Bottom < 0 && drawn.Limits.Bottom > -1 && drawn.Limits.Top > 30 && drawn.Limits.Top < 31);

        var cx = drawn.X(0);
        var fill = Rgb(BoxChartPlot.BoxFill);

        // Inside the box between Q1 and the median: box fill; the median row: the median colour.
        Assert.True(image.IsNear(cx + 5, drawn.Y(4), fill, 2));
        Assert.True(image.IsNear(cx + 5, drawn.Y(6), fill, 2));
        var medianRow = drawn.Y(5);
        Assert.True(image.Count(cx + 3, medianRow - 2, cx + 8, medianRow + 3, Median, 10) >= 5);

        // Above Q3 and below Q1, beside the whisker: no box fill; on the whisker at 8: the outline colour.
        Assert.False(image.IsNear(cx + 10, drawn.Y(8), fill, 2));
        Assert.False(image.IsNear(cx + 10, drawn.Y(2), fill, 2));
        Assert.True(image.Count(cx - 2, drawn.Y(8), cx + 3, drawn.Y(8) + 1, SeriesPalette.Rgb(0), 60) >= 1);

        // The outlier of group 2 is a dot at 30, its whisker stops at 9.
        var cx2 = drawn.X(1);
        var y30 = drawn.Y(30);
        Assert.True(image.Count(cx2 - 2, y30 - 2, cx2 + 3, y30 + 3, SeriesPalette.Rgb(0), 40) >= 4);
        var y20 = drawn.Y(20);
        Assert.Equal(0, image.Count(cx2 - 3, y20 - 3, cx2 + 4, y20 + 4, SeriesPalette.Rgb(0), 60));
    }

    [Fact]
    public void GroupsShareThePlotWidthEqually()
    {
        var chart = new BoxChart("t", "x", "y", [("a", [1.0]), ("b", [2.0]), ("c", [3.0]), ("d", [4.0])]);
        var drawn = DrawnChart.Of(chart);
        Assert.Equal((-0.5, 3.5), (drawn.Limits.Left, drawn.Limits.Right));
        Assert.Equal(drawn.Left + (drawn.Width / 8.0), drawn.X(0), 1.0);
        Assert.Equal(drawn.Right - (drawn.Width / 8.0), drawn.X(3), 1.0);
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
        var drawn = DrawnChart.Of(chart);
        Assert.True(drawn.Limits.Bottom < drawn.Limits.Top, name);
        Assert.True(drawn.HasLeftFrame(), name);
        _ = new RenderedChart(ChartRenderer.RenderPng(chart, 64, 64));
    }

    [Fact]
    public void ConstantGroupCollapsesToItsMedianLine()
    {
        var chart = new BoxChart("t", "x", "y", [("a", [2, 2, 2])]);
        var drawn = DrawnChart.Of(chart);
        Assert.True(drawn.Limits.Bottom < 2 && drawn.Limits.Top > 2);
        var cx = drawn.X(0);
        var row = drawn.Y(2);
        Assert.True(drawn.Image.Count(cx + 3, row - 2, cx + 8, row + 3, Median, 10) >= 5);
    }

    [Fact]
    public void InvalidDescriptionsAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => ChartRenderer.RenderPng(new BoxChart("t", "x", "y", [("a", null!)])));
        Assert.Contains("Group 0 ('a') has no value array", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => ChartRenderer.RenderPng((BoxChart)null!));
    }
}
