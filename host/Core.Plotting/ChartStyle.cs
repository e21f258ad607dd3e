using ScottPlot;
using SkiaSharp;

namespace Dislocate.Core.Plotting;

/// <summary>The look shared by every chart: a ScottPlot <see cref="Plot"/> with title, axis labels and font sizes scaled to the image.</summary>
/// <remarks>
/// Sizes are those of an 800 × 500 chart (title 17 px, axis labels 14 px, ticks 12 px) times
/// √(image area / 800·500), clamped to 0.6–4, so small and large images keep their proportions. Text is drawn in
/// DejaVu Sans where the machine has it, else in ScottPlot's default font; a machine without fonts renders the
/// charts without text.
/// </remarks>
internal static class ChartStyle
{
    /// <summary>
    /// The largest |value| that is plotted; larger ones are skipped like ∞. Kept well inside
    /// <see cref="NiceTicks.MaxMagnitude"/> so that widened and rounded axis limits stay valid.
    /// </summary>
    public const double PlotLimit = 1e290;

    /// <summary>The family used where the machine has it (Debian's and most distributions' default sans-serif font).</summary>
    private const string PreferredFont = "DejaVu Sans";

    /// <summary>The reference image area for scale 1 (an 800 × 500 chart).</summary>
    private const double ReferenceArea = 800.0 * 500.0;

    /// <summary>Whether the machine has <see cref="PreferredFont"/> (its typeface's family is that name, not a fallback).</summary>
    private static readonly Lazy<bool> HasPreferredFont = new(() =>
    {
        using var typeface = SKFontManager.Default.MatchFamily(PreferredFont);
        return typeface?.FamilyName == PreferredFont;
    });

    /// <summary>Whether <paramref name="value"/> is drawn: finite, within ±<see cref="PlotLimit"/>, and at least 1/PlotLimit on a log axis.</summary>
    public static bool IsPlottable(double value, bool log = false)
    {
        return log ? value >= 1 / PlotLimit && value <= PlotLimit : Math.Abs(value) <= PlotLimit;
    }

    /// <summary>The size factor of a <paramref name="width"/> × <paramref name="height"/> chart relative to 800 × 500.</summary>
    public static float Scale(int width, int height)
    {
        return (float)Math.Clamp(Math.Sqrt(width * (double)height / ReferenceArea), 0.6, 4.0);
    }

    /// <summary>A white plot with the title, axis labels and the fonts, tick marks and frame sized for the image.</summary>
    public static Plot Create(string title, string xLabel, string yLabel, int width, int height)
    {
        var scale = Scale(width, height);
        var plot = new Plot();
        if (HasPreferredFont.Value)
        {
            plot.Font.Set(PreferredFont);
        }

        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Title(title ?? string.Empty, 17 * scale);
        plot.XLabel(xLabel ?? string.Empty, 14 * scale);
        plot.YLabel(yLabel ?? string.Empty, 14 * scale);
        plot.Axes.Title.Label.Bold = false;
        plot.Axes.Bottom.Label.Bold = false;
        plot.Axes.Left.Label.Bold = false;
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.TickLabelStyle.FontSize = 12 * scale;
            axis.MajorTickStyle.Length = 5 * scale;
            axis.MinorTickStyle.Length = 2.5f * scale;
            axis.FrameLineStyle.Width = Math.Max(1, scale);
        }

        plot.Grid.MajorLineColor = new Color(0xE6, 0xE6, 0xE6);
        plot.Grid.MajorLineWidth = Math.Max(1, scale);
        return plot;
    }

    /// <summary>Writes "no data" in the middle of the data area, for a chart without plottable values.</summary>
    public static void AddNoDataNote(Plot plot, float scale)
    {
        var note = plot.Add.Annotation("no data", Alignment.MiddleCenter);
        note.LabelFontSize = 12 * scale;
        note.LabelBackgroundColor = Colors.Transparent;
        note.LabelBorderColor = Colors.Transparent;
        note.LabelShadowColor = Colors.Transparent;
    }

    /// <summary>ScottPlot's colour for an <see cref="SKColor"/>.</summary>
    public static Color ToColor(SKColor color)
    {
        return new Color(color.Red, color.Green, color.Blue, color.Alpha);
    }
}
