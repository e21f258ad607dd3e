using Dislocate.Contracts;
using Dislocate.Synthetic.Recipes;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Tests.Recipes;

/// <summary>Geometry far larger than the image ends in an image or a clear error (issue 13: these ran for minutes).</summary>
public sealed class FarGeometryTests
{
    [Fact]
    public void APresetShapeBowingFarFromItsChord_IsRefusedNamingTheShape()
    {
        var m = GeneratorSettings.Default.Microstructure with { Shapes = [new LineShape([0, 0.5, 1], [0, 1e300, 0])], ShapeProbability = 1 };
        var e = Assert.Throws<ParameterException>(() => SettingsValidator.Validate(GeneratorSettings.Default with { Microstructure = m }));
        Assert.Contains("shape 0 has a coordinate beyond", e.Message, StringComparison.Ordinal);
        SettingsValidator.Validate(GeneratorSettings.Default with { Microstructure = m with { Shapes = [new LineShape([0, 0.5, 1], [0, 0.2, 0])] } });
    }

    [Fact]
    public void SlipBandsThousandsOfImagesWide_EndInAnImageOrSayWhatToLower()
    {
        var m = GeneratorSettings.Default.Microstructure with { SlipWidth = new(100_000, 100_000) };
        var settings = GeneratorSettings.Default with { Width = 64, Height = 64, Microstructure = m };
        for (ulong seed = 0; seed < 3; seed++)
        {
            try
            {
                Assert.NotEmpty(RecipeSampler.Sample(settings, seed, null).Pileups);
            }
            catch (ParameterException e)
            {
                Assert.Contains("lower min_length or slip_width", e.Message, StringComparison.Ordinal);
            }
        }
    }
}
