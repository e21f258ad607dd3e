using Dislocate.Track.Linking;

namespace Dislocate.Track.Tests.Linking;

public class LinkingOptionsTests
{
    [Fact]
    public void Defaults_are_valid_with_the_prior_off()
    {
        var o = LinkingOptions.Default;
        o.Validate();
        Assert.Equal(20.0, o.MaxDistance);
        Assert.Equal(2, o.MaxGap);
        Assert.Equal(2.0, o.GapPenalty);
        Assert.Null(o.GlideAngleDegrees);
        Assert.Null(o.GlideDirection);
        Assert.Equal(20.0, o.MaxShift);
    }

    [Theory]
    [InlineData(0.0, 2, 2.0, null, 1.0, "MaxDistance")]
    [InlineData(double.PositiveInfinity, 2, 2.0, null, 1.0, "MaxDistance")]
    [InlineData(double.NaN, 2, 2.0, null, 1.0, "MaxDistance")]
    [InlineData(20.0, -1, 2.0, null, 1.0, "MaxGap")]
    [InlineData(20.0, 2, -0.5, null, 1.0, "GapPenalty")]
    [InlineData(20.0, 2, double.NaN, null, 1.0, "GapPenalty")]
    [InlineData(20.0, 2, 2.0, double.NaN, 1.0, "GlideAngleDegrees")]
    [InlineData(20.0, 2, 2.0, 30.0, -1.0, "GlideWeight")]
    [InlineData(20.0, 2, 2.0, null, 1.0, "MaxShift", -1.0)]
    [InlineData(20.0, 2, 2.0, null, 1.0, "MaxShift", double.PositiveInfinity)]
    public void Validate_names_the_bad_option(double maxDistance, int maxGap, double gapPenalty, double? angle, double weight, string name, double maxShift = 20)
    {
        var o = new LinkingOptions(maxDistance, maxGap, gapPenalty, angle, weight, maxShift);
        var e = Assert.Throws<ArgumentException>(o.Validate);
        Assert.Contains("LinkingOptions." + name, e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new TrackLinker(o));
    }

    [Fact]
    public void Glide_direction_is_counter_clockwise_on_screen()
    {
        // 90° points up the screen (−y in image coordinates), as ImageJ measures angles.
        var g = new LinkingOptions(GlideAngleDegrees: 90).GlideDirection!.Value;
        Assert.Equal(0.0, g.X, 12);
        Assert.Equal(-1.0, g.Y, 12);
    }
}
