using Dislocate.Core.Drawing;
using Dislocate.Core.Filters;
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

    /// <summary>Length of the straight pieces a slip trace is split into, pixels.</summary>
    private const double TracePieceLength = 8;

    [ThreadStatic]
    private static SampleRenderer? perThread;

    private readonly PolylineDistanceField field;
    private readonly float[] scratch;
    private readonly SampleCanvas canvas;

    /// <summary>Creates a renderer for images of the given size.</summary>
    public SampleRenderer(int width, int height)
    {
        this.Width = width;
        this.Height = height;
        this.field = new PolylineDistanceField(width, height);
        this.scratch = new float[width * height];
        this.canvas = new SampleCanvas(width, height);
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

    /// <summary>Renders the recipe into new arrays that the caller owns; <paramref name="library"/> is needed only for real backgrounds.</summary>
    public RenderedSample Render(ImageRecipe recipe, BackgroundLibrary? library)
    {
        return Owned(this.RenderInPlace(recipe, library));
    }

    /// <summary>
    /// Renders the recipe into this renderer's own canvas and returns a view of it, valid until the next render on
    /// this renderer: the allocation-free path for writing datasets and filling training batches.
    /// </summary>
    public RenderedSample RenderInPlace(ImageRecipe recipe, BackgroundLibrary? library) => this.RenderInPlace(recipe, library, null);

    /// <summary>
    /// Renders the recipe onto a given background (values in [0, 1], width × height) instead of the recipe's own:
    /// dislocations drawn onto a user's micrograph. Returns new arrays the caller owns.
    /// </summary>
    public RenderedSample RenderOnto(ImageRecipe recipe, float[] background)
    {
        ArgumentNullException.ThrowIfNull(background);
        return Owned(this.RenderInPlace(recipe, null, background));
    }

    /// <summary>A copy of a canvas view whose arrays the caller owns.</summary>
    private static RenderedSample Owned(RenderedSample view) => view with
    {
        Image = view.Image.Clone(),
        Masks = view.Masks.Select(m => (byte[])m.Clone()).ToList(),
        Union = (byte[])view.Union.Clone(),
    };

    private RenderedSample RenderInPlace(ImageRecipe recipe, BackgroundLibrary? library, float[]? background)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        if (recipe.Width != this.Width || recipe.Height != this.Height)
        {
            throw new ArgumentException($"Recipe is {recipe.Width}×{recipe.Height}, renderer is {this.Width}×{this.Height}.", nameof(recipe));
        }

        var dislocations = recipe.Dislocations.ToList();
        this.canvas.Reset(dislocations.Count);
        var pixels = this.canvas.Image.Pixels;
        if (background is null)
        {
            this.RenderBackground(recipe.Background, library, pixels);
        }
        else
        {
            background.AsSpan(0, pixels.Length).CopyTo(pixels);
        }

        foreach (var pileup in recipe.Pileups)
        {
            foreach (var trace in pileup.Traces)
            {
                this.DrawTrace(trace, pixels);
            }
        }

        var lines = new List<PointD[]>(dislocations.Count);
        for (var k = 0; k < dislocations.Count; k++)
        {
            var line = CentreLine(dislocations[k]);
            this.DrawDislocation(dislocations[k], line, recipe.Profile, recipe.MaskWidth, pixels, k);
            lines.Add(line);
        }

        ImageStatistics.Clip(pixels, 0f, 1f); // Math.Clamp's result for every value, NaN and −0 included, vectorized
        return new RenderedSample(recipe, this.canvas.Image, this.canvas.Masks, this.canvas.Union, lines);
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

        return new CubicSpline(Polyline.RemoveRepeats(knots)).Sample(CentreLineStep);
    }

    private void DrawTrace(TraceRecipe trace, float[] pixels)
    {
        // A straight line through the whole image, cut to the image and split into short pieces: the distance
        // field visits each segment's bounding box, which for one long diagonal segment would be the whole image.
        var t = Microstructure.PileupGeometry.Direction(trace.AngleDegrees);
        var reach = 2.0 * (this.Width + this.Height);
        var p = new PointD(trace.X0, trace.Y0);
        var extent = LineProfile.Extent(LineProfileKind.Flat, trace.Width);
        ReadOnlySpan<PointD> segment = [p - (t * reach), p + (t * reach)];
        var width = (float)trace.Width;
        var contrast = (float)trace.Contrast;
        foreach (var part in Polyline.ClipToRect(segment, -extent, -extent, this.Width + extent, this.Height + extent))
        {
            var pieces = Math.Max(1, (int)Math.Ceiling(Polyline.Length(part) / TracePieceLength));
            this.field.Compute(Polyline.ResampleEquidistant(part, pieces + 1), extent);
            var distances = this.field.TouchedDistances;
            var indices = this.field.TouchedIndices;
            for (var i = 0; i < indices.Length; i++)
            {
                pixels[indices[i]] += contrast * LineCoverage.BoxCoverage(distances[i], width);
            }
        }
    }

    private void DrawDislocation(DislocationRecipe d, PointD[] line, LineProfileKind profile, double maskWidth, float[] pixels, int maskIndex)
    {
        var extent = Math.Max(LineProfile.Extent(profile, d.LineWidth), maskWidth / 2);
        this.field.Compute(line, extent);
        var width = (float)d.LineWidth;
        var contrast = (float)d.Contrast;
        var fringe = (float)d.FringeStrength;
        var maskRadius = (float)(maskWidth / 2);
        var distances = this.field.TouchedDistances;
        var indices = this.field.TouchedIndices;
        for (var i = 0; i < indices.Length; i++)
        {
            var index = indices[i];
            var distance = distances[i];
            pixels[index] *= 1f - (contrast * LineProfile.Evaluate(profile, distance, width, fringe));
            if (distance <= maskRadius)
            {
                this.canvas.Mark(maskIndex, index);
            }
        }
    }
}
