using Dislocate.Segment.Inference;

namespace Dislocate.Segment.Tests.Inference;

public class BlendWindowTests
{
    [Fact]
    public void UntaperedWindowIsOne() =>
        Assert.All(BlendWindow.Create(64, 16, false, false), w => Assert.Equal(1f, w));

    [Fact]
    public void TaperedWindowIsPositiveSymmetricAndOneInside()
    {
        var w = BlendWindow.Create(64, 16, true, true);
        Assert.All(w, v => Assert.InRange(v, float.Epsilon, 1f));
        for (var i = 0; i < 64; i++)
        {
            Assert.Equal(w[i], w[63 - i]);
        }

        Assert.All(w[16..48], v => Assert.Equal(1f, v));
        Assert.Equal(Math.Pow(Math.Sin(Math.PI / 64), 2), w[0], 1e-7); // sin²(π/2 · ½ / 16)
        Assert.True(w[0] < w[1] && w[14] < w[15] && w[15] < 1f);
    }

    [Fact]
    public void OnlyTheRequestedSidesAreTapered()
    {
        var start = BlendWindow.Create(32, 8, true, false);
        var end = BlendWindow.Create(32, 8, false, true);
        Assert.True(start[0] < 1f && start[31] == 1f);
        Assert.True(end[0] == 1f && end[31] < 1f);
    }

    [Theory]
    [InlineData(64, 16)]
    [InlineData(64, 32)]
    [InlineData(512, 64)]
    [InlineData(32, 1)]
    public void NeighboursOverlappingByTheOverlapSumToOne(int tile, int overlap)
    {
        // Tile A ends where tile B starts + overlap: A's falling ramp (cos²) and B's rising ramp (sin²) sum to 1.
        var a = BlendWindow.Create(tile, overlap, true, true);
        var b = BlendWindow.Create(tile, overlap, true, true);
        for (var j = 0; j < overlap; j++)
        {
            Assert.Equal(1.0, a[tile - overlap + j] + b[j], 1e-6);
        }
    }

    [Fact]
    public void OverlapLargerThanHalfATileIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BlendWindow.Create(64, 33, true, true));
}
