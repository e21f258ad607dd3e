using Dislocate.Segment.Inference;

namespace Dislocate.Segment.Tests.Inference;

public class ImageOrientationTests
{
    private static readonly float[] Image = [1, 2, 3, 4, 5, 6]; // 3 wide, 2 high: 1 2 3 / 4 5 6

    [Theory]
    [InlineData(0, 3, new float[] { 1, 2, 3, 4, 5, 6 })]
    [InlineData(1, 3, new float[] { 3, 2, 1, 6, 5, 4 })] // left-right mirror
    [InlineData(2, 3, new float[] { 4, 5, 6, 1, 2, 3 })] // top-bottom mirror
    [InlineData(3, 3, new float[] { 6, 5, 4, 3, 2, 1 })] // half turn
    [InlineData(4, 2, new float[] { 1, 4, 2, 5, 3, 6 })] // transpose: 2 wide, 3 high
    [InlineData(5, 2, new float[] { 4, 1, 5, 2, 6, 3 })] // transpose, then mirror left-right: a quarter turn clockwise
    [InlineData(7, 2, new float[] { 6, 3, 5, 2, 4, 1 })] // the anti-transpose
    public void EachViewTurnsTheImageAsNamed(int view, int width, float[] expected)
    {
        var orientation = ImageOrientation.Of(view, 3, 2);
        var turned = new float[6];
        orientation.Apply(Image, turned);
        Assert.Equal(expected, turned);
        Assert.Equal((width, 6 / width), (orientation.Width, orientation.Height));
    }

    [Fact]
    public void TurningBackRestoresTheImageForEveryView()
    {
        for (var view = 0; view < 8; view++)
        {
            var orientation = ImageOrientation.Of(view, 3, 2);
            var turned = new float[6];
            var back = new float[6];
            orientation.Apply(Image, turned);
            orientation.AddBack(turned, back);
            Assert.Equal(Image, back);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => ImageOrientation.Of(8, 3, 2));
    }
}
