using System.Globalization;

namespace Dislocate.Synthetic.Recipes;

/// <summary>
/// Checks the per-frame values of a recipe read from a params JSON, which settings validation does not reach: widths,
/// wavelengths and sigmas must be positive, every number finite, and coordinates within 100 image sizes of the image
/// (a line from −1e8 to 1e8 made replay rasterise for minutes and gigabytes).
/// </summary>
public static class RecipeValidator
{
    /// <summary>How far outside the image, in image sizes, a coordinate may lie.</summary>
    public const double CoordinateReach = 100;

    /// <summary>The first problem of frame <paramref name="frame"/>'s recipe as (field, problem), or null when it is sound.</summary>
    public static (string Field, string Problem)? FindProblem(ImageRecipe recipe, int frame)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        var at = string.Create(CultureInfo.InvariantCulture, $"frames[{frame}]");
        var reach = CoordinateReach * Math.Max(recipe.Width, recipe.Height);
        if (!(recipe.MaskWidth is > 0 and <= 100))
        {
            return ($"{at}.mask_width", $"{recipe.MaskWidth} must be > 0 and ≤ 100");
        }

        var b = recipe.Background;
        if (b is null)
        {
            return ($"{at}.background", "is missing");
        }

        foreach (var (name, value) in new[] { ("wavelength1", b.Wavelength1), ("wavelength2", b.Wavelength2) })
        {
            if (!(value is > 0 and <= 1e6))
            {
                return ($"{at}.background.{name}", $"{value} must be > 0 and ≤ 1e6");
            }
        }

        foreach (var (name, value) in new[] { ("sigma1", b.Sigma1), ("sigma2", b.Sigma2) })
        {
            if (!(value is >= 0 and <= 1000))
            {
                return ($"{at}.background.{name}", $"{value} must be ≥ 0 and ≤ 1000");
            }
        }

        foreach (var (name, value) in new[] { ("perlin_weight", b.PerlinWeight), ("white_weight", b.WhiteWeight), ("noise_ratio", b.NoiseRatio) })
        {
            if (!double.IsFinite(value) || Math.Abs(value) > 1e6)
            {
                return ($"{at}.background.{name}", $"{value} is not a finite number of sensible size");
            }
        }

        foreach (var (name, value) in new[] { ("offset_x", b.OffsetX), ("offset_y", b.OffsetY) })
        {
            if (!double.IsFinite(value) || Math.Abs(value) > 1e9)
            {
                return ($"{at}.background.{name}", $"{value} must be finite and within ±1e9");
            }
        }

        if (recipe.Pileups is null || recipe.Pileups.Count == 0)
        {
            return ($"{at}.pileups", "holds no pileup (the generator makes at least one)");
        }

        for (var p = 0; p < recipe.Pileups.Count; p++)
        {
            var pileup = recipe.Pileups[p];
            var where = string.Create(CultureInfo.InvariantCulture, $"{at}.pileups[{p}]");
            if (!double.IsFinite(pileup.AngleDegrees) || !(pileup.SlipWidth is > 0 and <= 1e6))
            {
                return ($"{where}.slip_width", $"angle {pileup.AngleDegrees} and slip width {pileup.SlipWidth} must be finite, the width > 0");
            }

            if (!Near(pileup.P0X, reach) || !Near(pileup.P0Y, reach))
            {
                return ($"{where}.p0", $"({pileup.P0X}, {pileup.P0Y}) lies more than {CoordinateReach} image sizes away");
            }

            foreach (var t in pileup.Traces ?? [])
            {
                if (!Near(t.X0, reach) || !Near(t.Y0, reach) || !double.IsFinite(t.AngleDegrees) || !double.IsFinite(t.Contrast) || !(t.Width is > 0 and <= 1e4))
                {
                    return ($"{where}.traces", "a trace needs finite values near the image and a width > 0");
                }
            }

            if (pileup.Dislocations is null || pileup.Dislocations.Count == 0)
            {
                return ($"{where}.dislocations", "holds no dislocation (the generator makes at least one per pileup)");
            }

            foreach (var d in pileup.Dislocations)
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"{where}.dislocations[id {d.Id}]");
                if (!(d.LineWidth is > 0 and <= 1000) || !double.IsFinite(d.Contrast) || !double.IsFinite(d.FringeStrength))
                {
                    return (id, $"line width {d.LineWidth} must be > 0 and ≤ 1000, contrast and fringe strength finite");
                }

                if ((d.X ?? []).Concat(d.Y ?? []).Any(v => !Near(v, reach)))
                {
                    return (id, $"has a support point more than {CoordinateReach} image sizes from the image");
                }
            }
        }

        return null;
    }

    private static bool Near(double value, double reach) => double.IsFinite(value) && Math.Abs(value) <= reach;
}
