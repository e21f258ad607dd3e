using Dislocate.Contracts;

namespace Dislocate.Synthetic.Settings;

/// <summary>
/// Dislocation geometry (paper section 2.3): pileups between two parallel slip traces at angle α and distance Δd;
/// the first dislocation runs from p0 on one trace to the other as a cubic spline through support points;
/// followers are shifted along the traces. Ranges are sampled uniformly per pileup or per dislocation.
/// </summary>
/// <param name="Pileups">Number of pileups per image (whole numbers).</param>
/// <param name="PerPileup">Dislocations per pileup (whole numbers); a single dislocation is a pileup of one.</param>
/// <param name="MaxDislocations">Cap on dislocations per image (the network's N, paper: 20).</param>
/// <param name="Angle">Slip-trace inclination α in degrees, measured from the image x axis.</param>
/// <param name="SlipWidth">Δd, the distance between the two slip traces, in pixels.</param>
/// <param name="Spacing">Distance along the traces between neighbouring dislocations of a pileup, in pixels.</param>
/// <param name="Curvature">Average curvature of a line in 1/px; the bow's sagitta is κ·L²/8 for chord L.</param>
/// <param name="Skew">Offset along the traces between a line's two end points, as a fraction of Δd (0: perpendicular to the traces).</param>
/// <param name="SupportPoints">Support points per line including both ends (whole numbers).</param>
/// <param name="Perturbation">Random displacement of inner support points normal to the chord, in pixels.</param>
/// <param name="FollowerJitter">Extra random displacement of a follower's inner support points, in pixels.</param>
/// <param name="MinLength">A dislocation whose visible length in the image is shorter (px) is not placed.</param>
/// <param name="TraceProbability">Probability that a pileup's slip traces are drawn.</param>
/// <param name="TraceContrast">Signed gray-value change of a slip trace (negative dark, positive light); weak by design.</param>
/// <param name="TraceWidth">Slip-trace line width in pixels.</param>
/// <param name="ShapeProbability">Probability that a line takes its shape from the shape library instead of curvature + perturbation.</param>
/// <param name="Shapes">Line shapes (support points) taken from labelme annotations, normalised to the chord; empty for none.</param>
/// <param name="Empirical">Fitted distributions (microstructure M1) that replace the uniform ranges of pileups, per_pileup, angle, slip_width and spacing; null for M2.</param>
public sealed record MicrostructureSettings(
    ValueRange Pileups,
    ValueRange PerPileup,
    int MaxDislocations,
    ValueRange Angle,
    ValueRange SlipWidth,
    ValueRange Spacing,
    ValueRange Curvature,
    ValueRange Skew,
    ValueRange SupportPoints,
    ValueRange Perturbation,
    ValueRange FollowerJitter,
    double MinLength,
    double TraceProbability,
    ValueRange TraceContrast,
    ValueRange TraceWidth,
    double ShapeProbability,
    IReadOnlyList<LineShape> Shapes,
    EmpiricalDistributions? Empirical = null)
{
    /// <summary>Microstructure M2 of the paper: general, uniform ranges not fitted to any real data set.</summary>
    public static MicrostructureSettings Default { get; } = new(
        Pileups: new(1, 4),
        PerPileup: new(1, 8),
        MaxDislocations: 20,
        Angle: new(0, 180),
        SlipWidth: new(40, 220),
        Spacing: new(8, 40),
        Curvature: new(-0.008, 0.008),
        Skew: new(-0.4, 0.4),
        SupportPoints: new(4, 7),
        Perturbation: new(0, 2.5),
        FollowerJitter: new(0, 1.5),
        MinLength: 12,
        TraceProbability: 0.6,
        TraceContrast: new(-0.06, 0.06),
        TraceWidth: new(1, 2.5),
        ShapeProbability: 0.5,
        Shapes: []);
}

/// <summary>
/// A line shape in chord coordinates: u runs 0 → 1 from the first to the last point along the chord,
/// v is the offset normal to the chord divided by the chord length. First point (0, 0), last (1, 0).
/// </summary>
/// <param name="U">Along-chord coordinates, first 0 and last 1.</param>
/// <param name="V">Normal offsets relative to the chord length.</param>
public sealed record LineShape(double[] U, double[] V);

/// <summary>
/// Observed values from annotated real images (paper section 5.1, Fig. 7): a sample is drawn by picking an observed
/// value uniformly (counts exactly; continuous values plus Gaussian kernel jitter with Silverman's bandwidth), i.e.
/// sampling a kernel density estimate of the observations.
/// </summary>
/// <param name="PileupsPerImage">Pileups observed per image.</param>
/// <param name="PerPileup">Dislocations observed per pileup.</param>
/// <param name="AngleDegrees">Slip-trace directions in degrees, in [0, 180).</param>
/// <param name="SlipWidth">Slip widths in pixels.</param>
/// <param name="Spacing">Distances between neighbouring dislocations of a pileup, in pixels.</param>
public sealed record EmpiricalDistributions(
    int[] PileupsPerImage,
    int[] PerPileup,
    double[] AngleDegrees,
    double[] SlipWidth,
    double[] Spacing);
