using Dislocate.Segment.Inference;

namespace Dislocate.Segment.Tests.Inference;

public class TileLayoutTests
{
    [Theory]
    [InlineData(200, 64, 16, new[] { 0, 45, 91, 136 })] // n = ⌈184 / 48⌉ = 4, starts = round(i · 136 / 3)
    [InlineData(130, 64, 16, new[] { 0, 33, 66 })] // n = ⌈114 / 48⌉ = 3, starts = i · 66 / 2
    [InlineData(64, 64, 16, new[] { 0 })]
    [InlineData(65, 64, 16, new[] { 0, 1 })]
    [InlineData(1024, 512, 0, new[] { 0, 512 })]
    [InlineData(1000, 512, 64, new[] { 0, 244, 488 })] // two tiles would overlap by only 24
    public void StartsAreHandComputed(int length, int tile, int overlap, int[] expected) =>
        Assert.Equal(expected, TileLayout.Starts(length, tile, overlap));

    [Fact]
    public void TilesCoverTheAxisWithAtLeastTheOverlap()
    {
        foreach (var tile in new[] { 32, 64, 96 })
        {
            foreach (var overlap in new[] { 0, 1, 8, tile / 2 })
            {
                for (var length = 1; length <= 700; length += 7)
                {
                    var starts = TileLayout.Starts(length, tile, overlap);
                    Assert.Equal(0, starts[0]);
                    Assert.Equal(Math.Max(0, length - tile), starts[^1]);
                    for (var i = 1; i < starts.Length; i++)
                    {
                        Assert.InRange(starts[i - 1] + tile - starts[i], overlap, tile - 1);
                    }

                    // Fewest tiles: one fewer could not keep the overlap.
                    if (starts.Length > 1)
                    {
                        Assert.True(((starts.Length - 1) * (tile - overlap)) + overlap < length);
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(40, 512, 64)]
    [InlineData(130, 64, 64)]
    [InlineData(10, 512, 32)]
    [InlineData(512, 512, 512)]
    [InlineData(600, 512, 512)]
    [InlineData(33, 512, 64)]
    public void ExtentIsTileOrLengthRoundedUpTo32(int length, int tile, int expected) =>
        Assert.Equal(expected, TileLayout.Extent(length, tile));

    [Theory]
    [InlineData(-1, 5, 1)]
    [InlineData(-4, 5, 4)]
    [InlineData(5, 5, 3)]
    [InlineData(6, 5, 2)]
    [InlineData(8, 5, 0)]
    [InlineData(9, 5, 1)]
    [InlineData(12, 5, 4)]
    [InlineData(3, 5, 3)]
    [InlineData(7, 1, 0)]
    [InlineData(2, 2, 0)]
    [InlineData(3, 2, 1)]
    public void ReflectMirrorsAboutEdgePixels(int index, int length, int expected) =>
        Assert.Equal(expected, TileLayout.Reflect(index, length));
}
