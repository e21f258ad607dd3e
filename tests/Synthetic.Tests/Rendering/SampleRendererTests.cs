using Dislocate.Contracts;
using Dislocate.Core.Geometry;
using Dislocate.Synthetic.Recipes;
using Dislocate.Synthetic.Rendering;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Tests.Rendering;

public class SampleRendererTests
{
    private static RenderedSample Render(GeneratorSettings s, ulong seed) =>
        new SampleRenderer(s.Width, s.Height).Render(RecipeSampler.Sample(s, seed, null), null);

    [Theory]
    [InlineData(LineProfileKind.Flat, 3.0)]
    [InlineData(LineProfileKind.Fringe, 2.0)]
    [InlineData(LineProfileKind.Gaussian, 5.0)]
    public void EachMask_CoversExactlyThePixelsWithinHalfMaskWidthOfItsLine(LineProfileKind profile, double maskWidth)
    {
        var s = TestData.Small with { Drawing = TestData.Small.Drawing with { Profile = profile, MaskWidth = maskWidth } };
        var sample = Render(s, 3);
        Assert.NotEmpty(sample.Masks);
        for (var k = 0; k < sample.Masks.Count; k++)
        {
            var line = sample.CentreLines[k];
            for (var y = 0; y < s.Height; y++)
            {
                for (var x = 0; x < s.Width; x++)
                {
                    var d = Polyline.DistanceToPolyline(new PointD(x + 0.5, y + 0.5), line);
                    if (Math.Abs(d - (maskWidth / 2)) < 1e-4)
                    {
                        continue; // On the boundary float rounding may go either way.
                    }

                    var expected = d < maskWidth / 2 ? 255 : 0;
                    Assert.True(expected == sample.Masks[k][(y * s.Width) + x], $"mask {k + 1} pixel ({x},{y}) at distance {d}");
                }
            }
        }
    }

    [Fact]
    public void Union_IsTheOrOfAllMasks()
    {
        var sample = Render(TestData.Small, 9);
        for (var i = 0; i < sample.Union.Length; i++)
        {
            var any = sample.Masks.Any(m => m[i] != 0);
            Assert.Equal(any ? 255 : 0, sample.Union[i]);
        }
    }

    [Fact]
    public void FlatLine_DarkensTheBackgroundBy1MinusContrast_AtItsCore()
    {
        var s = TestData.Small with
        {
            Microstructure = TestData.Small.Microstructure with { Pileups = ValueRange.Fixed(1), PerPileup = ValueRange.Fixed(1), TraceProbability = 0 },
            Drawing = TestData.Small.Drawing with { LineWidth = ValueRange.Fixed(4) },
        };
        var recipe = RecipeSampler.Sample(s, 21, null);
        var renderer = new SampleRenderer(s.Width, s.Height);
        var sample = renderer.Render(recipe, null);
        var background = new float[s.Width * s.Height];
        renderer.RenderBackground(recipe.Background, null, background);
        var d = recipe.Dislocations.Single();
        var line = sample.CentreLines[0];
        var checkedPixels = 0;
        for (var i = 0; i < background.Length; i++)
        {
            var dist = Polyline.DistanceToPolyline(new PointD((i % s.Width) + 0.5, (i / s.Width) + 0.5), line);
            if (dist <= 1.4)
            {
                Assert.Equal(background[i] * (1 - (float)d.Contrast), sample.Image.Pixels[i], 5);
                checkedPixels++;
            }
            else if (dist > 2.6)
            {
                Assert.Equal(background[i], sample.Image.Pixels[i]);
            }
        }

        Assert.True(checkedPixels > 20);
    }

    [Fact]
    public void SlipTraces_ChangeTheImage_ButNeverTheMasks()
    {
        var s = TestData.Small with { Microstructure = TestData.Small.Microstructure with { TraceProbability = 1, TraceContrast = ValueRange.Fixed(-0.2) } };
        var recipe = RecipeSampler.Sample(s, 4, null);
        Assert.All(recipe.Pileups, p => Assert.Equal(2, p.Traces.Count));
        var renderer = new SampleRenderer(s.Width, s.Height);
        var with = renderer.Render(recipe, null);
        var without = renderer.Render(recipe with { Pileups = recipe.Pileups.Select(p => p with { Traces = [] }).ToList() }, null);
        Assert.NotEqual(with.Image.Pixels, without.Image.Pixels);
        Assert.Equal(without.Masks.Count, with.Masks.Count);
        for (var k = 0; k < with.Masks.Count; k++)
        {
            Assert.Equal(without.Masks[k], with.Masks[k]);
        }
    }

    [Fact]
    public void SameRecipe_GivesSameBytes_OnAnyRenderer()
    {
        var recipe = RecipeSampler.Sample(TestData.Small, 77, null);
        var a = new SampleRenderer(96, 96).Render(recipe, null);
        var other = new SampleRenderer(96, 96);
        other.Render(RecipeSampler.Sample(TestData.Small, 78, null), null); // Dirty scratch buffers must not leak into the next image.
        var b = other.Render(recipe, null);
        Assert.Equal(a.Image.Pixels, b.Image.Pixels);
        Assert.Equal(a.Masks.Count, b.Masks.Count);
        Assert.All(Enumerable.Range(0, a.Masks.Count), k => Assert.Equal(a.Masks[k], b.Masks[k]));
    }

    [Fact]
    public void ImageValues_StayInUnitInterval_ForEveryProfile()
    {
        foreach (var profile in Enum.GetValues<LineProfileKind>())
        {
            var s = TestData.Small with { Drawing = TestData.Small.Drawing with { Profile = profile, FringeStrength = ValueRange.Fixed(2) } };
            Assert.All(Render(s, 5).Image.Pixels, v => Assert.InRange(v, 0f, 1f));
        }
    }
}
