using Dislocate.Core.Drawing;
using Dislocate.Core.Numerics;
using Dislocate.Core.Random;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Rendering;

/// <summary>
/// The darkening profile p(d) across a line at distance d from its centre, for line width w:
/// Flat = box coverage clamp(w/2 + 0.5 − d, 0, 1) (the paper's anti-aliased flat line);
/// Gaussian = exp(−d²/2σ²) with FWHM w (σ = w / 2.3548);
/// Fringe = Gaussian core − f·exp(−(d − w)²/2σ²): a bright fringe one width from the centre (cf. Fig. 14).
/// </summary>
public static class LineProfile
{
    private const double FwhmToSigma = 2.3548200450309493;

    /// <summary>Distance beyond which the profile is zero (or negligible, below 1 %).</summary>
    public static double Extent(LineProfileKind kind, double width) => kind switch
    {
        LineProfileKind.Flat => (width / 2) + 0.5,
        LineProfileKind.Gaussian => 3.0 * width / FwhmToSigma,
        _ => width + (3.0 * width / FwhmToSigma),
    };

    /// <summary>p(d) for the given profile, width and fringe strength.</summary>
    public static float Evaluate(LineProfileKind kind, float distance, float width, float fringe)
    {
        switch (kind)
        {
            case LineProfileKind.Flat:
                return LineCoverage.BoxCoverage(distance, width);
            case LineProfileKind.Gaussian:
                return Gauss(distance, width);
            default:
                var sigma = width / (float)FwhmToSigma;
                var r = distance - width;
                return Gauss(distance, width) - (fringe * DeterministicMath.ExpF(-(r * r) / (2 * sigma * sigma)));
        }
    }

    private static float Gauss(float d, float width)
    {
        var sigma = width / (float)FwhmToSigma;
        return DeterministicMath.ExpF(-(d * d) / (2 * sigma * sigma));
    }
}
