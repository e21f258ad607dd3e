using Dislocate.Contracts;
using Dislocate.Synthetic.Commands;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Tests.Commands;

public class SettingsParametersTests
{
    private static ParameterValues Values(params (string Key, string Text)[] given)
    {
        var d = new GenerateCommand().Descriptor;
        var values = given.ToDictionary(g => g.Key, g => d.Find(g.Key)!.Parse(g.Text));
        return new ParameterValues(d, values, values.Keys);
    }

    [Fact]
    public void ExplicitValues_OverrideTheM2Defaults_AndOthersStay()
    {
        var s = SettingsParameters.ToSettings(Values(("o1", "20..30"), ("s1", "1.5"), ("profile", "fringe"), ("max_dislocations", "12")));
        Assert.Equal(new ValueRange(20, 30), s.Background.Wavelength1);
        Assert.Equal(ValueRange.Fixed(1.5), s.Background.Sigma1);
        Assert.Equal(LineProfileKind.Fringe, s.Drawing.Profile);
        Assert.Equal(12, s.Microstructure.MaxDislocations);
        Assert.Equal(GeneratorSettings.Default.Background.Wavelength2, s.Background.Wavelength2);
    }

    [Fact]
    public void RealBackground_WithoutFolder_IsRefused_NamingTheKey()
    {
        var e = Assert.Throws<ParameterException>(() => SettingsParameters.ToSettings(Values(("background", "real"))));
        Assert.Equal("backgrounds", e.Key);
    }

    [Theory]
    [InlineData("o1", "5..2")]
    [InlineData("o1", "0..20000")]
    [InlineData("w_perlin", "abc")]
    [InlineData("profile", "wavy")]
    public void BadValues_NameTheKey(string key, string text)
    {
        var e = Assert.Throws<ParameterException>(() => Values((key, text)));
        Assert.Equal(key, e.Key);
    }

    [Fact]
    public void EveryKey_IsOneLowerCaseWord_AndEveryLabelIsWordsOfItsOwn()
    {
        // The key is the macro API, recorded as it is (ImageJ's recorder would trim it to its first word, lower-cased);
        // the label is what the dialog shows.
        foreach (var command in new SyntheticPlugin().Commands)
        {
            foreach (var p in command.Descriptor.Parameters)
            {
                Assert.Matches("^[a-z0-9_-]+$", p.Key);
                Assert.False(string.IsNullOrWhiteSpace(p.Label), p.Key);
            }
        }
    }

    [Fact]
    public void PluginVersion_MatchesTheManifest()
    {
        var manifest = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "plugin.json"));
        Assert.Contains($"\"version\": \"{SyntheticPlugin.Version}\"", manifest, StringComparison.Ordinal);
    }
}
