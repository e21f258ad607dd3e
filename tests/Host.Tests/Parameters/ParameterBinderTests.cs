using Dislocate.Contracts;
using Dislocate.Hosting.Parameters;

namespace Dislocate.Host.Tests.Parameters;

public class ParameterBinderTests
{
    private static readonly ParameterSpec<string> Out = Parameter.Path("out", "out (folder)", ParameterKind.OutputFolder, "Where.", required: true);
    private static readonly ParameterSpec<long> Count = Parameter.Whole("count", "count", 10, 1, 100, "How many.");
    private static readonly ParameterSpec<double> Split = Parameter.Real("split", "split", 0.8, 0, 1, "Fraction.");
    private static readonly ParameterSpec<ValueRange> O1 = Parameter.Range("o1", "o1 (px)", new ValueRange(10, 100), 1, 1000, "Wavelength.");
    private static readonly ParameterSpec<bool> Labelme = Parameter.Flag("labelme", "labelme", true, "Also labelme.");
    private static readonly ParameterSpec<string> Format = Parameter.Choice("format", "format", "png8", ["png8", "tif16"], "Format.");

    private static readonly CommandDescriptor Descriptor = new("demo", "Demo Command", "Test", "A command for tests.", [Out, Count, Split, O1, Labelme, Format]);

    private static ParameterValues Bind(params (string K, string V)[] raw) =>
        ParameterBinder.Bind(Descriptor, raw.ToDictionary(r => r.K, r => r.V), "/work/dir");

    [Fact]
    public void FillsDefaults_ParsesTypes_AndResolvesRelativePaths()
    {
        var v = Bind(("out", "data"), ("o1", "20..30"), ("format", "TIF16"));
        Assert.Equal("/work/dir/data", v.Get(Out));
        Assert.Equal(10, v.Get(Count));
        Assert.Equal(0.8, v.Get(Split));
        Assert.Equal(new ValueRange(20, 30), v.Get(O1));
        Assert.True(v.Get(Labelme));
        Assert.Equal("tif16", v.Get(Format));
        Assert.True(v.IsExplicit(O1));
        Assert.False(v.IsExplicit(Count));
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
        Assert.Equal(new ValueRange(12.5, 40), again.Get(O1));
        Assert.False(again.Get(Labelme)); // An absent checkbox is unchecked, as in ImageJ.
        Assert.Equal("/work/dir/my data", again.Get(Out));
    }

    [Fact]
    public void TypedReads_FallBackOnlyForUndeclaredParameters()
    {
        var v = Bind(("out", "x"));
        var undeclared = Parameter.Real("gate", "gate (px)", 7, 0, 100, "Not part of the demo command.");
        Assert.Equal(3.5, v.GetOr(undeclared, 3.5));
        Assert.Equal(0.8, v.GetOr(Split, 0.1)); // Declared: its default, not the fallback.
        Assert.False(v.Has(undeclared));
        Assert.Throws<ParameterException>(() => v.Get(undeclared));
    }

    [Fact]
    public void TheHostApi13Surface_StillWorks_ForPluginsBuiltAgainstIt()
    {
#pragma warning disable CS0618 // The obsolete members are what an older plugin calls.
        var old = new CommandDescriptor("old", "Old Command", "Test", "As a 1.3 plugin declares it.", [ParameterSpec.Real("gate", "gate (px)", 5, 0, 100, "Gate."), ParameterSpec.Text("name", "name", "x", "Name.")]);
        var v = ParameterBinder.Bind(old, new Dictionary<string, string> { ["gate"] = "7.5" }, "/work/dir");
        Assert.Equal(7.5, v.GetReal("gate"));
        Assert.Equal("x", v.GetString("name"));
        Assert.IsType<ParameterSpec<double>>(old.Parameters[0]);
#pragma warning restore CS0618
    }

    [Fact]
    public void ATypedParameter_MustMatchItsKind()
    {
        var untyped = new ParameterSpec("count", "count", ParameterKind.WholeNumber, "How many.", 10L, 1, 100);
        var e = Assert.Throws<ArgumentException>(() => new ParameterSpec<double>(untyped));
        Assert.Contains("holds Int64, not Double", e.Message, StringComparison.Ordinal);
        Assert.Equal(untyped.Key, new ParameterSpec<long>(untyped).Key);
    }
}
