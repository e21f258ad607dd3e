using Dislocate.Core.Plotting;
using SkiaSharp;

namespace Dislocate.Core.Tests.Plotting;

public class HeatmapRenderTests
{
    private static HeatmapLayout LayoutOf(HeatmapChart chart, int width = 700, int height = 600)
    {
        using var text = new ChartText(width, height);
        return HeatmapPainter.Layout(chart, text, width, height);
    }

    /// <summary>A pixel near the top-left corner of a cell: clear of the separators and the centred annotation.</summary>
    private static (byte R, byte G, byte B) CellColour(RenderedChart image, HeatmapLayout layout, int row, int column)
    {
        var cell = layout.Cell(row, column);
        return image[cell.Left + 3, cell.Top + 3];
    }

    [Fact]
    public void CellColoursFollowViridisAndIncreaseWithValue()
    {
        var chart = new HeatmapChart("Cross evaluation", ["A", "B"], ["a", "b", "c"], new double[,] { { 0, 1, 2 }, { 3, 4, 5 } }, "test set", "trained on");
        var layout = LayoutOf(chart);
        var image = new RenderedChart(ChartRenderer.RenderPng(chart));
        Assert.Equal((700, 600), (image.Width, image.Height));
        Assert.Equal((0.0, 5.0), (layout.ColourTicks.Min, layout.ColourTicks.Max));

        var previous = -1.0;
        for (var v = 0; v < 6; v++)
        {
            var colour = CellColour(image, layout, v / 3, v % 3);
            Assert.Equal(ViridisColormap.Rgb(v / 5.0), colour);
            var luminance = ColourTests.Luminance(colour);
            Assert.True(luminance > previous, $"cell {v} is not lighter than cell {v - 1}");
            previous = luminance;
        }

        // The colour bar runs from the lowest colour at the bottom to the highest at the top.
        var bar = layout.ColourBar;
        var x = (bar.Left + bar.Right) / 2;
        Assert.True(image.IsNear(x, bar.Bottom - 1, ViridisColormap.Rgb(0), 4));
        Assert.True(image.IsNear(x, bar.Top, ViridisColormap.Rgb(1), 4));
        Assert.True(image.IsNear(x, (bar.Top + bar.Bottom) / 2, ViridisColormap.Rgb(0.5), 6));
    }

    [Fact]
    public void MinAndMaxClampTheColourScale()
    {
        var chart = new HeatmapChart("t", ["r"], ["a", "b", "c"], new double[,] { { -1, 0.5, 2 } }, "x", "y") { Min = 0, Max = 1 };
        var layout = LayoutOf(chart);
        var image = new RenderedChart(ChartRenderer.RenderPng(chart));
        Assert.Equal(ViridisColormap.Rgb(0), CellColour(image, layout, 0, 0));
        Assert.Equal(ViridisColormap.Rgb(0.5), CellColour(image, layout, 0, 1));
        Assert.Equal(ViridisColormap.Rgb(1), CellColour(image, layout, 0, 2));
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1], layout.ColourTicks.Values);
    }

    [Fact]
    public void ConstantValuesGetTheMiddleColourAndNaNCellsAreGrey()
    {
        var chart = new HeatmapChart("t", ["r", "s"], ["a", "b"], new double[,] { { 0.8, 0.8 }, { double.NaN, 0.8 } }, "x", "y");
        var layout = LayoutOf(chart);
        var image = new RenderedChart(ChartRenderer.RenderPng(chart));
        Assert.True(layout.HasData);
        Assert.True(image.IsNear(layout.Cell(0, 0).Left + 3, layout.Cell(0, 0).Top + 3, ViridisColormap.Rgb(0.5), 3));
        Assert.Equal(((byte)0xDD, (byte)0xDD, (byte)0xDD), CellColour(image, layout, 1, 0));
    }

    [Fact]
    public void LongColumnLabelsAreTurnedUpright()
    {
        string[] columns = ["synthetic dislocations, low noise", "synthetic dislocations, high noise", "experimental TEM images", "mixed"];
        var chart = new HeatmapChart("t", ["a", "b", "c", "d"], columns, new double[4, 4], "x", "y");

        // Text has width only when a font is available.
        Assert.Equal(SKTypeface.Default.GlyphCount > 0, LayoutOf(chart).RotateColumnLabels);
        Assert.False(LayoutOf(chart with { ColumnLabels = ["a", "b", "c", "d"] }).RotateColumnLabels);
        _ = new RenderedChart(ChartRenderer.RenderPng(chart));
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
        var image = new RenderedChart(ChartRenderer.RenderPng(chart));
        var layout = LayoutOf(chart);
        Assert.True(layout.ColourTicks.Min < layout.ColourTicks.Max, name);
        Assert.Equal(layout.Plot.Height, image.CountDark(layout.Plot.Left - 1, layout.Plot.Top, layout.Plot.Left, layout.Plot.Bottom));
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
