using Dislocate.Core.Geometry;
using Dislocate.Core.Skeletons;
using Dislocate.Core.Tests.Morphology;

namespace Dislocate.Core.Tests.Skeletons;

public class CrossingSplitTests
{
    private const int Size = 160;

    /// <summary>The union of thick segments as sorted flat indices, with its bounding box.</summary>
    private static (int[] Pixels, int X0, int Y0, int Width, int Height) Mask(double radius, params (double Ax, double Ay, double Bx, double By)[] segments)
    {
        var union = new byte[Size * Size];
        foreach (var s in segments)
        {
            var one = TestMasks.ThickSegment(Size, Size, s.Ax, s.Ay, s.Bx, s.By, radius);
            for (var i = 0; i < union.Length; i++)
            {
                union[i] |= one[i];
            }
        }

        var pixels = Enumerable.Range(0, union.Length).Where(i => union[i] != 0).ToArray();
        var xs = pixels.Select(p => p % Size).ToArray();
        var ys = pixels.Select(p => p / Size).ToArray();
        return (pixels, xs.Min(), ys.Min(), xs.Max() - xs.Min() + 1, ys.Max() - ys.Min() + 1);
    }

    private static IReadOnlyList<ChainPiece> Split((int[] Pixels, int X0, int Y0, int Width, int Height) mask, double minLength = 20) =>
        CrossingSplit.Split(mask.Pixels, Size, mask.X0, mask.Y0, mask.Width, mask.Height, SkeletonChainOptions.Default, minLength);

    /// <summary>Whether one end of <paramref name="path"/> lies within <paramref name="tolerance"/> of a and the other of b.</summary>
    private static bool Joins(PointD[] path, PointD a, PointD b, double tolerance)
    {
        var (first, last) = (path[0], path[^1]);
        return (first.DistanceTo(a) <= tolerance && last.DistanceTo(b) <= tolerance) || (first.DistanceTo(b) <= tolerance && last.DistanceTo(a) <= tolerance);
    }

    [Theory]
    [InlineData(90.0, 1.5)]
    [InlineData(60.0, 2.0)]
    [InlineData(35.0, 1.5)]
    public void TwoCrossingLinesBecomeTwoWholeLines(double angle, double radius)
    {
        // A horizontal line and one at the given angle, crossing at the centre.
        var (c, r) = (80.0, 60.0);
        var t = angle * Math.PI / 180;
        var (dx, dy) = (r * Math.Cos(t), r * Math.Sin(t));
        var mask = Mask(radius, (c - r, c, c + r, c), (c - dx, c - dy, c + dx, c + dy));
        var parts = Split(mask);

        Assert.Equal(2, parts.Count);
        var tolerance = radius + 4;
        Assert.Contains(parts, p => Joins(p.Path, new PointD(c - r, c), new PointD(c + r, c), tolerance));
        Assert.Contains(parts, p => Joins(p.Path, new PointD(c - dx, c - dy), new PointD(c + dx, c + dy), tolerance));

        // Every mask pixel goes to a line; only the crossing's pixels can go to both.
        var all = parts.SelectMany(p => p.Pixels).ToHashSet();
        Assert.Equal(mask.Pixels.Length, all.Count);
        Assert.True(all.SetEquals(mask.Pixels));
        var shared = parts[0].Pixels.Intersect(parts[1].Pixels).Count();
        Assert.InRange(shared, 0, 4 * (radius + 3) * (radius + 3));
        foreach (var part in parts)
        {
            Assert.True(part.Pixels.SequenceEqual(part.Pixels.Order()));
        }
    }

    [Fact]
    public void AStemEndingOnALineStaysOneLineBesideIt()
    {
        // A T: the bar continues straight through the junction; the stem ends there.
        var mask = Mask(1.5, (20, 40, 140, 40), (80, 40, 80, 130));
        var parts = Split(mask);
        Assert.Equal(2, parts.Count);
        Assert.Contains(parts, p => Joins(p.Path, new PointD(20, 40), new PointD(140, 40), 4));
        Assert.Contains(parts, p => Joins(p.Path, new PointD(80, 40), new PointD(80, 130), 6));
    }

    [Fact]
    public void ABentLineOrAShortSpurIsNotSplit()
    {
        Assert.Empty(Split(Mask(2.0, (20, 20, 80, 80), (80, 80, 140, 30))));
        Assert.Empty(Split(Mask(1.5, (20, 80, 140, 80))));

        // A side branch shorter than the crossing length is no line of its own.
        Assert.Empty(Split(Mask(1.5, (20, 80, 140, 80), (80, 80, 80, 92))));
    }

    [Fact]
    public void SameMaskGivesTheSamePieces()
    {
        var mask = Mask(2.0, (20, 80, 140, 80), (30, 30, 130, 130), (130, 30, 30, 130));
        var a = Split(mask);
        var b = Split(mask);
        Assert.Equal(3, a.Count);
        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Pixels, b[i].Pixels);
            Assert.Equal(a[i].Path, b[i].Path);
        }
    }

    [Fact]
    public void ChainsOfAPlainSkeletonAreItsLine()
    {
        // A one-pixel line in a padded image: one chain, every pixel in order.
        const int stride = 12;
        var image = new byte[stride * 5];
        var skeleton = Enumerable.Range(1, 10).Select(x => (2 * stride) + x).ToArray();
        foreach (var p in skeleton)
        {
            image[p] = 1;
        }

        var chains = SkeletonChains.Split(image, stride, skeleton, SkeletonChainOptions.Default);
        Assert.Single(chains);
        Assert.Equal(skeleton, chains[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => SkeletonChains.Split(image, stride, skeleton, new SkeletonChainOptions(MaxBend: 120)));
    }
}
