namespace Dislocate.Core.Plotting;

/// <summary>How a <see cref="ChartSeries"/> is drawn.</summary>
public enum SeriesStyle
{
    /// <summary>Straight segments between consecutive finite points; a non-finite point breaks the line; an isolated point shows as a dot.</summary>
    Line,

    /// <summary>A filled circle at every finite point, no connecting line (scatter plots).</summary>
    Markers,

    /// <summary>Both the line and a circle at every finite point.</summary>
    LineAndMarkers,
}
