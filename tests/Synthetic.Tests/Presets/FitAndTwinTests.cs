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
    private readonly string root = TestData.TempFolder();

    public void Dispose() => Directory.Delete(this.root, recursive: true);

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
        var path = Path.Combine(this.root, name + ".json");
        LabelmeJson.Write(path, doc);
        return path;
    }

    [Fact]
    public void Fit_RecoversPileupCountsAngleSlipWidthAndSpacing()
    {
        this.WriteAnnotation("a", Pileup(new PointD(40, 30), 30, 100, 20, 3));
        this.WriteAnnotation("b", [.. Pileup(new PointD(40, 30), 30, 100, 20, 4), .. Pileup(new PointD(200, 200), 120, 60, 15, 1)]);
        var preset = PresetFitter.Fit(this.root, GeneratorSettings.Default, linkDistance: 80, maxAngle: 20);
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
        var path = Path.Combine(this.root, "m1.preset");
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
        File.WriteAllText(Path.Combine(this.root, "broken.json"), "{\"shapes\": [{\"label\": \"d\", \"shape_type\": \"linestrip\", \"points\": [[1, 2]]}], \"imageWidth\": 10, \"imageHeight\": 10, \"imagePath\": \"x.png\"}");
        var e = Assert.Throws<InputFileException>(() => PresetFitter.Fit(this.root, GeneratorSettings.Default, 80, 20));
        Assert.Contains("broken.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("shapes[0].points", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_EmptyFolder_IsAClearError()
    {
        var e = Assert.Throws<InputFileException>(() => PresetFitter.Fit(this.root, GeneratorSettings.Default, 80, 20));
        Assert.Contains("no labelme", e.Message, StringComparison.Ordinal);
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
