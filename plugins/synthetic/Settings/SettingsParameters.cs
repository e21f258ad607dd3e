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
    // The defaults shown in help are M2's (Table 1); declared before the parameters that read them.
    private static readonly GeneratorSettings D = GeneratorSettings.Default;

    /// <summary>Preset JSON written by 'synthetic fit' (microstructure M1); explicit options override it.</summary>
    public static ParameterSpec<string> Preset { get; } = Parameter.Path(K.Preset, "Preset (JSON from Fit; default M2)", ParameterKind.InputFile, "Preset JSON written by 'synthetic fit' (microstructure M1); explicit options override it. Default: M2, uniform ranges.");

    /// <summary>Image width in pixels.</summary>
    public static ParameterSpec<long> Width { get; } = Parameter.Whole(K.Width, "Width (px)", D.Width, 32, 16384, "Image width in pixels.");

    /// <summary>Image height in pixels.</summary>
    public static ParameterSpec<long> Height { get; } = Parameter.Whole(K.Height, "Height (px)", D.Height, 32, 16384, "Image height in pixels.");

    /// <summary>Background model: perlin = equations (1)-(6); real = crops of the images in 'backgrounds'.</summary>
    public static ParameterSpec<string> Background { get; } = Parameter.Choice(K.Background, "Background model", "perlin", ["perlin", "real"], "Background model: perlin = equations (1)-(6); real = crops of the images in 'backgrounds'.");

    /// <summary>Folder of real background images (PNG/TIFF/JPEG) for background=real.</summary>
    public static ParameterSpec<string> Backgrounds { get; } = Parameter.Path(K.Backgrounds, "Real backgrounds (folder)", ParameterKind.InputFolder, "Folder of real background images (PNG/TIFF/JPEG) for background=real.");

    /// <summary>Number of real crops superimposed per image (whole numbers).</summary>
    public static ParameterSpec<ValueRange> Layers { get; } = Parameter.Range(K.Layers, "Real crops per image", D.Background.Layers, 1, 16, "Number of real crops superimposed per image (whole numbers).");

    /// <summary>Opacity of each superimposed real crop.</summary>
    public static ParameterSpec<ValueRange> Opacity { get; } = Parameter.Range(K.Opacity, "Opacity of extra crops", D.Background.Opacity, 0, 1, "Opacity of each superimposed real crop.");

    /// <summary>O1: wavelength of the first Perlin field, pixels (Table 1: 10..100).</summary>
    public static ParameterSpec<ValueRange> Wavelength1 { get; } = Parameter.Range(K.Wavelength1, "Perlin wavelength O1 (px)", D.Background.Wavelength1, 1, 10000, "O1: wavelength of the first Perlin field, pixels (Table 1: 10..100).");

    /// <summary>O2: wavelength of the second Perlin field, pixels (Table 1: 10..100).</summary>
    public static ParameterSpec<ValueRange> Wavelength2 { get; } = Parameter.Range(K.Wavelength2, "Perlin wavelength O2 (px)", D.Background.Wavelength2, 1, 10000, "O2: wavelength of the second Perlin field, pixels (Table 1: 10..100).");

    /// <summary>w_perlin: P3 = P1 + w_perlin*P2 (Table 1: 0.2..0.4).</summary>
    public static ParameterSpec<ValueRange> PerlinWeight { get; } = Parameter.Range(K.PerlinWeight, "Perlin mix w_perlin", D.Background.PerlinWeight, 0, 10, "w_perlin: P3 = P1 + w_perlin*P2 (Table 1: 0.2..0.4).");

    /// <summary>w_white: weight of the first white noise (Table 1: 0.5..0.7).</summary>
    public static ParameterSpec<ValueRange> WhiteWeight { get; } = Parameter.Range(K.WhiteWeight, "White noise weight w_white", D.Background.WhiteWeight, 0, 10, "w_white: weight of the first white noise (Table 1: 0.5..0.7).");

    /// <summary>s1: sigma of the first Gaussian filter, pixels (Table 1: 1).</summary>
    public static ParameterSpec<ValueRange> Sigma1 { get; } = Parameter.Range(K.Sigma1, "First blur σ s1 (px)", D.Background.Sigma1, 0, 50, "s1: sigma of the first Gaussian filter, pixels (Table 1: 1).");

    /// <summary>r_noise: second white noise weighted r_noise*std(P4) (Table 1: 0.2..0.4).</summary>
    public static ParameterSpec<ValueRange> NoiseRatio { get; } = Parameter.Range(K.NoiseRatio, "Second noise weight r_noise", D.Background.NoiseRatio, 0, 10, "r_noise: second white noise weighted r_noise*std(P4) (Table 1: 0.2..0.4).");

    /// <summary>s2: sigma of the second Gaussian filter, pixels (Table 1: 0.6..0.8).</summary>
    public static ParameterSpec<ValueRange> Sigma2 { get; } = Parameter.Range(K.Sigma2, "Second blur σ s2 (px)", D.Background.Sigma2, 0, 50, "s2: sigma of the second Gaussian filter, pixels (Table 1: 0.6..0.8).");

    /// <summary>Number of pileups per image (whole numbers).</summary>
    public static ParameterSpec<ValueRange> Pileups { get; } = Parameter.Range(K.Pileups, "Pileups per image", D.Microstructure.Pileups, 1, 100, "Number of pileups per image (whole numbers).");

    /// <summary>Dislocations per pileup (whole numbers).</summary>
    public static ParameterSpec<ValueRange> PerPileup { get; } = Parameter.Range(K.PerPileup, "Dislocations per pileup", D.Microstructure.PerPileup, 1, 100, "Dislocations per pileup (whole numbers).");

    /// <summary>Cap on dislocations per image: the number of masks N.</summary>
    public static ParameterSpec<long> MaxDislocations { get; } = Parameter.Whole(K.MaxDislocations, "Most dislocations per image", D.Microstructure.MaxDislocations, 1, 255, "Cap on dislocations per image: the number of masks N.");

    /// <summary>Slip-trace inclination alpha in degrees.</summary>
    public static ParameterSpec<ValueRange> Angle { get; } = Parameter.Range(K.Angle, "Slip trace angle (°)", D.Microstructure.Angle, -360, 360, "Slip-trace inclination alpha in degrees.");

    /// <summary>Distance between the two slip traces of a pileup, pixels.</summary>
    public static ParameterSpec<ValueRange> SlipWidth { get; } = Parameter.Range(K.SlipWidth, "Slip band width (px)", D.Microstructure.SlipWidth, 1, 100000, "Distance between the two slip traces of a pileup, pixels.");

    /// <summary>Distance along the traces between neighbouring dislocations, pixels.</summary>
    public static ParameterSpec<ValueRange> Spacing { get; } = Parameter.Range(K.Spacing, "Line spacing (px)", D.Microstructure.Spacing, 0, 100000, "Distance along the traces between neighbouring dislocations, pixels.");

    /// <summary>Average line curvature, 1/px (sagitta = curvature*chord^2/8).</summary>
    public static ParameterSpec<ValueRange> Curvature { get; } = Parameter.Range(K.Curvature, "Line curvature (1/px)", D.Microstructure.Curvature, -1, 1, "Average line curvature, 1/px (sagitta = curvature*chord^2/8).");

    /// <summary>Offset along the traces between a line's two ends, as a fraction of the slip width.</summary>
    public static ParameterSpec<ValueRange> Skew { get; } = Parameter.Range(K.Skew, "Line skew (fraction of slip width)", D.Microstructure.Skew, -10, 10, "Offset along the traces between a line's two ends, as a fraction of the slip width.");

    /// <summary>Spline support points per line, both ends included (whole numbers).</summary>
    public static ParameterSpec<ValueRange> SupportPoints { get; } = Parameter.Range(K.SupportPoints, "Support points per line", D.Microstructure.SupportPoints, 2, 50, "Spline support points per line, both ends included (whole numbers).");

    /// <summary>Amplitude of random inner support-point displacement, pixels.</summary>
    public static ParameterSpec<ValueRange> Perturbation { get; } = Parameter.Range(K.Perturbation, "Line waviness (px)", D.Microstructure.Perturbation, 0, 1000, "Amplitude of random inner support-point displacement, pixels.");

    /// <summary>Extra random displacement of a follower's inner points, pixels.</summary>
    public static ParameterSpec<ValueRange> FollowerJitter { get; } = Parameter.Range(K.FollowerJitter, "Follower jitter (px)", D.Microstructure.FollowerJitter, 0, 1000, "Extra random displacement of a follower's inner points, pixels.");

    /// <summary>Dislocations shorter than this inside the image are not placed.</summary>
    public static ParameterSpec<double> MinLength { get; } = Parameter.Real(K.MinLength, "Shortest dislocation (px)", D.Microstructure.MinLength, 0, 100000, "Dislocations shorter than this inside the image are not placed.");

    /// <summary>Line profile: flat (paper), gaussian core, or dark core with bright fringe.</summary>
    public static ParameterSpec<string> Profile { get; } = Parameter.Choice(K.Profile, "Line profile", "flat", ["flat", "gaussian", "fringe"], "Line profile: flat (paper), gaussian core, or dark core with bright fringe.");

    /// <summary>Drawn line width, pixels.</summary>
    public static ParameterSpec<ValueRange> LineWidth { get; } = Parameter.Range(K.LineWidth, "Line width (px)", D.Drawing.LineWidth, 0.1, 100, "Drawn line width, pixels.");

    /// <summary>Relative darkening at the line centre: I = B*(1 - c*profile).</summary>
    public static ParameterSpec<ValueRange> Contrast { get; } = Parameter.Range(K.Contrast, "Line contrast (darkening)", D.Drawing.Contrast, 0, 1, "Relative darkening at the line centre: I = B*(1 - c*profile).");

    /// <summary>Bright-fringe amplitude relative to the core (profile=fringe).</summary>
    public static ParameterSpec<ValueRange> Fringe { get; } = Parameter.Range(K.Fringe, "Bright fringe strength", D.Drawing.FringeStrength, 0, 5, "Bright-fringe amplitude relative to the core (profile=fringe).");

    /// <summary>Line width of the ground-truth masks, pixels.</summary>
    public static ParameterSpec<double> MaskWidth { get; } = Parameter.Real(K.MaskWidth, "Mask line width (px)", D.Drawing.MaskWidth, 0.1, 100, "Line width of the ground-truth masks, pixels.");

    /// <summary>Probability that a pileup's slip traces are drawn.</summary>
    public static ParameterSpec<double> TraceProbability { get; } = Parameter.Real(K.TraceProbability, "Chance of visible slip traces", D.Microstructure.TraceProbability, 0, 1, "Probability that a pileup's slip traces are drawn.");

    /// <summary>Signed gray change of slip traces (negative dark, positive light).</summary>
    public static ParameterSpec<ValueRange> TraceContrast { get; } = Parameter.Range(K.TraceContrast, "Slip trace contrast", D.Microstructure.TraceContrast, -1, 1, "Signed gray change of slip traces (negative dark, positive light).");

    /// <summary>Slip-trace line width, pixels.</summary>
    public static ParameterSpec<ValueRange> TraceWidth { get; } = Parameter.Range(K.TraceWidth, "Slip trace width (px)", D.Microstructure.TraceWidth, 0.1, 100, "Slip-trace line width, pixels.");

    /// <summary>Probability that a line takes a shape from 'shapes' (when given).</summary>
    public static ParameterSpec<double> ShapeProbability { get; } = Parameter.Real(K.ShapeProbability, "Chance of a drawn shape", D.Microstructure.ShapeProbability, 0, 1, "Probability that a line takes a shape from 'shapes' (when given).");

    /// <summary>Folder of labelme JSON annotations whose polylines become line shapes (support points).</summary>
    public static ParameterSpec<string> Shapes { get; } = Parameter.Path(K.Shapes, "Line shapes (labelme folder)", ParameterKind.InputFolder, "Folder of labelme JSON annotations whose polylines become line shapes (support points).");

    /// <summary>Frames per sample; &gt; 1 makes gliding time series with constant instance ids.</summary>
    public static ParameterSpec<long> Frames { get; } = Parameter.Whole(K.Frames, "Frames per sequence", D.Sequence.Frames, 1, 100000, "Frames per sample; > 1 makes gliding time series with constant instance ids.");

    /// <summary>Sequences: probability that a pileup moves in a frame (jerky motion).</summary>
    public static ParameterSpec<double> GoProbability { get; } = Parameter.Real(K.GoProbability, "Chance a pileup moves per frame", D.Sequence.GoProbability, 0, 1, "Sequences: probability that a pileup moves in a frame (jerky motion).");

    /// <summary>Sequences: glide step when a pileup moves, pixels.</summary>
    public static ParameterSpec<ValueRange> Step { get; } = Parameter.Range(K.Step, "Glide step (px)", D.Sequence.Step, 0, 1000, "Sequences: glide step when a pileup moves, pixels.");

    /// <summary>Sequences: extra per-dislocation step, pixels.</summary>
    public static ParameterSpec<ValueRange> StepJitter { get; } = Parameter.Range(K.StepJitter, "Glide step jitter (px)", D.Sequence.StepJitter, -1000, 1000, "Sequences: extra per-dislocation step, pixels.");

    /// <summary>Sequences: background drift per frame, pixels (random walk).</summary>
    public static ParameterSpec<ValueRange> Drift { get; } = Parameter.Range(K.Drift, "Stage drift (px per frame)", D.Sequence.Drift, -100, 100, "Sequences: background drift per frame, pixels (random walk).");

    /// <summary>All generator parameters in dialog order.</summary>
    public static IReadOnlyList<ParameterSpec> All { get; } =
    [
        Preset,
        Width,
        Height,
        Background,
        Backgrounds,
        Layers,
        Opacity,
        Wavelength1,
        Wavelength2,
        PerlinWeight,
        WhiteWeight,
        Sigma1,
        NoiseRatio,
        Sigma2,
        Pileups,
        PerPileup,
        MaxDislocations,
        Angle,
        SlipWidth,
        Spacing,
        Curvature,
        Skew,
        SupportPoints,
        Perturbation,
        FollowerJitter,
        MinLength,
        Profile,
        LineWidth,
        Contrast,
        Fringe,
        MaskWidth,
        TraceProbability,
        TraceContrast,
        TraceWidth,
        ShapeProbability,
        Shapes,
        Frames,
        GoProbability,
        Step,
        StepJitter,
        Drift,
    ];

    /// <summary>Builds settings from parameter values: preset (file, or M2) overridden by explicit values, then validated.</summary>
    public static GeneratorSettings ToSettings(ParameterValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var baseSettings = values.GetOptional(Preset) is { } presetPath && values.IsExplicit(Preset)
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
        ValueRange R(ParameterSpec<ValueRange> p, ValueRange current) => v.IsExplicit(p) ? v.Get(p) : current;
        double N(ParameterSpec<double> p, double current) => v.IsExplicit(p) ? v.Get(p) : current;
        int I(ParameterSpec<long> p, int current) => v.IsExplicit(p) ? v.GetInt32(p) : current;

        var b = s.Background;
        var kind = v.IsExplicit(Background) ? Enum.Parse<BackgroundKind>(v.Get(Background), ignoreCase: true) : b.Kind;
        var folder = v.IsExplicit(Backgrounds) ? v.Get(Backgrounds) : b.Folder;
        if (v.IsExplicit(Backgrounds) && !v.IsExplicit(Background))
        {
            kind = BackgroundKind.Real; // Giving a folder of backgrounds means using it.
        }

        b = new BackgroundSettings(
            kind,
            R(Wavelength1, b.Wavelength1),
            R(Wavelength2, b.Wavelength2),
            R(PerlinWeight, b.PerlinWeight),
            R(WhiteWeight, b.WhiteWeight),
            R(Sigma1, b.Sigma1),
            R(NoiseRatio, b.NoiseRatio),
            R(Sigma2, b.Sigma2),
            folder,
            R(Layers, b.Layers),
            R(Opacity, b.Opacity));

        var m = s.Microstructure;
        var shapes = v.IsExplicit(Shapes) ? ShapeLibrary.Load(v.Get(Shapes)) : m.Shapes;
        m = m with
        {
            Pileups = R(Pileups, m.Pileups),
            PerPileup = R(PerPileup, m.PerPileup),
            MaxDislocations = I(MaxDislocations, m.MaxDislocations),
            Angle = R(Angle, m.Angle),
            SlipWidth = R(SlipWidth, m.SlipWidth),
            Spacing = R(Spacing, m.Spacing),
            Curvature = R(Curvature, m.Curvature),
            Skew = R(Skew, m.Skew),
            SupportPoints = R(SupportPoints, m.SupportPoints),
            Perturbation = R(Perturbation, m.Perturbation),
            FollowerJitter = R(FollowerJitter, m.FollowerJitter),
            MinLength = N(MinLength, m.MinLength),
            TraceProbability = N(TraceProbability, m.TraceProbability),
            TraceContrast = R(TraceContrast, m.TraceContrast),
            TraceWidth = R(TraceWidth, m.TraceWidth),
            ShapeProbability = N(ShapeProbability, m.ShapeProbability),
            Shapes = shapes,
        };

        var d = s.Drawing;
        d = new DrawingSettings(
            v.IsExplicit(Profile) ? Enum.Parse<LineProfileKind>(v.Get(Profile), ignoreCase: true) : d.Profile,
            R(LineWidth, d.LineWidth),
            R(Contrast, d.Contrast),
            R(Fringe, d.FringeStrength),
            N(MaskWidth, d.MaskWidth));

        var q = s.Sequence;
        q = new SequenceSettings(
            I(Frames, q.Frames),
            N(GoProbability, q.GoProbability),
            R(Step, q.Step),
            R(StepJitter, q.StepJitter),
            R(Drift, q.Drift));

        return new GeneratorSettings(I(Width, s.Width), I(Height, s.Height), b, m, d, q);
    }
}
