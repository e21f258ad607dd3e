using Dislocate.Contracts;
using Dislocate.Segment.Inference;

namespace Dislocate.Segment.Tests.Inference;

public sealed class InputScaleTests
{
    [Theory]
    [InlineData("auto", null)]
    [InlineData(" AUTO ", null)]
    [InlineData("", null)]
    [InlineData("1", 1.0)]
    [InlineData("0.5", 0.5)]
    [InlineData("2.5e0", 2.5)]
    [InlineData("0.25", 0.25)]
    [InlineData("4", 4.0)]
    public void AutoOrAFactorInRange_IsAccepted(string text, double? factor)
    {
        var scale = InputScale.Parse(text);
        Assert.Equal(factor, scale.Factor);
        Assert.Equal(factor is null, scale.IsAuto);
    }

    [Theory]
    [InlineData("big", "neither 'auto' nor a number")]
    [InlineData("0,5", "neither 'auto' nor a number")]
    [InlineData("NaN", "neither 'auto' nor a number")]
    [InlineData("0.2", "outside 0.25..4")]
    [InlineData("-1", "outside 0.25..4")]
    [InlineData("1e9", "outside 0.25..4")]
    public void AnythingElse_IsAnErrorNamingTheParameter(string text, string problem)
    {
        var error = Assert.Throws<ParameterException>(() => InputScale.Parse(text));
        Assert.Equal("scale", error.Key);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ItWritesBackAsItWasGiven()
    {
        Assert.Equal("auto", InputScale.Automatic.ToString());
        Assert.Equal("0.71", InputScale.Parse("0.710").ToString());
    }
}
