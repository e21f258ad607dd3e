namespace Dislocate.Core.Plotting;

/// <summary><see cref="ViridisColormap"/> as a ScottPlot colour map, for heat maps and their colour bars.</summary>
internal sealed class ViridisScale : ScottPlot.IColormap
{
    /// <inheritdoc/>
    public string Name => "Viridis";

    /// <inheritdoc/>
    public ScottPlot.Color GetColor(double normalizedIntensity)
    {
        var (r, g, b) = ViridisColormap.Rgb(normalizedIntensity);
        return new ScottPlot.Color(r, g, b);
    }
}
