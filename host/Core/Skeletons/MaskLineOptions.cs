namespace Dislocate.Core.Skeletons;

/// <summary>How a mask becomes a line (see <see cref="MaskLines"/>).</summary>
/// <remarks>
/// Defaults: Threshold 0.5 (the usual cut of a sigmoid probability), MinPixels 5 (drops isolated specks, far smaller
/// than any dislocation mask), KeepLargestComponent true (one mask is one dislocation, so stray fragments are noise) and
/// KnotSpacing 5 px (long enough to average out the one-pixel staircase of a skeleton, short enough to follow curved
/// dislocations: a knot chord of 5 px on a bend of radius 20 px deviates from the arc by 5²/(8·20) ≈ 0.16 px).
/// </remarks>
/// <param name="Threshold">Foreground = value ≥ Threshold (for bytes: value/255 ≥ Threshold); in (0, 1].</param>
/// <param name="MinPixels">Components with fewer pixels are removed before skeletonising; ≥ 0.</param>
/// <param name="KeepLargestComponent">When true only the largest component is kept (else all, and the path still comes from the largest skeleton component).</param>
/// <param name="KnotSpacing">Arc length in pixels between spline knots along the ordered skeleton (ends kept); &gt; 0.</param>
public sealed record MaskLineOptions(double Threshold = 0.5, int MinPixels = 5, bool KeepLargestComponent = true, double KnotSpacing = 5.0)
{
    /// <summary>The default options.</summary>
    public static MaskLineOptions Default { get; } = new();

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first option that is out of range.</summary>
    public void Validate()
    {
        if (!(this.Threshold > 0 && this.Threshold <= 1))
        {
            throw new ArgumentException(FormattableString.Invariant($"MaskLineOptions.Threshold must lie in (0, 1]. Got {this.Threshold}."));
        }

        if (this.MinPixels < 0)
        {
            throw new ArgumentException(FormattableString.Invariant($"MaskLineOptions.MinPixels must not be negative. Got {this.MinPixels}."));
        }

        if (!(this.KnotSpacing > 0) || double.IsInfinity(this.KnotSpacing))
        {
            throw new ArgumentException(FormattableString.Invariant($"MaskLineOptions.KnotSpacing must be positive and finite. Got {this.KnotSpacing}."));
        }
    }
}
