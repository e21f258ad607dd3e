using Dislocate.Core.Morphology;
using Dislocate.Segment.Evaluation;

namespace Dislocate.Segment.Tests.Evaluation;

public sealed class SparseComponentsTests
{
    [Theory]
    [InlineData(1, 0.3)]
    [InlineData(2, 0.5)]
    [InlineData(3, 0.6)]
    public void NumbersComponentsExactlyAsTheDenseLabelling(int seed, double density)
    {
        const int width = 23, height = 17;
        var random = new Random(seed);
        var mask = new byte[width * height];
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = random.NextDouble() < density ? (byte)1 : (byte)0;
        }

        var dense = new int[mask.Length];
        var expected = ConnectedComponents.Label(mask, width, height, dense);
        var pixels = Enumerable.Range(0, mask.Length).Where(i => mask[i] != 0).ToArray();
        var sparse = new int[pixels.Length];
        Assert.Equal(expected, SparseComponents.Label(pixels, width, height, sparse));
        Assert.Equal(pixels.Select(p => dense[p] - 1), sparse);
    }

    [Fact]
    public void DiagonalNeighboursJoin_RowWrapDoesNot()
    {
        // 4 × 3: (3, 0) and (0, 1) are consecutive indices but not neighbours; (1, 1) touches (0, 2) diagonally.
        int[] pixels = [3, 4, 5, 8];
        var components = new int[pixels.Length];
        Assert.Equal(2, SparseComponents.Label(pixels, 4, 3, components));
        Assert.Equal([0, 1, 1, 1], components);
    }
}
