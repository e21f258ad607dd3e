using System.Numerics;
using System.Runtime.CompilerServices;
using Dislocate.Core.Filters;
using Dislocate.Core.Noise;
using Dislocate.Core.Random;
using Dislocate.Synthetic.Recipes;

namespace Dislocate.Synthetic.Backgrounds;

/// <summary>
/// The purely synthetic background of the paper, equations (1)–(6):
/// P3 = P1(λ1) + w_perlin·P2(λ2); P3* = minmax(P3); P4 = P3* + w_white·X1; P5 = G(P4; s1);
/// P6 = P5 + (r_noise·σ(P4))·X2; P7 = G(P6; s2); P = clip(P7, 0, 1), with X1, X2 ~ U(−1, 1) per pixel.
/// </summary>
/// <remarks>
/// Choices where the paper is vague: the Perlin fields are our improved Perlin noise (one octave, like
/// <c>noise.pnoise2</c> with octaves=1) sampled at (x + offset)/λ; the two fields use independent permutations
/// derived from <see cref="BackgroundRecipe.PerlinSeed"/>; σ(P4) is the population standard deviation over the
/// whole image; the Gaussian filters reflect at the border and are truncated at 4σ (scipy.ndimage's defaults).
/// </remarks>
public static class PerlinBackground
{
    /// <summary>Renders the background into <paramref name="destination"/> (width × height values in [0, 1]).</summary>
    /// <param name="recipe">Sampled parameters and seeds.</param>
    /// <param name="width">Image width.</param>
    /// <param name="height">Image height.</param>
    /// <param name="destination">Output buffer, width × height.</param>
    /// <param name="scratch">Scratch buffer, width × height; overwritten.</param>
    [MethodImpl(MethodImplOptions.NoInlining)] // inlined into the renderer its loops ran ~30 % slower (measured)
    public static void Render(BackgroundRecipe recipe, int width, int height, Span<float> destination, Span<float> scratch)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        var n = width * height;
        var p = destination[..n];
        var tmp = scratch[..n];

        // (1) P3 = P1 + w_perlin·P2, (2) min–max to [0, 1].
        PerlinNoise.Fill(p, width, height, recipe.Wavelength1, SeedDerivation.Derive(recipe.PerlinSeed, 1), recipe.OffsetX, recipe.OffsetY);
        PerlinNoise.Fill(tmp, width, height, recipe.Wavelength2, SeedDerivation.Derive(recipe.PerlinSeed, 2), recipe.OffsetX, recipe.OffsetY);
        AddScaled(p, tmp, (float)recipe.PerlinWeight);
        ImageStatistics.Normalize01(p);

        // (3) P4 = P3* + w_white·X1.
        new Rng(SeedDerivation.Derive(recipe.WhiteNoiseSeed, 1)).AddScaledUniform(p, -1f, 1f, (float)recipe.WhiteWeight);
        var sigmaP4 = ImageStatistics.StandardDeviation(p);

        // (4) P5 = G(P4; s1).
        GaussianBlur.Apply(p, p, width, height, recipe.Sigma1);

        // (5) P6 = P5 + r_noise·σ(P4)·X2, (6) P7 = G(P6; s2), then clip.
        new Rng(SeedDerivation.Derive(recipe.WhiteNoiseSeed, 2)).AddScaledUniform(p, -1f, 1f, (float)(recipe.NoiseRatio * sigmaP4));
        GaussianBlur.Apply(p, p, width, height, recipe.Sigma2);
        ImageStatistics.Clip(p, 0f, 1f);
    }

    private static void AddScaled(Span<float> target, ReadOnlySpan<float> source, float weight)
    {
        // Element-wise, the same two roundings in every lane and in the scalar tail: identical for any vector width.
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var w = new Vector<float>(weight);
            for (; i <= target.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (new Vector<float>(target[i..]) + (w * new Vector<float>(source[i..]))).CopyTo(target[i..]);
            }
        }

        for (; i < target.Length; i++)
        {
            target[i] += weight * source[i];
        }
    }
}
