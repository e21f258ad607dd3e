using Dislocate.Hosting.Parameters;

namespace Dislocate.Host.Tests.Parameters;

public class ImageJOptionsTests
{
    [Fact]
    public void Parses_Values_BracketedValues_AndBareFlags()
    {
        var o = ImageJOptions.Parse("out=[/tmp/my data] count=5 o1=10..20 labelme");
        Assert.Equal("/tmp/my data", o["out"]);
        Assert.Equal("5", o["count"]);
        Assert.Equal("10..20", o["o1"]);
        Assert.Equal("true", o["labelme"]);
        Assert.Equal(4, o.Count);
    }

    [Fact]
    public void ToleratesImageJsTrailingSpace_AndEmptyString()
    {
        Assert.Equal("1", ImageJOptions.Parse("seed=1 ")["seed"]);
        Assert.Empty(ImageJOptions.Parse("   "));
    }

    [Theory]
    [InlineData("out=[/tmp/x count=5", "closing")]
    [InlineData("seed=1 seed=2", "twice")]
    [InlineData("=5", "without a key")]
    public void Malformed_IsAFormatError(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => ImageJOptions.Parse(text));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_RoundTrips_LikeTheRecorder()
    {
        var pairs = new Dictionary<string, string> { ["out"] = "/a b/c", ["count"] = "3", ["labelme"] = "true", ["resume"] = "false" };
        var text = ImageJOptions.Format(pairs, new HashSet<string> { "labelme", "resume" });
        Assert.Equal("out=[/a b/c] count=3 labelme", text);
        var back = ImageJOptions.Parse(text);
        Assert.Equal("/a b/c", back["out"]);
        Assert.False(back.ContainsKey("resume"));
    }
}
