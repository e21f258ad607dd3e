using Dislocate.Core.Skeletons;

namespace Dislocate.Segment.Evaluation;

/// <summary>Settings of the spline-length metric and of the matching it scores.</summary>
/// <param name="Matching">How truths are paired with predictions (the loss's own matching, greedy by default).</param>
/// <param name="Epsilon">Dice smoothing ε of the matching loss.</param>
/// <param name="Threshold">Binarisation threshold: a pixel is on the line's mask when its value is ≥ this (in (0, 1]).</param>
/// <param name="MinPixels">Clean-up: a binarised mask (or, with <paramref name="KeepLargestComponent"/>, its largest component) with fewer pixels has no line.</param>
/// <param name="KeepLargestComponent">Clean-up: keep only the largest 8-connected component before skeletonising, so specks and fragments beside the line do not count.</param>
/// <param name="KnotSpacing">Spacing in pixels between the spline knots taken along the ordered skeleton.</param>
public sealed record MetricOptions(
    MatchingMode Matching = MatchingMode.Greedy,
    double Epsilon = DiceLoss.DefaultEpsilon,
    double Threshold = MetricOptions.DefaultThreshold,
    int MinPixels = MetricOptions.DefaultMinPixels,
    bool KeepLargestComponent = true,
    double KnotSpacing = MetricOptions.DefaultKnotSpacing)
{
    /// <summary>The paper's binarisation threshold.</summary>
    public const double DefaultThreshold = 0.5;

    /// <summary>Default clean-up size in pixels.</summary>
    public const int DefaultMinPixels = 5;

    /// <summary>Default spline knot spacing in pixels.</summary>
    public const double DefaultKnotSpacing = 5.0;

    /// <summary>The defaults: greedy matching, ε = 1, threshold 0.5, largest component of ≥ 5 pixels, knots every 5 pixels.</summary>
    public static MetricOptions Default { get; } = new();

    /// <summary>The options handed to <see cref="MaskLines"/>.</summary>
    internal MaskLineOptions LineOptions => new(this.Threshold, this.MinPixels, this.KeepLargestComponent, this.KnotSpacing);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(this.Matching))
        {
            throw new ArgumentException($"Unknown matching mode {this.Matching}.");
        }

        if (!(this.Epsilon >= 0 && double.IsFinite(this.Epsilon)))
        {
            throw new ArgumentException($"Epsilon must be finite and ≥ 0, not {this.Epsilon}.");
        }

        if (!(this.Threshold > 0 && this.Threshold <= 1))
        {
            throw new ArgumentException($"Threshold must lie in (0, 1], not {this.Threshold}.");
        }

        if (this.MinPixels < 1)
        {
            throw new ArgumentException($"MinPixels must be ≥ 1, not {this.MinPixels}.");
        }

        if (!(this.KnotSpacing > 0 && double.IsFinite(this.KnotSpacing)))
        {
            throw new ArgumentException($"KnotSpacing must be finite and > 0, not {this.KnotSpacing}.");
        }
    }
}
