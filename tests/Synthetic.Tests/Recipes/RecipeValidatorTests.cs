using Dislocate.Synthetic.Recipes;
using Dislocate.Synthetic.Settings;
using Dislocate.Synthetic.Streaming;

namespace Dislocate.Synthetic.Tests.Recipes;

/// <summary>Per-frame recipe values read from a params JSON are checked before rendering, naming the field.</summary>
public sealed class RecipeValidatorTests
{
    private static readonly ImageRecipe Generated = new SyntheticSampleSource(GeneratorSettings.Default with { Width = 128, Height = 128 }, 5).Get(0).Recipe;

    [Fact]
    public void WhatTheGeneratorMakes_IsSound()
    {
        Assert.Null(RecipeValidator.FindProblem(Generated, 0));
    }

    [Fact]
    public void ZeroOrNegativeWidths_NonFiniteOrAbsurdValues_AndEmptyPileups_AreRefused_NamingTheField()
    {
        var pileup = Generated.Pileups[0];
        var line = pileup.Dislocations[0];
        var far = line with { X = [-1e8, 1e8], Y = [1e8, -1e8] };
        (ImageRecipe Recipe, string Field)[] cases =
        [
            (Generated with { MaskWidth = 0 }, "frames[2].mask_width"),
            (Generated with { MaskWidth = -3 }, "frames[2].mask_width"),
            (Generated with { Background = Generated.Background with { Wavelength1 = 0 } }, "frames[2].background.wavelength1"),
            (Generated with { Background = Generated.Background with { Sigma2 = -1 } }, "frames[2].background.sigma2"),
            (Generated with { Background = Generated.Background with { OffsetX = 1e300 } }, "frames[2].background.offset_x"),
            (Generated with { Pileups = [] }, "frames[2].pileups"),
            (Generated with { Pileups = [pileup with { Dislocations = [far] }] }, $"frames[2].pileups[0].dislocations[id {line.Id}]"),
            (Generated with { Pileups = [pileup with { Dislocations = [line with { LineWidth = double.NaN }] }] }, $"frames[2].pileups[0].dislocations[id {line.Id}]"),
        ];

        foreach (var (recipe, field) in cases)
        {
            var problem = RecipeValidator.FindProblem(recipe, 2);
            Assert.NotNull(problem);
            Assert.Equal(field, problem.Value.Field);
        }
    }
}
