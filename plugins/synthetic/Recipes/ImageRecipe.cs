using System.Text.Json.Serialization;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Recipes;

/// <summary>
/// The concrete, fully sampled description of one synthetic image: every random choice already made.
/// Rendering a recipe is a pure function, so a recipe stored as JSON regenerates the image and masks byte for byte.
/// </summary>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Height">Image height in pixels.</param>
/// <param name="Seed">The seed the recipe was sampled from (recorded for provenance).</param>
/// <param name="Background">The background to render.</param>
/// <param name="Pileups">Pileups with their slip traces and dislocations.</param>
/// <param name="Profile">Line profile shared by the image's dislocations.</param>
/// <param name="MaskWidth">Mask line width in pixels.</param>
public sealed record ImageRecipe(
    int Width,
    int Height,
    ulong Seed,
    BackgroundRecipe Background,
    IReadOnlyList<PileupRecipe> Pileups,
    LineProfileKind Profile,
    double MaskWidth)
{
    /// <summary>All dislocations in instance order (mask page order).</summary>
    [JsonIgnore]
    public IEnumerable<DislocationRecipe> Dislocations => this.Pileups.SelectMany(p => p.Dislocations);
}

/// <summary>A sampled background: synthetic noise parameters with its seed, or real-image layers.</summary>
/// <param name="Kind">Which model.</param>
/// <param name="PerlinSeed">Seed of the two Perlin permutation tables (kept across the frames of a sequence).</param>
/// <param name="WhiteNoiseSeed">Seed of the two white-noise fields (new in every frame of a sequence).</param>
/// <param name="Wavelength1">λ1 in pixels.</param>
/// <param name="Wavelength2">λ2 in pixels.</param>
/// <param name="PerlinWeight">w_perlin.</param>
/// <param name="WhiteWeight">w_white.</param>
/// <param name="Sigma1">s1 in pixels.</param>
/// <param name="NoiseRatio">r_noise.</param>
/// <param name="Sigma2">s2 in pixels.</param>
/// <param name="OffsetX">Noise-field offset in pixels (background drift in sequences).</param>
/// <param name="OffsetY">Noise-field offset in pixels.</param>
/// <param name="Layers">Real-image crops, base first (empty for Perlin).</param>
public sealed record BackgroundRecipe(
    BackgroundKind Kind,
    ulong PerlinSeed,
    ulong WhiteNoiseSeed,
    double Wavelength1,
    double Wavelength2,
    double PerlinWeight,
    double WhiteWeight,
    double Sigma1,
    double NoiseRatio,
    double Sigma2,
    double OffsetX,
    double OffsetY,
    IReadOnlyList<BackgroundLayer> Layers);

/// <summary>One real-image crop: source file, crop rectangle in source pixels, scale and opacity.</summary>
/// <param name="File">File name relative to the background folder.</param>
/// <param name="Sha256">Content hash of the file, so a replay detects a changed library.</param>
/// <param name="X">Crop left edge in the (scaled) source.</param>
/// <param name="Y">Crop top edge in the (scaled) source.</param>
/// <param name="Scale">Source scale factor (≥ 1 when the source was smaller than the output).</param>
/// <param name="FlipX">Mirror horizontally.</param>
/// <param name="FlipY">Mirror vertically.</param>
/// <param name="Opacity">1 for the base layer; α for a superimposed layer.</param>
public sealed record BackgroundLayer(string File, string Sha256, int X, int Y, double Scale, bool FlipX, bool FlipY, double Opacity);

/// <summary>A pileup: two slip traces and the dislocations between them.</summary>
/// <param name="AngleDegrees">Slip-trace inclination α.</param>
/// <param name="SlipWidth">Δd in pixels.</param>
/// <param name="P0X">Start point p0 of the first dislocation (on trace A).</param>
/// <param name="P0Y">Start point p0 of the first dislocation (on trace A).</param>
/// <param name="GlideSign">+1 or −1: the side of p0 on which followers lie (the pileup's leading end is p0).</param>
/// <param name="Traces">Drawn slip traces (none, or both).</param>
/// <param name="Dislocations">Dislocations, leading first.</param>
public sealed record PileupRecipe(
    double AngleDegrees,
    double SlipWidth,
    double P0X,
    double P0Y,
    int GlideSign,
    IReadOnlyList<TraceRecipe> Traces,
    IReadOnlyList<DislocationRecipe> Dislocations);

/// <summary>A slip trace drawn as a weak straight line through the whole image; not a dislocation, never in a mask.</summary>
/// <param name="X0">A point on the trace.</param>
/// <param name="Y0">A point on the trace.</param>
/// <param name="AngleDegrees">Direction.</param>
/// <param name="Contrast">Signed gray-value change (negative dark).</param>
/// <param name="Width">Line width in pixels.</param>
public sealed record TraceRecipe(double X0, double Y0, double AngleDegrees, double Contrast, double Width);

/// <summary>One dislocation: its instance id, the spline support points in pixel coordinates, and how it is drawn.</summary>
/// <param name="Id">Instance id, 1-based; mask page Id − 1; constant over the frames of a sequence.</param>
/// <param name="X">Support-point x coordinates (pixel (x, y) covers [x, x+1)).</param>
/// <param name="Y">Support-point y coordinates.</param>
/// <param name="LineWidth">Drawn width in pixels.</param>
/// <param name="Contrast">Relative darkening c at the centre.</param>
/// <param name="FringeStrength">Bright-fringe amplitude relative to c (Fringe profile).</param>
public sealed record DislocationRecipe(int Id, double[] X, double[] Y, double LineWidth, double Contrast, double FringeStrength);
