using Dislocate.Core.Plotting;

namespace Dislocate.Core.Tests.Plotting;

public class HeatmapRenderTests
{
    /// <summary>A pixel near the top-left corner of a cell: clear of the separators and the centred annotation.</summary>
    private static (byte R, byte G, byte B) CellColour(DrawnChart drawn, int rows, int row, int column)
    {
        return drawn.Image[drawn.X(column - 0.5) + 4, drawn.Y(rows - 1 - row + 0.5) + 4];
    }

    [Fact]
    public void CellColoursFollowViridisAndIncreaseWithValue()
    {
        var chart = new HeatmapChart("Cross evaluation", ["A", "B"], ["a", "b", "c"], new double[,] { { 0, 1, 2 }, { 3, 4, 5 } }, "test set", "trained on");
        var drawn = DrawnChart.Of(chart);
        Assert.Equal((700, 600), (drawn.Image.Width, drawn.Image.Height));
        var (any, range) = HeatmapPlot.ColourRange(chart);
        Assert.True(any);
        Assert.Equal((0.0, 5.0), (range.Min, range.Max));

        var previous = -1.0;
        for (var v = 0; v < 6; v++)
        {
            var colour = CellColour(drawn, 2, v / 3, v % 3);
            Assert.True(RenderedChart.Distance(ViridisColormap.Rgb(v / 5.0), colour) <= 1, $"cell {v}: {colour}");
            var luminance = ColourTests.Luminance(colour);
            Assert.True(luminance > previous, $"cell {v} is not lighter than cell {v - 1}");
            previous = luminance;
        }

        // The colour bar, right of the cells, runs from the lowest colour at the bottom to the highest at the top.
        var image = drawn.Image;
        var barX = Enumerable.Range(drawn.Right + 2, image.Width - drawn.Right - 2)
            .First(x => image.IsNear(x, drawn.Top + 3, ViridisColormap.Rgb(1), 16));
        Assert.True(image.IsNear(barX + 3, drawn.Bottom - 3, ViridisColormap.Rgb(0), 16));
        Assert.True(image.IsNear(barX + 3, (drawn.Top + drawn.Bottom) / 2, ViridisColormap.Rgb(0.5), 16));
    }

    [Fact]
    public void MinAndMaxClampTheColourScale()
    {
        var chart = new HeatmapChart("t", ["r"], ["a", "b", "c"], new double[,] { { -1, 0.5, 2 } }, "x", "y") { Min = 0, Max = 1 };
        var drawn = DrawnChart.Of(chart);
        Assert.True(RenderedChart.Distance(ViridisColormap.Rgb(0), CellColour(drawn, 1, 0, 0)) <= 1);
        Assert.True(RenderedChart.Distance(ViridisColormap.Rgb(0.5), CellColour(drawn, 1, 0, 1)) <= 1);
        Assert.True(RenderedChart.Distance(ViridisColormap.Rgb(1), CellColour(drawn, 1, 0, 2)) <= 1);
    }

    [Fact]
    public void ConstantValuesGetTheMiddleColourAndNaNCellsAreGrey()
    {
        var chart = new HeatmapChart("t", ["r", "s"], ["a", "b"], new double[,] { { 0.8, 0.8 }, { double.NaN, 0.8 } }, "x", "y");
        var drawn = DrawnChart.Of(chart);
        Assert.True(HeatmapPlot.ColourRange(chart).Any);
        Assert.True(RenderedChart.Distance(ViridisColormap.Rgb(0.5), CellColour(drawn, 2, 0, 0)) <= 3);
        Assert.Equal(((byte)0xDD, (byte)0xDD, (byte)0xDD), CellColour(drawn, 2, 1, 0));
    }

    [Fact]
    public void FirstRowIsAtTheTopAndCellsAreSeparated()
    {
        var chart = new HeatmapChart("t", ["top", "bottom"], ["a", "b"], new double[,] { { 0, 0 }, { 1, 1 } }, "x", "y");
        var drawn = DrawnChart.Of(chart);
        Assert.True(RenderedChart.Distance(ViridisColormap.Rgb(0), drawn.Image[drawn.Left + 4, drawn.Top + 4]) <= 1);
        Assert.True(RenderedChart.Distance(ViridisColormap.Rgb(1), drawn.Image[drawn.Left + 4, drawn.Bottom - 4]) <= 1);

        // A white separator between the two columns, in both rows.
        var x = drawn.X(0.5);
        Assert.True(drawn.Image.Count(x - 1, drawn.Top + 4, x + 2, drawn.Top + 5, RenderedChart.White, 40) >= 1);
        Assert.True(drawn.Image.Count(x - 1, drawn.Bottom - 5, x + 2, drawn.Bottom - 4, RenderedChart.White, 40) >= 1);
    }

    [Fact]
    public void LongColumnLabelsAreTurnedUpright()
    {
        string[] columns = ["synthetic dislocations, low noise", "synthetic dislocations, high noise", "experimental TEM images", "mixed"];
        var chart = new HeatmapChart("t", ["a", "b", "c", "d"], columns, new double[4, 4], "x", "y");
        using (var plot = HeatmapPlot.Build(chart, 700, 600))
        {
            Assert.True(HeatmapPlot.ColumnLabelsUpright(plot));
        }

        using (var plot = HeatmapPlot.Build(chart with { ColumnLabels = ["a", "b", "c", "d"] }, 700, 600))
        {
            Assert.False(HeatmapPlot.ColumnLabelsUpright(plot));
        }

        // Upright labels take room below the cells, which are shorter for it.
        var upright = DrawnChart.Of(chart);
        var level = DrawnChart.Of(chart with { ColumnLabels = ["a", "b", "c", "d"] });
        Assert.True(upright.Bottom < level.Bottom - 50);
    }

    public static TheoryData<string, HeatmapChart> Degenerate => new()
    {
        { "empty", new HeatmapChart("t", [], [], new double[0, 0], "x", "y") },
        { "no columns", new HeatmapChart("t", ["a", "b"], [], new double[2, 0], "x", "y") },
        { "all NaN", new HeatmapChart("t", ["a"], ["b", "c"], new double[,] { { double.NaN, double.PositiveInfinity } }, "x", "y") },
        { "one cell", new HeatmapChart("t", ["a"], ["b"], new double[,] { { 0 } }, "x", "y") },
        { "Min above data", new HeatmapChart("t", ["a"], ["b", "c"], new double[,] { { 1, 2 } }, "x", "y") { Min = 5 } },
        { "many cells", new HeatmapChart("t", [.. Enumerable.Range(0, 40).Select(i => $"r{i}")], [.. Enumerable.Range(0, 40).Select(i => $"c{i}")], new double[40, 40], string.Empty, string.Empty) },
    };

    [Theory]
    [MemberData(nameof(Degenerate))]
    public void DegenerateInputsDoNotThrow(string name, HeatmapChart chart)
    {
        var drawn = DrawnChart.Of(chart);
        var (_, range) = HeatmapPlot.ColourRange(chart);
        Assert.True(range.Min < range.Max, name);
        Assert.True(drawn.HasLeftFrame(), name);
        _ = new RenderedChart(ChartRenderer.RenderPng(chart, 64, 64));
    }

    [Fact]
    public void InvalidDescriptionsAreRejected()
    {
        var values = new double[,] { { 1, 2 } };
        var e = Assert.Throws<ArgumentException>(() => ChartRenderer.RenderPng(new HeatmapChart("t", ["a", "b"], ["c", "d"], values, "x", "y")));
        Assert.Contains("2 row and 2 column labels for 1 × 2 values", e.Message, StringComparison.Ordinal);
        var ok = new HeatmapChart("t", ["a"], ["c", "d"], values, "x", "y");
        Assert.Throws<ArgumentException>(() => ChartRenderer.RenderPng(ok with { CellFormat = "D" }));
        Assert.Throws<ArgumentException>(() => ChartRenderer.RenderPng(ok with { Min = 1, Max = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChartRenderer.RenderPng(ok with { Max = double.PositiveInfinity }));
    }
}
