using Dislocate.Contracts;
using Dislocate.Synthetic.Presets;
using K = Dislocate.Synthetic.Settings.SettingsKeys;

namespace Dislocate.Synthetic.Settings;

/// <summary>
/// The generator's settings as command parameters, and the mapping back: a preset (or the M2 default) is the base,
/// and every parameter the user gave explicitly overrides it. Defaults shown in help are those of M2 / Table 1.
/// </summary>
public static class SettingsParameters
{
    /// <summary>All generator parameters in dialog order.</summary>
    public static IReadOnlyList<ParameterSpec> All { get; } = Create();

    /// <summary>Builds settings from parameter values: preset (file, or M2) overridden by explicit values, then validated.</summary>
    public static GeneratorSettings ToSettings(ParameterValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var baseSettings = values.GetOptionalString(K.Preset) is { } presetPath && values.IsExplicit(K.Preset)
            ? PresetFile.Read(presetPath).Settings
            : GeneratorSettings.Default;
        var s = Apply(baseSettings, values);
        SettingsValidator.Validate(s);
        return s;
    }

    /// <summary>Applies explicitly given values on top of <paramref name="s"/>.</summary>
    public static GeneratorSettings Apply(GeneratorSettings s, ParameterValues v)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(v);
        ValueRange R(string key, ValueRange current) => v.IsExplicit(key) ? v.GetRange(key) : current;
        double D(string key, double current) => v.IsExplicit(key) ? v.GetReal(key) : current;
        int I(string key, int current) => v.IsExplicit(key) ? v.GetInt32(key) : current;

        var b = s.Background;
        var kind = v.IsExplicit(K.Background) ? Enum.Parse<BackgroundKind>(v.GetString(K.Background), ignoreCase: true) : b.Kind;
        var folder = v.IsExplicit(K.Backgrounds) ? v.GetString(K.Backgrounds) : b.Folder;
        if (v.IsExplicit(K.Backgrounds) && !v.IsExplicit(K.Background))
        {
            kind = BackgroundKind.Real; // Giving a folder of backgrounds means using it.
        }

        b = new BackgroundSettings(
            kind,
            R(K.Wavelength1, b.Wavelength1),
            R(K.Wavelength2, b.Wavelength2),
            R(K.PerlinWeight, b.PerlinWeight),
            R(K.WhiteWeight, b.WhiteWeight),
            R(K.Sigma1, b.Sigma1),
            R(K.NoiseRatio, b.NoiseRatio),
            R(K.Sigma2, b.Sigma2),
            folder,
            R(K.Layers, b.Layers),
            R(K.Opacity, b.Opacity));

        var m = s.Microstructure;
        var shapes = v.IsExplicit(K.Shapes) ? ShapeLibrary.Load(v.GetString(K.Shapes)) : m.Shapes;
        m = m with
        {
            Pileups = R(K.Pileups, m.Pileups),
            PerPileup = R(K.PerPileup, m.PerPileup),
            MaxDislocations = I(K.MaxDislocations, m.MaxDislocations),
            Angle = R(K.Angle, m.Angle),
            SlipWidth = R(K.SlipWidth, m.SlipWidth),
            Spacing = R(K.Spacing, m.Spacing),
            Curvature = R(K.Curvature, m.Curvature),
            Skew = R(K.Skew, m.Skew),
            SupportPoints = R(K.SupportPoints, m.SupportPoints),
            Perturbation = R(K.Perturbation, m.Perturbation),
            FollowerJitter = R(K.FollowerJitter, m.FollowerJitter),
            MinLength = D(K.MinLength, m.MinLength),
            TraceProbability = D(K.TraceProbability, m.TraceProbability),
            TraceContrast = R(K.TraceContrast, m.TraceContrast),
            TraceWidth = R(K.TraceWidth, m.TraceWidth),
            ShapeProbability = D(K.ShapeProbability, m.ShapeProbability),
            Shapes = shapes,
        };

        var d = s.Drawing;
        d = new DrawingSettings(
            v.IsExplicit(K.Profile) ? Enum.Parse<LineProfileKind>(v.GetString(K.Profile), ignoreCase: true) : d.Profile,
            R(K.LineWidth, d.LineWidth),
            R(K.Contrast, d.Contrast),
            R(K.Fringe, d.FringeStrength),
            D(K.MaskWidth, d.MaskWidth));

        var q = s.Sequence;
        q = new SequenceSettings(
            I(K.Frames, q.Frames),
            D(K.GoProbability, q.GoProbability),
            R(K.Step, q.Step),
            R(K.StepJitter, q.StepJitter),
            R(K.Drift, q.Drift));

        return new GeneratorSettings(I(K.Width, s.Width), I(K.Height, s.Height), b, m, d, q);
    }

    private static List<ParameterSpec> Create()
    {
        var s = GeneratorSettings.Default;
        var b = s.Background;
        var m = s.Microstructure;
        var d = s.Drawing;
        var q = s.Sequence;
        return
        [
            ParameterSpec.Path(K.Preset, "preset (JSON from 'fit', overrides M2 defaults)", ParameterKind.InputFile, "Preset JSON written by 'synthetic fit' (microstructure M1); explicit options override it. Default: M2, uniform ranges."),
            ParameterSpec.Whole(K.Width, "width (px)", s.Width, 32, 16384, "Image width in pixels."),
            ParameterSpec.Whole(K.Height, "height (px)", s.Height, 32, 16384, "Image height in pixels."),
            ParameterSpec.Choice(K.Background, "background", "perlin", ["perlin", "real"], "Background model: perlin = equations (1)-(6); real = crops of the images in 'backgrounds'."),
            ParameterSpec.Path(K.Backgrounds, "backgrounds (folder)", ParameterKind.InputFolder, "Folder of real background images (PNG/TIFF/JPEG) for background=real."),
            ParameterSpec.Range(K.Layers, "layers (real crops)", b.Layers, 1, 16, "Number of real crops superimposed per image (whole numbers)."),
            ParameterSpec.Range(K.Opacity, "opacity (of extra crops)", b.Opacity, 0, 1, "Opacity of each superimposed real crop."),
            ParameterSpec.Range(K.Wavelength1, "o1 (Perlin wavelength 1, px)", b.Wavelength1, 1, 10000, "O1: wavelength of the first Perlin field, pixels (Table 1: 10..100)."),
            ParameterSpec.Range(K.Wavelength2, "o2 (Perlin wavelength 2, px)", b.Wavelength2, 1, 10000, "O2: wavelength of the second Perlin field, pixels (Table 1: 10..100)."),
            ParameterSpec.Range(K.PerlinWeight, "w_perlin", b.PerlinWeight, 0, 10, "w_perlin: P3 = P1 + w_perlin*P2 (Table 1: 0.2..0.4)."),
            ParameterSpec.Range(K.WhiteWeight, "w_white", b.WhiteWeight, 0, 10, "w_white: weight of the first white noise (Table 1: 0.5..0.7)."),
            ParameterSpec.Range(K.Sigma1, "s1 (px)", b.Sigma1, 0, 50, "s1: sigma of the first Gaussian filter, pixels (Table 1: 1)."),
            ParameterSpec.Range(K.NoiseRatio, "r_noise", b.NoiseRatio, 0, 10, "r_noise: second white noise weighted r_noise*std(P4) (Table 1: 0.2..0.4)."),
            ParameterSpec.Range(K.Sigma2, "s2 (px)", b.Sigma2, 0, 50, "s2: sigma of the second Gaussian filter, pixels (Table 1: 0.6..0.8)."),
            ParameterSpec.Range(K.Pileups, "pileups (per image)", m.Pileups, 1, 100, "Number of pileups per image (whole numbers)."),
            ParameterSpec.Range(K.PerPileup, "per_pileup (dislocations)", m.PerPileup, 1, 100, "Dislocations per pileup (whole numbers)."),
            ParameterSpec.Whole(K.MaxDislocations, "max_dislocations (per image)", m.MaxDislocations, 1, 255, "Cap on dislocations per image: the number of masks N."),
            ParameterSpec.Range(K.Angle, "angle (slip trace, degrees)", m.Angle, -360, 360, "Slip-trace inclination alpha in degrees."),
            ParameterSpec.Range(K.SlipWidth, "slip_width (px)", m.SlipWidth, 1, 100000, "Distance between the two slip traces of a pileup, pixels."),
            ParameterSpec.Range(K.Spacing, "spacing (px)", m.Spacing, 0, 100000, "Distance along the traces between neighbouring dislocations, pixels."),
            ParameterSpec.Range(K.Curvature, "curvature (1/px)", m.Curvature, -1, 1, "Average line curvature, 1/px (sagitta = curvature*chord^2/8)."),
            ParameterSpec.Range(K.Skew, "skew (fraction of slip width)", m.Skew, -10, 10, "Offset along the traces between a line's two ends, as a fraction of the slip width."),
            ParameterSpec.Range(K.SupportPoints, "support_points (per line)", m.SupportPoints, 2, 50, "Spline support points per line, both ends included (whole numbers)."),
            ParameterSpec.Range(K.Perturbation, "perturbation (px)", m.Perturbation, 0, 1000, "Amplitude of random inner support-point displacement, pixels."),
            ParameterSpec.Range(K.FollowerJitter, "follower_jitter (px)", m.FollowerJitter, 0, 1000, "Extra random displacement of a follower's inner points, pixels."),
            ParameterSpec.Real(K.MinLength, "min_length (px)", m.MinLength, 0, 100000, "Dislocations shorter than this inside the image are not placed."),
            ParameterSpec.Choice(K.Profile, "profile (line cross-section)", "flat", ["flat", "gaussian", "fringe"], "Line profile: flat (paper), gaussian core, or dark core with bright fringe."),
            ParameterSpec.Range(K.LineWidth, "line_width (px)", d.LineWidth, 0.1, 100, "Drawn line width, pixels."),
            ParameterSpec.Range(K.Contrast, "contrast (darkening)", d.Contrast, 0, 1, "Relative darkening at the line centre: I = B*(1 - c*profile)."),
            ParameterSpec.Range(K.Fringe, "fringe (strength)", d.FringeStrength, 0, 5, "Bright-fringe amplitude relative to the core (profile=fringe)."),
            ParameterSpec.Real(K.MaskWidth, "mask_width (px)", d.MaskWidth, 0.1, 100, "Line width of the ground-truth masks, pixels."),
            ParameterSpec.Real(K.TraceProbability, "trace_probability", m.TraceProbability, 0, 1, "Probability that a pileup's slip traces are drawn."),
            ParameterSpec.Range(K.TraceContrast, "trace_contrast", m.TraceContrast, -1, 1, "Signed gray change of slip traces (negative dark, positive light)."),
            ParameterSpec.Range(K.TraceWidth, "trace_width (px)", m.TraceWidth, 0.1, 100, "Slip-trace line width, pixels."),
            ParameterSpec.Real(K.ShapeProbability, "shape_probability", m.ShapeProbability, 0, 1, "Probability that a line takes a shape from 'shapes' (when given)."),
            ParameterSpec.Path(K.Shapes, "shapes (labelme folder)", ParameterKind.InputFolder, "Folder of labelme JSON annotations whose polylines become line shapes (support points)."),
            ParameterSpec.Whole(K.Frames, "frames (per sequence)", q.Frames, 1, 100000, "Frames per sample; > 1 makes gliding time series with constant instance ids."),
            ParameterSpec.Real(K.GoProbability, "go_probability", q.GoProbability, 0, 1, "Sequences: probability that a pileup moves in a frame (jerky motion)."),
            ParameterSpec.Range(K.Step, "step (px)", q.Step, 0, 1000, "Sequences: glide step when a pileup moves, pixels."),
            ParameterSpec.Range(K.StepJitter, "step_jitter (px)", q.StepJitter, -1000, 1000, "Sequences: extra per-dislocation step, pixels."),
            ParameterSpec.Range(K.Drift, "drift (px per frame)", q.Drift, -100, 100, "Sequences: background drift per frame, pixels (random walk)."),
        ];
    }
}
