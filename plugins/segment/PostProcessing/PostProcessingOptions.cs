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
/// <param name="LinkGap">Pieces of one mask whose ends face each other across at most this many pixels, each continuing the other's direction within <paramref name="LinkAngle"/> degrees, are joined into one dislocation (<see cref="PieceLinking"/>); 0 = no joining.</param>
/// <param name="LinkAngle">Largest bend in degrees at a join of two pieces (0..90).</param>
/// <param name="CrossingLength">A piece whose skeleton holds lines that cross or touch is split into one dislocation per line at least this many pixels long (<see cref="Dislocate.Core.Skeletons.CrossingSplit"/>: branches joined through each junction by direction); 0 = no splitting.</param>
/// <param name="ShortLineConfidence">A dislocation whose line is shorter than <paramref name="ShortLineLength"/> pixels is kept only when its mean probability is at least this (0 = keep all): the short, faint pieces a model leaves beside real lines.</param>
/// <param name="ShortLineLength">Length in pixels below which a line must reach <paramref name="ShortLineConfidence"/>.</param>
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
    double CrestSigma = PostProcessingOptions.DefaultCrestSigma,
    double LinkGap = PostProcessingOptions.DefaultLinkGap,
    double LinkAngle = PostProcessingOptions.DefaultLinkAngle,
    double CrossingLength = PostProcessingOptions.DefaultCrossingLength,
    double ShortLineConfidence = PostProcessingOptions.DefaultShortLineConfidence,
    double ShortLineLength = PostProcessingOptions.DefaultShortLineLength)
{
    /// <summary>Default mean probability a short line needs (see <see cref="DefaultShortLineLength"/>).</summary>
    public const double DefaultShortLineConfidence = 0;

    /// <summary>Default length in pixels below which a line must be confident.</summary>
    public const double DefaultShortLineLength = 60;

    /// <summary>Largest short-line length accepted, in pixels.</summary>
    public const double MaxShortLineLength = 10000;

    /// <summary>
    /// Default shortest line, in pixels along its skeleton, that a piece is split into where lines cross or touch
    /// (<see cref="Dislocate.Core.Skeletons.CrossingSplit"/>): shorter chains are no line of their own. Measured with
    /// the default model 1.7.0 on the 200 M2 images: no splitting 0.625 paper metric and 60.4 % of the true lines
    /// matched one to one; 10 px 0.680 and 72.4 %; 20 px 0.683 and 71.8 %; 40 px 0.684 and 71.3 %.
    /// </summary>
    public const double DefaultCrossingLength = 20;

    /// <summary>Largest crossing length accepted, in pixels.</summary>
    public const double MaxCrossingLength = 10000;

    /// <summary>
    /// Default largest gap in pixels across which two pieces of one mask are joined into one dislocation
    /// (<see cref="PieceLinking"/>): 25 px with 30° raised the default model's M2 paper metric from 0.482 to 0.501 and the
    /// lines tracked through the main job's sequence from 61 to 63 (spurious 121 to 113), with the real development
    /// video's centre-line F1 level (0.862, 0.861); 12 px gained half as much.
    /// </summary>
    public const double DefaultLinkGap = 25;

    /// <summary>Default largest bend in degrees at a join.</summary>
    public const double DefaultLinkAngle = 30;

    /// <summary>Largest link gap accepted, in pixels.</summary>
    public const double MaxLinkGap = 1000;

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

    /// <summary>
    /// Default speck size: a piece of fewer pixels than a 2-pixel-wide, 30-pixel-long stroke is not a dislocation line.
    /// Measured with the default model 1.6.0 (`segment run` defaults otherwise): raising it from 20 to 60 took the M2
    /// test set's centre-line F1 from 0.749 to 0.777 (precision 0.69 → 0.76, recall 0.82 → 0.80), the main job's
    /// spurious tracked lines from 101 to 18 (matched 112 → 106 of 160, identity switches 26 → 18), with the real
    /// development video level (39 held-out frames 0.908 → 0.909; 2× 0.868 → 0.868; 0.5× 0.433 → 0.422); 100 lost 0.003
    /// on the real frames. Short pieces are mostly the dashes a crowded, dark region of the map breaks into.
    /// </summary>
    public const int DefaultMinPixels = 60;

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

        if (!(this.LinkGap >= 0 && this.LinkGap <= MaxLinkGap))
        {
            throw new ArgumentException($"LinkGap must lie in [0, {MaxLinkGap}], not {this.LinkGap}.");
        }

        if (!(this.LinkAngle >= 0 && this.LinkAngle <= 90))
        {
            throw new ArgumentException($"LinkAngle must lie in [0, 90], not {this.LinkAngle}.");
        }

        if (!(this.CrossingLength >= 0 && this.CrossingLength <= MaxCrossingLength))
        {
            throw new ArgumentException($"CrossingLength must lie in [0, {MaxCrossingLength}], not {this.CrossingLength}.");
        }

        if (!(this.ShortLineConfidence >= 0 && this.ShortLineConfidence <= 1))
        {
            throw new ArgumentException($"ShortLineConfidence must lie in [0, 1], not {this.ShortLineConfidence}.");
        }

        if (!(this.ShortLineLength >= 0 && this.ShortLineLength <= MaxShortLineLength))
        {
            throw new ArgumentException($"ShortLineLength must lie in [0, {MaxShortLineLength}], not {this.ShortLineLength}.");
        }

        if (!(this.KnotSpacing > 0 && double.IsFinite(this.KnotSpacing)))
        {
            throw new ArgumentException($"KnotSpacing must be finite and > 0, not {this.KnotSpacing}.");
        }
    }
}
