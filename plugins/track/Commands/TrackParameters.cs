using Dislocate.Contracts;
using Dislocate.Core.Skeletons;
using Dislocate.Track.Analysis;
using Dislocate.Track.Inputs;
using Dislocate.Track.Lines;
using Dislocate.Track.Linking;
using Dislocate.Track.Pipeline;

namespace Dislocate.Track.Commands;

/// <summary>
/// The parameters of the track commands, declared once: their keys and dialog labels are the public macro API
/// (a label's first word is its key), their defaults are the stage options' defaults.
/// </summary>
internal static class TrackParameters
{
    public static ParameterSpec<string> Input { get; } = Parameter.RequiredText("input", "Masks (stack or folder)", "Instance masks or label images: a TIFF stack (an ImageJ hyperstack whose channels are the dislocations, or one label image per page), a folder of per-frame TIFFs, or a 'segment run' output folder.", positional: true);

    public static ParameterSpec<string> Out { get; } = Parameter.Path("out", "Output (folder)", ParameterKind.OutputFolder, "Folder for the tables, plots, labelme files and RoiSet.zip.", required: true);

    public static ParameterSpec<string> Kind { get; } = Parameter.Choice("kind", "Mask kind", "auto", ["auto", "labels", "masks", "binary"], "labels: one label image per frame; masks: one page or channel per dislocation; binary: each connected component is one dislocation; auto: decide from the first frame.");

    public static ParameterSpec<double> Threshold { get; } = Parameter.Real("threshold", "Probability threshold", MaskLineOptions.Default.Threshold, 0.01, 1, "A mask pixel is foreground when its value (÷255 for 8-bit) is at least this (paper: 0.5).");

    public static ParameterSpec<long> Points { get; } = Parameter.Whole("points", "Points per line", LineOptions.DefaultPoints, 2, 10000, "Equally spaced points per line (paper: 50).");

    public static ParameterSpec<double> Length { get; } = Parameter.Real("length", "Shortest line (px)", LineOptions.DefaultMinLength, 0, 100000, "Lines shorter than this are dropped as specks.");

    public static ParameterSpec<double> Span { get; } = Parameter.Real("span", "Curvature span (px)", LineOptions.DefaultCurvatureSpan, 0.5, 100000, "Arc length to each neighbour of the circle that measures the curvature at a point.");

    public static ParameterSpec<double> Knots { get; } = Parameter.Real("knots", "Spline knot spacing (px)", MaskLineOptions.Default.KnotSpacing, 0.5, 1000, "Arc length between the smoothing spline's knots along the skeleton.");

    public static ParameterSpec<double> Pixel { get; } = Parameter.Real("pixel", "Pixel size (nm; 0 = unknown)", 0, 0, 1e6, "Side of one pixel in nm; fills the nm columns. 0 in ImageJ: the image's calibration, when its unit is a length.");

    public static ParameterSpec<double> Modulus { get; } = Parameter.Real("modulus", "Shear modulus (GPa; 0 = no stress)", 0, 0, 1e4, "Shear modulus μ for the line-tension stress τ ≈ μb/(2R); needs burgers and pixel.");

    public static ParameterSpec<double> Burgers { get; } = Parameter.Real("burgers", "Burgers vector (nm)", 0, 0, 100, "Magnitude of the Burgers vector b in nm, for the line-tension stress.");

    public static ParameterSpec<bool> Labelme { get; } = Parameter.Flag("labelme", "Also write labelme files", true, "Write labelme/<frame>.json with one linestrip per line (group_id = track id).");

    public static ParameterSpec<string> TrackMate { get; } = Parameter.Path("trackmate", "TrackMate file (XML)", ParameterKind.OutputFile, "Also write the tracks as a TrackMate XML file (spots with their line ROIs, edges), for TrackMate's viewers and analysers; empty = none.");

    public static ParameterSpec<string> Overlay { get; } = Parameter.Text("overlay", "Draw on (TEM image or stack)", string.Empty, "Image or stack of the same size drawn under overlay.png (e.g. the stack that was segmented); empty = gray.");

    public static ParameterSpec<bool> Rois { get; } = Parameter.Flag("rois", "Lines (RoiSet.zip)", true, "Write RoiSet.zip with one polyline ROI per line and frame for ImageJ's ROI Manager.");

    public static ParameterSpec<double> Gate { get; } = Parameter.Real("gate", "Largest jump (px per frame)", LinkingOptions.DefaultMaxDistance, 0.1, 100000, "Largest mean distance between a track's last line and a new line that can still be linked.");

    public static ParameterSpec<long> Gap { get; } = Parameter.Whole("gap", "Largest gap (frames)", LinkingOptions.DefaultMaxGap, 0, 1000, "Frames a line may be missing and its track still be continued.");

    public static ParameterSpec<double> Penalty { get; } = Parameter.Real("penalty", "Gap penalty (px per missed frame)", LinkingOptions.DefaultGapPenalty, 0, 100000, "Added to a link's cost for each frame the track was missing.");

    public static ParameterSpec<double> Glide { get; } = Parameter.Real("glide", "Glide direction (°; -1 = off)", -1, -1, 360, "Slip-direction prior: glide direction, degrees counter-clockwise from the image x axis; links moving across it cost more.");

    public static ParameterSpec<double> Prior { get; } = Parameter.Real("prior", "Prior weight", LinkingOptions.DefaultGlideWeight, 0, 1000, "Cost per pixel of displacement across the glide direction.");

    public static ParameterSpec<double> Drift { get; } = Parameter.Real("drift", "Common shift, largest (px per frame; 0 = off)", LinkingOptions.DefaultMaxShift, 0, 100000, "Largest shift of all lines together between two frames (specimen drift, a pileup gliding as one) that linking looks for and compensates, so neighbours do not swap ids; 0 = off.");

    public static ParameterSpec<double> Interval { get; } = Parameter.Real("interval", "Frame interval (s; 0 = unknown)", 0, 0, 1e6, "Time between frames in seconds; velocities in nm/s need it and the pixel size. 0 in ImageJ: the image's frame interval, when set.");

    public static ParameterSpec<double> Stop { get; } = Parameter.Real("stop", "Stopped below (px per frame)", JerkyMotionOptions.Default.StopThreshold, 0, 1000, "A step smaller than this along the motion direction counts as a stop.");

    public static ParameterSpec<double> Tolerance { get; } = Parameter.Real("tolerance", "Pileup angle tolerance (°)", PileupOptions.Default.AngleToleranceDegrees, 0, 90, "Tracks whose line directions differ by less than this can belong to one pileup.");

    public static ParameterSpec<double> Spacing { get; } = Parameter.Real("spacing", "Pileup line spacing, max (px)", PileupOptions.Default.MaxSpacing, 0.1, 100000, "Largest distance between neighbouring dislocations of one pileup.");

    /// <summary>Parameters that turn masks into measured lines.</summary>
    public static IEnumerable<ParameterSpec> LineParameters => [Kind, Threshold, Points, Length, Span, Knots, Pixel, Modulus, Burgers];

    /// <summary>Parameters that link lines into tracks and analyse them.</summary>
    public static IEnumerable<ParameterSpec> TrackingParameters => [Gate, Gap, Penalty, Glide, Prior, Drift, Interval, Stop, Tolerance, Spacing];

    /// <summary>The mask kind given.</summary>
    public static MaskInputKind MaskKind(ParameterValues v) => Enum.Parse<MaskInputKind>(v.Get(Kind), ignoreCase: true);

    /// <summary>
    /// The settings given; parameters a command does not declare keep their defaults. A pixel size or frame interval
    /// left at 0 is taken from <paramref name="calibration"/> (the ImageJ image's), when it has one.
    /// </summary>
    public static TrackingSettings Settings(ParameterValues v, ImageData? calibration = null)
    {
        ArgumentNullException.ThrowIfNull(v);
        var d = TrackingSettings.Default;
        var pixel = Positive(v, Pixel) ?? (calibration is null ? null : PixelSizeNm(calibration));
        var interval = Positive(v, Interval) ?? (calibration is { FrameInterval: > 0 and var seconds } ? seconds : null);
        var modulus = Positive(v, Modulus);
        var burgers = Positive(v, Burgers);
        if ((modulus is null) != (burgers is null))
        {
            throw new ParameterException(modulus is null ? Modulus.Key : Burgers.Key, "the line-tension stress needs both the shear modulus and the Burgers vector");
        }

        if (modulus is not null && pixel is null)
        {
            throw new ParameterException(Pixel.Key, "the line-tension stress needs the pixel size (nm) to turn curvature into 1/nm");
        }

        var glide = v.GetOr(Glide, -1);
        var settings = d with
        {
            Lines = d.Lines with
            {
                Points = checked((int)v.GetOr(Points, d.Lines.Points)),
                MinLength = v.GetOr(Length, d.Lines.MinLength),
                CurvatureSpan = v.GetOr(Span, d.Lines.CurvatureSpan),
                Mask = MaskLineOptions.Default with
                {
                    Threshold = v.GetOr(Threshold, MaskLineOptions.Default.Threshold),
                    KnotSpacing = v.GetOr(Knots, MaskLineOptions.Default.KnotSpacing),
                },
            },
            Linking = d.Linking with
            {
                MaxDistance = v.GetOr(Gate, d.Linking.MaxDistance),
                MaxGap = checked((int)v.GetOr(Gap, d.Linking.MaxGap)),
                GapPenalty = v.GetOr(Penalty, d.Linking.GapPenalty),
                GlideAngleDegrees = glide < 0 ? null : glide,
                GlideWeight = v.GetOr(Prior, d.Linking.GlideWeight),
                MaxShift = v.GetOr(Drift, d.Linking.MaxShift),
            },
            Scale = new PhysicalScale(pixel, interval),
            Tension = modulus is { } mu && burgers is { } b ? new LineTension(mu, b) : null,
            Kinematics = d.Kinematics with { CurvatureSpan = v.GetOr(Span, d.Kinematics.CurvatureSpan) },
            Jerky = v.Has(Stop) ? new JerkyMotionOptions(v.Get(Stop)) : d.Jerky,
            Pileups = d.Pileups with
            {
                AngleToleranceDegrees = v.GetOr(Tolerance, d.Pileups.AngleToleranceDegrees),
                MaxSpacing = v.GetOr(Spacing, d.Pileups.MaxSpacing),
            },
        };
        settings.Validate();
        return settings;
    }

    /// <summary>
    /// The image's pixel width in nm when its calibration unit is a length (nm, µm/um/micron, Å, mm) and the pixel is
    /// square; null otherwise (uncalibrated images say "pixel").
    /// </summary>
    internal static double? PixelSizeNm(ImageData image)
    {
        ArgumentNullException.ThrowIfNull(image);
        double? perUnit = image.Unit.Trim().ToLowerInvariant() switch
        {
            "nm" or "nanometer" or "nanometers" or "nanometre" or "nanometres" => 1,
            "µm" or "μm" or "um" or "micron" or "microns" or "micrometer" or "micrometers" or "micrometre" or "micrometres" => 1000,
            "å" or "angstrom" or "angstroms" => 0.1,
            "mm" => 1e6,
            _ => null,
        };
        var square = Math.Abs(image.PixelWidth - image.PixelHeight) <= 1e-9 * Math.Abs(image.PixelWidth);
        return perUnit is { } k && image.PixelWidth > 0 && double.IsFinite(image.PixelWidth) && square ? image.PixelWidth * k : null;
    }

    // 0 stands for "not given" in dialogs and macros, where a blank number is awkward.
    private static double? Positive(ParameterValues v, ParameterSpec<double> parameter) => v.GetOr(parameter, 0) is > 0 and var value ? value : null;
}
