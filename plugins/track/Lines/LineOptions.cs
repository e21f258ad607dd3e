using System.Text.Json.Serialization;
using Dislocate.Core.Skeletons;

namespace Dislocate.Track.Lines;

/// <summary>How instance masks become <see cref="DislocationLine"/>s and how their curvature is measured.</summary>
/// <remarks>
/// Defaults and why: <see cref="Points"/> 50 (the paper's section 5.4 resamples every dislocation to 50 points);
/// <see cref="Mask"/> = <see cref="MaskLineOptions.Default"/> (threshold 0.5 on the sigmoid probability, components
/// under 5 px removed, largest component kept, spline knots every 5 px; see <see cref="MaskLineOptions"/>);
/// <see cref="MinLength"/> 3 px (a line shorter than a thin dislocation's mask is wide is a blob, not a line: it has no
/// meaningful direction or curvature); <see cref="CurvatureSpan"/> 20 px (see <see cref="LineGeometry"/>: the
/// curvature circle is unbiased on circular arcs whatever the span, and the pixel staircase left in a skeleton-derived
/// centre line then gives pointwise errors up to about 0.003 px⁻¹, so radii up to about 300 px are told from straight;
/// a shorter span resolves sharper bends but is noisier: 10 px gives errors up to about 0.012 px⁻¹).
/// </remarks>
/// <param name="Points">K, the number of equally spaced points per line, ends included; ≥ 2.</param>
/// <param name="Mask">Threshold, speck size and spline knot spacing for turning one mask into a line.</param>
/// <param name="MinLength">Lines whose spline is shorter than this many pixels are dropped as specks; ≥ 0 and finite.</param>
/// <param name="CurvatureSpan">Arc length in pixels from a point to each of the two neighbours that fix its curvature circle (points i − w, i, i + w); &gt; 0 and finite.</param>
public sealed record LineOptions(int Points = LineOptions.DefaultPoints, MaskLineOptions? Mask = null, double MinLength = LineOptions.DefaultMinLength, double CurvatureSpan = LineOptions.DefaultCurvatureSpan)
{
    /// <summary>The paper's 50 points per line.</summary>
    public const int DefaultPoints = 50;

    /// <summary>Shortest line kept, in pixels.</summary>
    public const double DefaultMinLength = 3.0;

    /// <summary>Default arc length in pixels from a point to each neighbour of its curvature circle.</summary>
    public const double DefaultCurvatureSpan = 20.0;

    /// <summary>The default options.</summary>
    public static LineOptions Default { get; } = new();

    /// <summary>The mask options actually used (<see cref="MaskLineOptions.Default"/> when <see cref="Mask"/> is null).</summary>
    [JsonIgnore]
    public MaskLineOptions MaskOptions => this.Mask ?? MaskLineOptions.Default;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first member that is out of range.</summary>
    public void Validate()
    {
        if (this.Points < 2)
        {
            throw new ArgumentException(FormattableString.Invariant($"LineOptions.Points must be at least 2. Got {this.Points}."));
        }

        if (!(this.MinLength >= 0) || double.IsInfinity(this.MinLength))
        {
            throw new ArgumentException(FormattableString.Invariant($"LineOptions.MinLength must be non-negative and finite. Got {this.MinLength}."));
        }

        if (!(this.CurvatureSpan > 0) || double.IsInfinity(this.CurvatureSpan))
        {
            throw new ArgumentException(FormattableString.Invariant($"LineOptions.CurvatureSpan must be positive and finite. Got {this.CurvatureSpan}."));
        }

        try
        {
            this.MaskOptions.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"LineOptions.Mask: {e.Message}", e);
        }
    }
}
