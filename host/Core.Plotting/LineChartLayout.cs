using SkiaSharp;

namespace Dislocate.Core.Plotting;

/// <summary>Where a <see cref="LineChart"/> is drawn: plot area, axis ticks and value-to-pixel maps.</summary>
/// <param name="Plot">The plot area in pixels, [Left, Right) × [Top, Bottom); only data is drawn inside it (and up to a marker radius beyond, for points on the limits).</param>
/// <param name="XTicks">The x-axis range and ticks.</param>
/// <param name="YTicks">The y-axis range and ticks.</param>
/// <param name="X">Maps x values to pixel columns.</param>
/// <param name="Y">Maps y values to pixel rows.</param>
/// <param name="HasData">Whether any series has a plottable point.</param>
/// <param name="LegendLeft">The left edge of the legend, right of the plot; NaN when there is no legend.</param>
internal sealed record LineChartLayout(SKRectI Plot, AxisTicks XTicks, AxisTicks YTicks, AxisMap X, AxisMap Y, bool HasData, float LegendLeft);
