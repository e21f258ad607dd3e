namespace Dislocate.Core.Plotting;

#pragma warning disable RS0030 // libm's Log10 and Pow on decades: exact powers of ten, and tick choices floor them, so a last-bit
// difference between platforms moves no tick; DeterministicMath has no Log10, and Log(x) / Log(10) is not exact at 1000.

/// <summary>Maps data values on one axis to pixel coordinates: <see cref="Min"/> to <see cref="From"/>, <see cref="Max"/> to <see cref="To"/>.</summary>
/// <param name="Min">The axis lower limit.</param>
/// <param name="Max">The axis upper limit (greater than Min; both positive when Log).</param>
/// <param name="Log">Whether the mapping is linear in log10 of the value.</param>
/// <param name="From">The pixel coordinate of Min (the plot's left or bottom edge).</param>
/// <param name="To">The pixel coordinate of Max (the plot's right or top edge).</param>
internal readonly record struct AxisMap(double Min, double Max, bool Log, float From, float To)
{
    /// <summary>
    /// The largest |value| that is plotted; larger ones are skipped like ∞. Kept well inside
    /// <see cref="NiceTicks.MaxMagnitude"/> so that widened and rounded axis limits stay valid.
    /// </summary>
    public const double PlotLimit = 1e290;

    /// <summary>Pixel positions are clamped to this far outside the image, which Skia draws and clips without trouble.</summary>
    private const double Far = 1e6;

    /// <summary>Whether <paramref name="value"/> is drawn: finite, within ±<see cref="PlotLimit"/>, and at least 1/PlotLimit on a log axis.</summary>
    public static bool IsPlottable(double value, bool log = false)
    {
        return log ? value >= 1 / PlotLimit && value <= PlotLimit : Math.Abs(value) <= PlotLimit;
    }

    /// <summary>The pixel coordinate of <paramref name="value"/> (finite, and positive on a log axis).</summary>
    public float ToPixel(double value)
    {
        var t = this.Log
            ? (Math.Log10(value) - Math.Log10(this.Min)) / (Math.Log10(this.Max) - Math.Log10(this.Min))
            : (value - this.Min) / (this.Max - this.Min);
        return (float)Math.Clamp(this.From + (t * (this.To - this.From)), -Far, Far);
    }
}
