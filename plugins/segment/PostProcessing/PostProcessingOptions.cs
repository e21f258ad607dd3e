namespace Dislocate.Segment.PostProcessing;

/// <summary>Settings that turn one image's N predicted probability maps into dislocation instances (paper section 5.3).</summary>
/// <param name="Threshold">Binarisation threshold: a pixel belongs to a mask when its probability is ≥ this (in (0, 1]).</param>
/// <param name="MinPixels">Masks, and connected pieces of a mask, with fewer pixels are specks and dropped.</param>
/// <param name="DuplicateDiceLoss">Two instances whose binary Dice loss is below this hold the same dislocation (the paper's 0.5).</param>
/// <param name="SplitComponents">Split a mask whose pixels form several 8-connected pieces into one instance per piece.</param>
/// <param name="LinePoints">Equally spaced points per dislocation line (the paper's K = 50).</param>
/// <param name="KnotSpacing">Spacing in pixels between the spline knots taken along the ordered skeleton.</param>
/// <param name="MaxAreaFraction">A mask covering more than this fraction of the image is no dislocation line (an undertrained or confused output) and is dropped whole.</param>
/// <param name="MaxPieces">A split mask keeps at most this many pieces, the largest: one output holds one dislocation, or a few that touch it, not a scatter.</param>
/// <param name="CrestSigma">Line-map models only: the map is thinned to its line crests (<see cref="LineCrests"/>) after Gaussian smoothing with this σ in pixels before it is binarised, so lines a few pixels apart stay apart; 0 = binarise the map as it is. Instance-mask models ignore it.</param>
public sealed record PostProcessingOptions(
    double Threshold = PostProcessingOptions.DefaultThreshold,
    int MinPixels = PostProcessingOptions.DefaultMinPixels,
    double DuplicateDiceLoss = PostProcessingOptions.DefaultDuplicateDiceLoss,
    bool SplitComponents = true,
    int LinePoints = PostProcessingOptions.DefaultLinePoints,
    double KnotSpacing = PostProcessingOptions.DefaultKnotSpacing,
    double MaxAreaFraction = PostProcessingOptions.DefaultMaxAreaFraction,
    int MaxPieces = PostProcessingOptions.DefaultMaxPieces,
    double CrestSigma = PostProcessingOptions.DefaultCrestSigma)
{
    /// <summary>Default crest smoothing: σ 0.5 px scored best on the real development video (σ 1.5 merges pileup lines again).</summary>
    public const double DefaultCrestSigma = 0.5;

    /// <summary>Largest crest smoothing σ accepted, in pixels.</summary>
    public const double MaxCrestSigma = 10;

    /// <summary>Default largest mask area: a 5 px wide line across a square image covers about 1.4 % of it, so 10 % leaves a wide margin.</summary>
    public const double DefaultMaxAreaFraction = 0.1;

    /// <summary>Default largest number of pieces kept from one mask.</summary>
    public const int DefaultMaxPieces = 4;

    /// <summary>The paper's binarisation threshold.</summary>
    public const double DefaultThreshold = 0.5;

    /// <summary>Default speck size: fewer pixels than a 2-pixel-wide, 10-pixel-long stroke is not a dislocation line.</summary>
    public const int DefaultMinPixels = 20;

    /// <summary>The paper's duplicate criterion: Dice loss &lt; 0.5.</summary>
    public const double DefaultDuplicateDiceLoss = 0.5;

    /// <summary>The paper's 50 points per dislocation.</summary>
    public const int DefaultLinePoints = 50;

    /// <summary>Default spline knot spacing in pixels.</summary>
    public const double DefaultKnotSpacing = 5.0;

    /// <summary>The defaults.</summary>
    public static PostProcessingOptions Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!(this.Threshold > 0 && this.Threshold <= 1))
        {
            throw new ArgumentException($"Threshold must lie in (0, 1], not {this.Threshold}.");
        }

        if (this.MinPixels < 1)
        {
            throw new ArgumentException($"MinPixels must be ≥ 1, not {this.MinPixels}.");
        }

        if (!(this.DuplicateDiceLoss >= 0 && this.DuplicateDiceLoss <= 1))
        {
            throw new ArgumentException($"DuplicateDiceLoss must lie in [0, 1], not {this.DuplicateDiceLoss}.");
        }

        if (!(this.MaxAreaFraction > 0 && this.MaxAreaFraction <= 1))
        {
            throw new ArgumentException($"MaxAreaFraction must lie in (0, 1], not {this.MaxAreaFraction}.");
        }

        if (this.MaxPieces < 1)
        {
            throw new ArgumentException($"MaxPieces must be ≥ 1, not {this.MaxPieces}.");
        }

        if (this.LinePoints < 2)
        {
            throw new ArgumentException($"LinePoints must be ≥ 2, not {this.LinePoints}.");
        }

        if (!(this.CrestSigma >= 0 && this.CrestSigma <= MaxCrestSigma))
        {
            throw new ArgumentException($"CrestSigma must lie in [0, {MaxCrestSigma}], not {this.CrestSigma}.");
        }

        if (!(this.KnotSpacing > 0 && double.IsFinite(this.KnotSpacing)))
        {
            throw new ArgumentException($"KnotSpacing must be finite and > 0, not {this.KnotSpacing}.");
        }
    }
}
