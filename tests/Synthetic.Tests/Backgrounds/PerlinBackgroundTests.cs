using Dislocate.Contracts;
using Dislocate.Core.Filters;
using Dislocate.Core.Noise;
using Dislocate.Core.Random;
using Dislocate.Synthetic.Backgrounds;
using Dislocate.Synthetic.Recipes;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Tests.Backgrounds;

public class PerlinBackgroundTests
{
    private const int W = 128;
    private const int H = 96;

    private static BackgroundRecipe Recipe(double wp = 0.3, double ww = 0.6, double s1 = 1, double rn = 0.3, double s2 = 0.7, ulong seed = 11) =>
        new(BackgroundKind.Perlin, seed, seed + 1, 30, 12, wp, ww, s1, rn, s2, 0, 0, []);

    private static float[] Render(BackgroundRecipe r)
    {
        var dest = new float[W * H];
        PerlinBackground.Render(r, W, H, dest, new float[W * H]);
        return dest;
    }

    [Fact]
    public void Output_IsClippedToUnitInterval_AndDeterministic()
    {
        var a = Render(Recipe());
        var b = Render(Recipe());
        Assert.All(a, v => Assert.InRange(v, 0f, 1f));
        Assert.Equal(a, b);
        Assert.NotEqual(a, Render(Recipe(seed: 12)));
    }

    [Fact]
    public void WithoutWhiteNoiseAndFilters_IsMinMaxNormalisedPerlinSum()
    {
        // Equations (1)-(2) alone: P = minmax(P1 + w·P2), so min 0, max 1 and equal to the sum built by hand.
        var recipe = Recipe(wp: 0.3, ww: 0, s1: 0, rn: 0, s2: 0);
        var actual = Render(recipe);
        var p1 = new float[W * H];
        var p2 = new float[W * H];
        PerlinNoise.Fill(p1, W, H, 30, SeedDerivation.Derive(recipe.PerlinSeed, 1));
        PerlinNoise.Fill(p2, W, H, 12, SeedDerivation.Derive(recipe.PerlinSeed, 2));
        for (var i = 0; i < p1.Length; i++)
        {
            p1[i] += 0.3f * p2[i];
        }

        ImageStatistics.Normalize01(p1);
        Assert.Equal(p1, actual);
        Assert.Equal(0f, actual.Min());
        Assert.Equal(1f, actual.Max());
    }

    [Fact]
    public void WhiteNoiseWeight_RaisesPixelToPixelVariation()
    {
        // The mean squared difference of horizontal neighbours measures high-frequency content.
        static double Roughness(float[] p)
        {
            double sum = 0;
            for (var y = 0; y < H; y++)
            {
                for (var x = 1; x < W; x++)
                {
                    var d = p[(y * W) + x] - p[(y * W) + x - 1];
                    sum += d * d;
                }
            }

            return sum / (H * (W - 1));
        }

        var none = Roughness(Render(Recipe(ww: 0, rn: 0)));
        var some = Roughness(Render(Recipe(ww: 0.3, rn: 0)));
        var more = Roughness(Render(Recipe(ww: 0.7, rn: 0.4)));
        Assert.True(none < some && some < more, $"{none} < {some} < {more}");
    }

    [Fact]
    public void Sampling_StaysWithinTable1Ranges()
    {
        var s = GeneratorSettings.Default;
        for (ulong seed = 0; seed < 50; seed++)
        {
            var b = RecipeSampler.SampleBackground(s, seed, null);
            Assert.InRange(b.Wavelength1, 10, 100);
            Assert.InRange(b.Wavelength2, 10, 100);
            Assert.InRange(b.PerlinWeight, 0.2, 0.4);
            Assert.InRange(b.WhiteWeight, 0.5, 0.7);
            Assert.Equal(1.0, b.Sigma1);
            Assert.InRange(b.NoiseRatio, 0.2, 0.4);
            Assert.InRange(b.Sigma2, 0.6, 0.8);
        }
    }

    [Fact]
    public void FixedRange_GivesThatValue()
    {
        var s = GeneratorSettings.Default with { Background = BackgroundSettings.Default with { Wavelength1 = ValueRange.Fixed(42) } };
        Assert.Equal(42, RecipeSampler.SampleBackground(s, 3, null).Wavelength1);
    }
}
