using Dislocate.Contracts;

namespace Dislocate.Synthetic.Settings;

/// <summary>How a dislocation's gray-value profile across the line looks.</summary>
public enum LineProfileKind
{
    /// <summary>The paper's flat line: constant darkening over the line width, anti-aliased edges (Matplotlib-like).</summary>
    Flat,

    /// <summary>A Gaussian dark core whose full width at half maximum is the line width.</summary>
    Gaussian,

    /// <summary>A Gaussian dark core with a bright fringe on both sides, closer to the real profiles of the paper's Fig. 14.</summary>
    Fringe,
}

/// <summary>
/// Drawing parameters (paper section 2.4). A line darkens the background multiplicatively,
/// I = B·(1 − c·p(d)), where p is the profile at distance d from the centre line, so the line is always darker
/// than its local background (the paper's requirement) and never leaves [0, 1].
/// </summary>
/// <param name="Profile">Cross-section profile of a line.</param>
/// <param name="LineWidth">Line width (px) drawn in the image, sampled per dislocation.</param>
/// <param name="Contrast">c: relative darkening at the line centre, sampled per dislocation.</param>
/// <param name="FringeStrength">Bright-fringe amplitude relative to the core darkening (profile Fringe only).</param>
/// <param name="MaskWidth">Line width (px) of the ground-truth masks, independent of the drawn width.</param>
public sealed record DrawingSettings(
    LineProfileKind Profile,
    ValueRange LineWidth,
    ValueRange Contrast,
    ValueRange FringeStrength,
    double MaskWidth)
{
    /// <summary>Flat lines 1.5–4 px wide, 15–45 % darker than the background, 3 px masks.</summary>
    public static DrawingSettings Default { get; } = new(
        LineProfileKind.Flat,
        LineWidth: new(1.5, 4),
        Contrast: new(0.15, 0.45),
        FringeStrength: new(0.2, 0.5),
        MaskWidth: 3);
}
