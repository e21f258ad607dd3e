using Dislocate.Core.Plotting;

namespace Dislocate.Core.Tests.Plotting;

public class ColourTests
{
    internal static double Luminance((byte R, byte G, byte B) c) => ((0.2126 * c.R) + (0.7152 * c.G) + (0.0722 * c.B)) / 255;

    [Fact]
    public void ViridisEndsMatchMatplotlib()
    {
        Assert.Equal(((byte)0x44, (byte)0x01, (byte)0x54), ViridisColormap.Rgb(0));
        Assert.Equal(((byte)0x21, (byte)0x91, (byte)0x8C), ViridisColormap.Rgb(0.5));
        Assert.Equal(((byte)0xFD, (byte)0xE7, (byte)0x25), ViridisColormap.Rgb(1));
        Assert.Equal(ViridisColormap.Rgb(0), ViridisColormap.Rgb(-3));
        Assert.Equal(ViridisColormap.Rgb(1), ViridisColormap.Rgb(7));
        Assert.Equal(ViridisColormap.Rgb(0), ViridisColormap.Rgb(double.NaN));
    }

    [Fact]
    public void ViridisLightnessIncreasesStrictly()
    {
        var previous = -1.0;
        for (var i = 0; i <= 50; i++)
        {
            var l = Luminance(ViridisColormap.Rgb(i / 50.0));
            Assert.True(l > previous, $"luminance at t = {i / 50.0} is {l}, not above {previous}");
            previous = l;
        }
    }

    [Fact]
    public void SeriesColoursAreDistinctAndRepeat()
    {
        var colours = Enumerable.Range(0, SeriesPalette.Count).Select(SeriesPalette.Rgb).ToList();
        Assert.Equal(colours.Count, colours.Distinct().Count());
        Assert.Equal(((byte)0x00, (byte)0x72, (byte)0xB2), SeriesPalette.Rgb(0));
        Assert.Equal(SeriesPalette.Rgb(1), SeriesPalette.Rgb(1 + SeriesPalette.Count));
        Assert.All(colours, c => Assert.True(Luminance(c) < 0.8, "a series colour is too light to see on white"));
    }
}
