using Dislocate.Contracts;
using Dislocate.Core.Geometry;
using Dislocate.Core.IO;
using Dislocate.Synthetic.Commands;
using Dislocate.Synthetic.Presets;
using Dislocate.Synthetic.Recipes;
using Dislocate.Synthetic.Rendering;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Tests.Presets;

public sealed class FitAndTwinTests : IDisposable
{
    private readonly TempFolder scratch = new();

    public void Dispose() => this.scratch.Dispose();

    /// <summary>
    /// A pileup of <paramref name="count"/> slightly bowed lines between traces at angle α, Δd apart, shifted by
    /// <paramref name="spacing"/> along the traces: the known answer for the fitter.
    /// </summary>
    private static List<(double X, double Y)[]> Pileup(PointD p0, double alphaDegrees, double slipWidth, double spacing, int count)
    {
        var a = alphaDegrees * Math.PI / 180;
        var t = new PointD(Math.Cos(a), Math.Sin(a));
        var n = new PointD(-t.Y, t.X);
        var lines = new List<(double X, double Y)[]>();
        for (var k = 0; k < count; k++)
        {
            var start = p0 + (t * (k * spacing));
            lines.Add([.. Enumerable.Range(0, 5).Select(i =>
            {
                var u = i / 4.0;
                var p = start + (n * (u * slipWidth)) + (t * (4 * u * (1 - u) * 3));
                return (p.X, p.Y);
            })]);
        }

        return lines;
    }

    private string WriteAnnotation(string name, IEnumerable<(double X, double Y)[]> lines, int w = 256, int h = 256)
    {
        var doc = new LabelmeDocument(lines.Select(l => new LabelmeShape("dislocation", LabelmeShapeTypes.LineStrip, l)).ToList(), name + ".png", w, h);
        var path = Path.Combine(this.scratch.Path, name + ".json");
        LabelmeJson.Write(path, doc);
        return path;
    }

    [Fact]
    public void Fit_RecoversPileupCountsAngleSlipWidthAndSpacing()
    {
        this.WriteAnnotation("a", Pileup(new PointD(40, 30), 30, 100, 20, 3));
        this.WriteAnnotation("b", [.. Pileup(new PointD(40, 30), 30, 100, 20, 4), .. Pileup(new PointD(200, 200), 120, 60, 15, 1)]);
        var preset = PresetFitter.Fit(this.scratch.Path, GeneratorSettings.Default, linkDistance: 80, maxAngle: 20);
        var e = preset.Settings.Microstructure.Empirical!;
        Assert.Equal([1, 2], e.PileupsPerImage);
        Assert.Equal([3, 4, 1], e.PerPileup);
        Assert.Equal(30, e.AngleDegrees[0], 6);
        Assert.Equal(30, e.AngleDegrees[1], 6);
        Assert.Equal(100, e.SlipWidth[0], 6);
        Assert.Equal(60, e.SlipWidth[2], 6);
        Assert.All(e.Spacing, s => Assert.Equal(20, s, 6));
        Assert.Equal(5, e.Spacing.Length);
        Assert.Equal(8, preset.Settings.Microstructure.Shapes.Count);
        Assert.Equal(8, preset.Fit!.Lines);

        // The preset file round-trips and drives the sampler: pileup counts come only from the observed ones.
        var path = Path.Combine(this.scratch.Path, "m1.preset");
        PresetFile.Write(path, preset);
        var read = PresetFile.Read(path);
        Assert.Equal(SyntheticJson.Serialize(preset), SyntheticJson.Serialize(read));
        for (ulong seed = 0; seed < 20; seed++)
        {
            var r = RecipeSampler.Sample(read.Settings with { Width = 256, Height = 256 }, seed, null);
            Assert.InRange(r.Pileups.Count, 1, 2);
        }
    }

    [Fact]
    public void Fit_MalformedAnnotation_NamesFileAndField()
    {
        File.WriteAllText(Path.Combine(this.scratch.Path, "broken.json"), "{\"shapes\": [{\"label\": \"d\", \"shape_type\": \"linestrip\", \"points\": [[1, 2]]}], \"imageWidth\": 10, \"imageHeight\": 10, \"imagePath\": \"x.png\"}");
        var e = Assert.Throws<InputFileException>(() => PresetFitter.Fit(this.scratch.Path, GeneratorSettings.Default, 80, 20));
        Assert.Contains("broken.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("shapes[0].points", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_EmptyFolder_IsAClearError()
    {
        var e = Assert.Throws<InputFileException>(() => PresetFitter.Fit(this.scratch.Path, GeneratorSettings.Default, 80, 20));
        Assert.Contains("neither labelme", e.Message, StringComparison.Ordinal);
    }

    /// <summary>The lines drawn one pixel wide (white on black, 8-connected) into a PNG, as a union mask without ids.</summary>
    private void WriteMask(string name, IEnumerable<(double X, double Y)[]> lines, int w = 256, int h = 256, byte background = 0, byte line = 255)
    {
        var pixels = new byte[w * h];
        pixels.AsSpan().Fill(background);
        foreach (var l in lines)
        {
            for (var i = 0; i + 1 < l.Length; i++)
            {
                var steps = (int)Math.Ceiling(4 * Math.Max(Math.Abs(l[i + 1].X - l[i].X), Math.Abs(l[i + 1].Y - l[i].Y)));
                for (var j = 0; j <= steps; j++)
                {
                    var t = j / (double)Math.Max(steps, 1);
                    var (x, y) = ((int)(l[i].X + (t * (l[i + 1].X - l[i].X))), (int)(l[i].Y + (t * (l[i + 1].Y - l[i].Y))));
                    if (x >= 0 && y >= 0 && x < w && y < h)
                    {
                        pixels[(y * w) + x] = line;
                    }
                }
            }
        }

        using var file = File.Create(Path.Combine(this.scratch.Path, name + ".png"));
        PngEncoder.WriteGray8(file, pixels, w, h);
    }

    [Fact]
    public void Fit_FromUnionMasks_FindsTheSamePileups_AsFromTheirAnnotations()
    {
        // White lines on black and dark strokes on white (hand-drawn masks) read alike: the background is the commonest value.
        // As the annotation test, moved right so that no line leaves the image.
        this.WriteMask("a", Pileup(new PointD(120, 30), 30, 100, 20, 3));
        this.WriteMask("b", [.. Pileup(new PointD(120, 30), 30, 100, 20, 4), .. Pileup(new PointD(200, 200), 120, 60, 15, 1)], background: 255, line: 0);
        var preset = PresetFitter.Fit(this.scratch.Path, GeneratorSettings.Default, linkDistance: 80, maxAngle: 20);
        var e = preset.Settings.Microstructure.Empirical!;
        Assert.Equal([1, 2], e.PileupsPerImage);
        Assert.Equal([3, 4, 1], e.PerPileup);
        Assert.Equal(30, e.AngleDegrees[0], 0); // pixel staircases: within a degree or so, not exactly
        Assert.InRange(e.SlipWidth[0], 97, 101);
        Assert.InRange(e.SlipWidth[2], 57, 61);
        Assert.All(e.Spacing, s => Assert.InRange(s, 18.5, 21.5));
        Assert.Equal(8, preset.Fit!.Lines);
        Assert.Equal(PresetFitter.MaskLinePoints, preset.Settings.Microstructure.Shapes[0].U.Length);
    }

    [Fact]
    public void Fit_SkipsTheShapeOfANearlyClosedLoop_AndStillWritesAPreset()
    {
        // A hand-drawn loop whose ends almost meet has a chord far shorter than the line: its shape would lie beyond the
        // ±4 chord lengths a preset may hold (found fitting the development video's masks, which then failed).
        var loop = Enumerable.Range(0, 40).Select(k => (X: 180 + (30 * Math.Cos(0.1 + (k * 6.0 / 39))), Y: 120 + (30 * Math.Sin(0.1 + (k * 6.0 / 39))))).ToArray();
        Assert.Null(ShapeLibrary.FromPolyline([.. loop.Select(p => new PointD(p.X, p.Y))]));
        this.WriteMask("a", [.. Pileup(new PointD(60, 30), 30, 100, 20, 3), loop]);
        var preset = PresetFitter.Fit(this.scratch.Path, GeneratorSettings.Default, linkDistance: 80, maxAngle: 20);
        Assert.Equal(4, preset.Fit!.Lines);
        Assert.Equal(3, preset.Settings.Microstructure.Shapes.Count);
        SettingsValidator.Validate(preset.Settings);
    }

    [Fact]
    public void Fit_FromUnionMasks_TouchingLinesAreOnePiece_AndSpecksAreSkipped()
    {
        var crossing = new List<(double X, double Y)[]> { new[] { (20.0, 20.0), (120.0, 120.0) }, new[] { (20.0, 120.0), (120.0, 20.0) }, new[] { (200.0, 200.0), (201.0, 201.0) } };
        this.WriteMask("x", crossing);
        var lines = PresetFitter.MaskLinesOf(Core.IO.ImageFileReader.ReadGray(Path.Combine(this.scratch.Path, "x.png")));
        var only = Assert.Single(lines);
        var length = only.Zip(only.Skip(1), (a, b) => (b - a).Length).Sum();
        Assert.InRange(length, 125, 143); // two of the X's four arms (each ≈ 70 px), through the centre
    }

    [Fact]
    public void Twin_DrawsEveryAnnotatedLine_ThroughItsPoints()
    {
        var lines = Pileup(new PointD(30, 20), 10, 80, 25, 3);
        var path = this.WriteAnnotation("real", lines, 160, 128);
        var settings = GeneratorSettings.Default with { Width = 160, Height = 128 };
        var recipe = TwinCommand.Recipe(LabelmeJson.Read(path), path, settings, 5, null);
        Assert.Single(recipe.Pileups);
        var sample = new SampleRenderer(160, 128).Render(recipe, null);
        Assert.Equal(3, sample.Masks.Count);
        for (var k = 0; k < 3; k++)
        {
            var d = recipe.Dislocations.ElementAt(k);
            Assert.Equal(lines[k].Select(p => p.X), d.X);
            foreach (var (x, y) in lines[k])
            {
                Assert.Equal(255, sample.Masks[k][((int)y * 160) + (int)x]);
            }
        }
    }
}
