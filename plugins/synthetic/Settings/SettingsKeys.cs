namespace Dislocate.Synthetic.Settings;

/// <summary>
/// Parameter keys of the generator: CLI options (<c>--o1</c>), ImageJ macro keys (<c>o1=10..100</c>) and the
/// first word of each dialog label. They are public API: never rename one without mapping the old key.
/// </summary>
public static class SettingsKeys
{
#pragma warning disable CS1591 // The constants are self-describing; their meaning is in SettingsParameters' help texts.
    public const string Preset = "preset";
    public const string Width = "width";
    public const string Height = "height";
    public const string Background = "background";
    public const string Backgrounds = "backgrounds";
    public const string Layers = "layers";
    public const string Opacity = "opacity";
    public const string Wavelength1 = "o1";
    public const string Wavelength2 = "o2";
    public const string PerlinWeight = "w_perlin";
    public const string WhiteWeight = "w_white";
    public const string Sigma1 = "s1";
    public const string NoiseRatio = "r_noise";
    public const string Sigma2 = "s2";
    public const string Pileups = "pileups";
    public const string PerPileup = "per_pileup";
    public const string MaxDislocations = "max_dislocations";
    public const string Angle = "angle";
    public const string SlipWidth = "slip_width";
    public const string Spacing = "spacing";
    public const string Curvature = "curvature";
    public const string Skew = "skew";
    public const string SupportPoints = "support_points";
    public const string Perturbation = "perturbation";
    public const string FollowerJitter = "follower_jitter";
    public const string MinLength = "min_length";
    public const string TraceProbability = "trace_probability";
    public const string TraceContrast = "trace_contrast";
    public const string TraceWidth = "trace_width";
    public const string ShapeProbability = "shape_probability";
    public const string Shapes = "shapes";
    public const string Profile = "profile";
    public const string LineWidth = "line_width";
    public const string Contrast = "contrast";
    public const string Fringe = "fringe";
    public const string MaskWidth = "mask_width";
    public const string Frames = "frames";
    public const string GoProbability = "go_probability";
    public const string Step = "step";
    public const string StepJitter = "step_jitter";
    public const string Drift = "drift";
#pragma warning restore CS1591
}
