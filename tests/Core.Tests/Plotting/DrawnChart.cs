using Dislocate.Core.Plotting;

namespace Dislocate.Core.Tests.Plotting;

/// <summary>A chart rendered for a test: its decoded image and where ScottPlot put the data area, in whole pixels.</summary>
internal sealed class DrawnChart
{
    private readonly RenderedPlot plot;

    public DrawnChart(RenderedPlot plot)
    {
        this.plot = plot;
        this.Image = new RenderedChart(plot.Png);
        this.Left = (int)MathF.Round(plot.Data.Left);
        this.Right = (int)MathF.Round(plot.Data.Right);
        this.Top = (int)MathF.Round(plot.Data.Top);
        this.Bottom = (int)MathF.Round(plot.Data.Bottom);
    }

    public RenderedChart Image { get; }

    public int Left { get; }

    public int Right { get; }

    public int Top { get; }

    public int Bottom { get; }

    public int Width => this.Right - this.Left;

    public int Height => this.Bottom - this.Top;

    public ScottPlot.AxisLimits Limits => this.plot.Limits;

    public static DrawnChart Of(LineChart chart, int width = 800, int height = 500) => new(ChartRenderer.Render(chart, width, height));

    public static DrawnChart Of(BoxChart chart, int width = 800, int height = 500) => new(ChartRenderer.Render(chart, width, height));

    public static DrawnChart Of(HeatmapChart chart, int width = 700, int height = 600) => new(ChartRenderer.Render(chart, width, height));

    /// <summary>The image x of data coordinate <paramref name="x"/>, rounded down.</summary>
    public int X(double x) => (int)MathF.Floor(this.plot.X(x));

    /// <summary>The image y of data coordinate <paramref name="y"/> (log10 of the value on a log axis), rounded down.</summary>
    public int Y(double y) => (int)MathF.Floor(this.plot.Y(y));

    /// <summary>Whether every row of the data area has a dark frame pixel within a pixel of its left edge.</summary>
    public bool HasLeftFrame()
    {
        for (var y = this.Top + 1; y < this.Bottom - 1; y++)
        {
            if (this.Image.CountDark(this.Left - 1, y, this.Left + 1, y + 1) == 0)
            {
                return false;
            }
        }

        return true;
    }
}
