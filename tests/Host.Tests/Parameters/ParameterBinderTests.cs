using Dislocate.Contracts;
using Dislocate.Hosting.Parameters;

namespace Dislocate.Host.Tests.Parameters;

public class ParameterBinderTests
{
    private static readonly CommandDescriptor Descriptor = new(
        "demo",
        "Demo Command",
        "Test",
        "A command for tests.",
        [
            ParameterSpec.Path("out", "out (folder)", ParameterKind.OutputFolder, "Where.", required: true),
            ParameterSpec.Whole("count", "count", 10, 1, 100, "How many."),
            ParameterSpec.Real("split", "split", 0.8, 0, 1, "Fraction."),
            ParameterSpec.Range("o1", "o1 (px)", new ValueRange(10, 100), 1, 1000, "Wavelength."),
            ParameterSpec.Flag("labelme", "labelme", true, "Also labelme."),
            ParameterSpec.Choice("format", "format", "png8", ["png8", "tif16"], "Format."),
        ]);

    private static ParameterValues Bind(params (string K, string V)[] raw) =>
        ParameterBinder.Bind(Descriptor, raw.ToDictionary(r => r.K, r => r.V), "/work/dir");

    [Fact]
    public void FillsDefaults_ParsesTypes_AndResolvesRelativePaths()
    {
        var v = Bind(("out", "data"), ("o1", "20..30"), ("format", "TIF16"));
        Assert.Equal("/work/dir/data", v.GetString("out"));
        Assert.Equal(10, v.GetInteger("count"));
        Assert.Equal(0.8, v.GetReal("split"));
        Assert.Equal(new ValueRange(20, 30), v.GetRange("o1"));
        Assert.True(v.GetBoolean("labelme"));
        Assert.Equal("tif16", v.GetString("format"));
        Assert.True(v.IsExplicit("o1"));
        Assert.False(v.IsExplicit("count"));
    }

    [Theory]
    [InlineData("count", "0", "outside 1..100")]
    [InlineData("count", "2.5", "not a whole number")]
    [InlineData("split", "1.5", "outside 0..1")]
    [InlineData("o1", "50..20", "not a range")]
    [InlineData("o1", "0.5..20", "outside 1..1000")]
    [InlineData("labelme", "maybe", "not true or false")]
    [InlineData("format", "jpeg", "not one of png8, tif16")]
    public void BadValue_NamesKeyAndProblem(string key, string value, string problem)
    {
        var e = Assert.Throws<ParameterException>(() => Bind(("out", "x"), (key, value)));
        Assert.Equal(key, e.Key);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKey_ListsTheValidOnes()
    {
        var e = Assert.Throws<ParameterException>(() => Bind(("out", "x"), ("cuont", "3")));
        Assert.Contains("valid keys: out, count, split, o1, labelme, format", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingRequired_IsAnError()
    {
        var e = Assert.Throws<ParameterException>(() => Bind(("count", "3")));
        Assert.Equal("out", e.Key);
    }

    [Fact]
    public void OptionString_RoundTripsThroughBinding()
    {
        var v = Bind(("out", "my data"), ("o1", "12.5..40"), ("labelme", "false"));
        var text = ParameterBinder.ToOptionString(v);
        Assert.Equal("out=[/work/dir/my data] count=10 split=0.8 o1=12.5..40 format=png8", text);
        var again = ParameterBinder.BindImageJ(Descriptor, text, "/elsewhere");
        Assert.Equal(new ValueRange(12.5, 40), again.GetRange("o1"));
        Assert.False(again.GetBoolean("labelme")); // An absent checkbox is unchecked, as in ImageJ.
        Assert.Equal("/work/dir/my data", again.GetString("out"));
    }
}
