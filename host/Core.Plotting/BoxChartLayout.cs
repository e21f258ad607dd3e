using SkiaSharp;

namespace Dislocate.Core.Plotting;

/// <summary>Where a <see cref="BoxChart"/> is drawn.</summary>
/// <param name="Plot">The plot area in pixels, [Left, Right) × [Top, Bottom); group i is centred in the i-th of equal slots.</param>
/// <param name="YTicks">The y-axis range and ticks.</param>
/// <param name="Y">Maps values to pixel rows.</param>
/// <param name="Boxes">The statistics of each group, in group order.</param>
internal sealed record BoxChartLayout(SKRectI Plot, AxisTicks YTicks, AxisMap Y, IReadOnlyList<BoxSummary> Boxes)
{
    /// <summary>Whether any group has a plottable value.</summary>
    public bool HasData => this.Boxes.Any(b => b.Count > 0);

    /// <summary>The width of one group's slot in pixels.</summary>
    public float SlotWidth => (float)this.Plot.Width / Math.Max(this.Boxes.Count, 1);

    /// <summary>The pixel column of group <paramref name="index"/>'s centre.</summary>
    public float CentreX(int index) => this.Plot.Left + ((index + 0.5f) * this.SlotWidth);
}
