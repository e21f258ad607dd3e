using Dislocate.Core.IO;

namespace Dislocate.Core.Plotting;

/// <summary>Renders chart descriptions to PNG images (ScottPlot on SkiaSharp, headless) and writes them atomically.</summary>
/// <remarks>
/// Charts have a white background, a title, a framed plot area with nice 1-2-5 ticks (<see cref="NiceTicks"/>),
/// axis labels and, for line charts with several series, a legend right of the plot. ScottPlot lays them out and
/// draws them (<see cref="LineChartPlot"/>, <see cref="HeatmapPlot"/>, <see cref="BoxChartPlot"/>). Series use the colour-blind-safe
/// <see cref="SeriesPalette"/>; heat maps use <see cref="ViridisColormap"/>. Non-finite values (and any beyond
/// ±1e290) are skipped; charts without plottable data still draw their axes and a "no data" note; constant data gets
/// a range around its value. Invalid descriptions (mismatched array lengths, inverted limits, an unknown cell format)
/// raise <see cref="ArgumentException"/> naming the problem.
/// The same chart and size give byte-identical PNGs (no time or metadata chunks); text is drawn in
/// <c>SKTypeface.Default</c>, so glyph pixels can differ between machines with different fonts, and a machine
/// without fonts renders the charts without text.
/// </remarks>
public static class ChartRenderer
{
    /// <summary>The smallest accepted image side in pixels.</summary>
    public const int MinSize = 64;

    /// <summary>The largest accepted image side in pixels.</summary>
    public const int MaxSize = 8192;

    /// <summary>Renders <paramref name="chart"/> as a <paramref name="width"/> × <paramref name="height"/> RGB PNG.</summary>
    public static byte[] RenderPng(LineChart chart, int width = 800, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(chart);
        CheckSize(width, height);
        return Render(chart, width, height).Png;
    }

    /// <summary>Renders <paramref name="chart"/> as a <paramref name="width"/> × <paramref name="height"/> RGB PNG.</summary>
    public static byte[] RenderPng(HeatmapChart chart, int width = 700, int height = 600)
    {
        ArgumentNullException.ThrowIfNull(chart);
        CheckSize(width, height);
        return Render(chart, width, height).Png;
    }

    /// <summary>Renders <paramref name="chart"/> as a <paramref name="width"/> × <paramref name="height"/> RGB PNG.</summary>
    public static byte[] RenderPng(BoxChart chart, int width = 800, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(chart);
        CheckSize(width, height);
        return Render(chart, width, height).Png;
    }

    /// <summary>Renders <paramref name="chart"/> and returns the PNG with its data area and axis limits (for tests).</summary>
    internal static RenderedPlot Render(LineChart chart, int width = 800, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(chart);
        CheckSize(width, height);
        using var plot = LineChartPlot.Build(chart, width, height);
        return RenderedPlot.Render(plot, width, height);
    }

    /// <summary>Renders <paramref name="chart"/> and returns the PNG with its data area and axis limits (for tests).</summary>
    internal static RenderedPlot Render(HeatmapChart chart, int width = 700, int height = 600)
    {
        ArgumentNullException.ThrowIfNull(chart);
        CheckSize(width, height);
        using var plot = HeatmapPlot.Build(chart, width, height);
        return RenderedPlot.Render(plot, width, height);
    }

    /// <summary>Renders <paramref name="chart"/> and returns the PNG with its data area and axis limits (for tests).</summary>
    internal static RenderedPlot Render(BoxChart chart, int width = 800, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(chart);
        CheckSize(width, height);
        using var plot = BoxChartPlot.Build(chart, width, height);
        return RenderedPlot.Render(plot, width, height);
    }

    /// <summary>Writes <paramref name="png"/> to <paramref name="path"/> atomically (<see cref="AtomicFile"/>: temp file, then rename).</summary>
    public static void WritePng(string path, byte[] png)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(png);
        AtomicFile.WriteAllBytes(path, png);
    }

    private static void CheckSize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, MinSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, MaxSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, MinSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, MaxSize);
    }
}
