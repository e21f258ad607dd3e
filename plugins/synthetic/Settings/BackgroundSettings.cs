using Dislocate.Contracts;

namespace Dislocate.Synthetic.Settings;

/// <summary>How the background is made: purely synthetic noise (paper section 2.1) or crops of real images (section 2.2).</summary>
public enum BackgroundKind
{
    /// <summary>Equations (1)–(6): two Perlin fields, white noise and two Gaussian filters.</summary>
    Perlin,

    /// <summary>Random crops of real background images superimposed with random opacity.</summary>
    Real,
}

/// <summary>
/// Background parameters. Ranges are sampled uniformly per image. Defaults are Table 1 of the paper
/// (O1, O2 ∈ [10, 100] px; w_perlin ∈ [0.2, 0.4]; w_white ∈ [0.5, 0.7]; s1 = 1; r_noise ∈ [0.2, 0.4]; s2 ∈ [0.6, 0.8]).
/// </summary>
/// <param name="Kind">Synthetic noise or real crops.</param>
/// <param name="Wavelength1">O1, the dominant Perlin wavelength λ1 in pixels.</param>
/// <param name="Wavelength2">O2, the second Perlin wavelength λ2 in pixels.</param>
/// <param name="PerlinWeight">w_perlin: weight of P2 in P3 = P1 + w_perlin·P2 (eq. 1).</param>
/// <param name="WhiteWeight">w_white: weight of the first white noise X1 ~ U(−1, 1) (eq. 3).</param>
/// <param name="Sigma1">s1: standard deviation in pixels of the first Gaussian filter (eq. 4).</param>
/// <param name="NoiseRatio">r_noise: the second white noise is weighted r_noise·σ(P4) (eq. 5).</param>
/// <param name="Sigma2">s2: standard deviation in pixels of the second Gaussian filter (eq. 6).</param>
/// <param name="Folder">Folder of real background images (PNG, TIFF, JPEG) for <see cref="BackgroundKind.Real"/>.</param>
/// <param name="Layers">How many real crops are superimposed per image (the first is the base).</param>
/// <param name="Opacity">Opacity range of each crop superimposed on the base.</param>
public sealed record BackgroundSettings(
    BackgroundKind Kind,
    ValueRange Wavelength1,
    ValueRange Wavelength2,
    ValueRange PerlinWeight,
    ValueRange WhiteWeight,
    ValueRange Sigma1,
    ValueRange NoiseRatio,
    ValueRange Sigma2,
    string? Folder,
    ValueRange Layers,
    ValueRange Opacity)
{
    /// <summary>Table 1 of the paper with a synthetic background.</summary>
    public static BackgroundSettings Default { get; } = new(
        BackgroundKind.Perlin,
        Wavelength1: new(10, 100),
        Wavelength2: new(10, 100),
        PerlinWeight: new(0.2, 0.4),
        WhiteWeight: new(0.5, 0.7),
        Sigma1: ValueRange.Fixed(1),
        NoiseRatio: new(0.2, 0.4),
        Sigma2: new(0.6, 0.8),
        Folder: null,
        Layers: new(1, 3),
        Opacity: new(0.2, 0.6));
}
