using Dislocate.Core.Drawing;
using Dislocate.Core.Geometry;
using Dislocate.Core.Imaging;
using Dislocate.Synthetic.Backgrounds;
using Dislocate.Synthetic.Recipes;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Rendering;

/// <summary>
/// Renders an <see cref="ImageRecipe"/>: background, weak slip traces, then each dislocation darkening the image
/// by I ← I·(1 − c·p(d)), and a binary mask per dislocation where d ≤ mask width / 2 (paper section 2.4).
/// </summary>
/// <remarks>
/// A renderer keeps scratch buffers for one image size and is not thread-safe: use one per thread
/// (<see cref="ForCurrentThread"/>). Rendering is a pure function of the recipe: same recipe, same bytes.
/// </remarks>
public sealed class SampleRenderer
{
    /// <summary>Spline sampling step in pixels: fine enough that the polyline is within 0.01 px of the spline.</summary>
    public const double CentreLineStep = 0.5;

    [ThreadStatic]
    private static SampleRenderer? perThread;

    private readonly PolylineDistanceField field;
    private readonly float[] scratch;

    /// <summary>Creates a renderer for images of the given size.</summary>
    public SampleRenderer(int width, int height)
    {
        this.Width = width;
        this.Height = height;
        this.field = new PolylineDistanceField(width, height);
        this.scratch = new float[width * height];
    }

    /// <summary>Image width this renderer serves.</summary>
    public int Width { get; }

    /// <summary>Image height this renderer serves.</summary>
    public int Height { get; }

    /// <summary>A renderer owned by the calling thread, recreated when the size changes.</summary>
    public static SampleRenderer ForCurrentThread(int width, int height)
    {
        if (perThread is null || perThread.Width != width || perThread.Height != height)
        {
            perThread = new SampleRenderer(width, height);
        }

        return perThread;
    }

    /// <summary>Renders the recipe; <paramref name="library"/> is needed only for real backgrounds.</summary>
    public RenderedSample Render(ImageRecipe recipe, BackgroundLibrary? library)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        if (recipe.Width != this.Width || recipe.Height != this.Height)
        {
            throw new ArgumentException($"Recipe is {recipe.Width}×{recipe.Height}, renderer is {this.Width}×{this.Height}.", nameof(recipe));
        }

        var image = new GrayImage(this.Width, this.Height);
        this.RenderBackground(recipe.Background, library, image.Pixels);
        foreach (var pileup in recipe.Pileups)
        {
            foreach (var trace in pileup.Traces)
            {
                this.DrawTrace(trace, image.Pixels);
            }
        }

        var masks = new List<byte[]>();
        var lines = new List<PointD[]>();
        var union = new byte[this.Width * this.Height];
        foreach (var d in recipe.Dislocations)
        {
            var line = CentreLine(d);
            var mask = new byte[this.Width * this.Height];
            this.DrawDislocation(d, line, recipe.Profile, recipe.MaskWidth, image.Pixels, mask, union);
            masks.Add(mask);
            lines.Add(line);
        }

        Clip01(image.Pixels);
        return new RenderedSample(recipe, image, masks, union, lines);
    }

    /// <summary>Renders only the background of a recipe into <paramref name="destination"/>.</summary>
    public void RenderBackground(BackgroundRecipe background, BackgroundLibrary? library, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(background);
        if (background.Kind == BackgroundKind.Perlin)
        {
            PerlinBackground.Render(background, this.Width, this.Height, destination, this.scratch);
        }
        else
        {
            RealBackground.Render(background, library ?? throw new InvalidOperationException("This recipe has a real background: give the background folder."), this.Width, this.Height, destination);
        }
    }

    /// <summary>The dense centre line of a dislocation: its cubic spline sampled every <see cref="CentreLineStep"/> px.</summary>
    public static PointD[] CentreLine(DislocationRecipe d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var knots = new PointD[d.X.Length];
        for (var i = 0; i < knots.Length; i++)
        {
            knots[i] = new PointD(d.X[i], d.Y[i]);
        }

        return new CubicSpline(knots).Sample(CentreLineStep);
    }

    private void DrawTrace(TraceRecipe trace, float[] pixels)
    {
        // A straight line through the whole image: a segment longer than the image diagonal, clipped by the field.
        var t = Microstructure.PileupGeometry.Direction(trace.AngleDegrees);
        var reach = 2.0 * (this.Width + this.Height);
        var p = new PointD(trace.X0, trace.Y0);
        ReadOnlySpan<PointD> segment = [p - (t * reach), p + (t * reach)];
        this.field.Compute(segment, LineProfile.Extent(LineProfileKind.Flat, trace.Width));
        var width = (float)trace.Width;
        var contrast = (float)trace.Contrast;
        foreach (var index in this.field.TouchedIndices)
        {
            pixels[index] += contrast * LineCoverage.BoxCoverage(this.field.DistanceAt(index), width);
        }
    }

    private void DrawDislocation(DislocationRecipe d, PointD[] line, LineProfileKind profile, double maskWidth, float[] pixels, byte[] mask, byte[] union)
    {
        var extent = Math.Max(LineProfile.Extent(profile, d.LineWidth), maskWidth / 2);
        this.field.Compute(line, extent);
        var width = (float)d.LineWidth;
        var contrast = (float)d.Contrast;
        var fringe = (float)d.FringeStrength;
        var maskRadius = (float)(maskWidth / 2);
        foreach (var index in this.field.TouchedIndices)
        {
            var distance = this.field.DistanceAt(index);
            pixels[index] *= 1f - (contrast * LineProfile.Evaluate(profile, distance, width, fringe));
            if (distance <= maskRadius)
            {
                mask[index] = 255;
                union[index] = 255;
            }
        }
    }

    private static void Clip01(Span<float> pixels)
    {
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = Math.Clamp(pixels[i], 0f, 1f);
        }
    }
}
