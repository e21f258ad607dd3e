using SkiaSharp;

namespace Dislocate.Core.Plotting;

/// <summary>Where a <see cref="HeatmapChart"/> is drawn.</summary>
/// <param name="Plot">The cell area in pixels, [Left, Right) × [Top, Bottom); row 0 at the top.</param>
/// <param name="ColourBar">The colour bar, right of the cells, as tall as them.</param>
/// <param name="ColourTicks">The colour-scale limits (lowest and highest colour) and the colour-bar ticks.</param>
/// <param name="HasData">Whether any cell holds a plottable value.</param>
/// <param name="RotateColumnLabels">Whether the column labels are too wide for their cells and drawn reading upwards.</param>
internal sealed record HeatmapLayout(SKRectI Plot, SKRectI ColourBar, AxisTicks ColourTicks, bool HasData, bool RotateColumnLabels)
{
    /// <summary>The number of rows.</summary>
    public required int Rows { get; init; }

    /// <summary>The number of columns.</summary>
    public required int Columns { get; init; }

    /// <summary>The pixel rectangle of cell (<paramref name="row"/>, <paramref name="column"/>), edges on whole pixels.</summary>
    public SKRectI Cell(int row, int column)
    {
        return new SKRectI(
            this.Plot.Left + (int)Math.Round((double)column * this.Plot.Width / this.Columns),
            this.Plot.Top + (int)Math.Round((double)row * this.Plot.Height / this.Rows),
            this.Plot.Left + (int)Math.Round((double)(column + 1) * this.Plot.Width / this.Columns),
            this.Plot.Top + (int)Math.Round((double)(row + 1) * this.Plot.Height / this.Rows));
    }

    /// <summary>The position of <paramref name="value"/> on the colour scale, 0 (lowest colour) to 1, clamped.</summary>
    public double ColourPosition(double value)
    {
        return Math.Clamp((value - this.ColourTicks.Min) / (this.ColourTicks.Max - this.ColourTicks.Min), 0, 1);
    }
}
