using Dislocate.Core.Geometry;
using Dislocate.Core.Morphology;
using Dislocate.Core.Skeletons;
using Dislocate.Core.Tests.Morphology;

namespace Dislocate.Core.Tests.Skeletons;

public class SkeletonOrderingTests
{
    private static readonly double Sqrt2 = Math.Sqrt(2);

    [Fact]
    public void EmptySkeletonGivesNoPoints()
    {
        var path = SkeletonOrdering.LongestPath(new byte[30], 6, 5);
        Assert.Empty(path.Points);
        Assert.Equal(0, path.DroppedPixels);
        Assert.False(path.Closed);
        Assert.Empty(SkeletonOrdering.LongestPath([], 0, 0).Points);
    }

    [Fact]
    public void SinglePixelIsItsCentre()
    {
        var mask = new byte[30];
        mask[(3 * 6) + 4] = 9;
        var path = SkeletonOrdering.LongestPath(mask, 6, 5);
        Assert.Equal([new PointD(4.5, 3.5)], path.Points);
    }

    [Fact]
    public void LShapeComesBackInOrderFromEndToEnd()
    {
        var mask = TestMasks.Parse(
            [
                "..........",
                ".#........",
                ".#........",
                ".#........",
                "..#.......",
                "...#####..",
                "..........",
            ],
            out var w,
            out var h);
        var path = SkeletonOrdering.LongestPath(mask, w, h);
        Assert.Equal(0, path.DroppedPixels);
        Assert.False(path.Closed);
        Assert.Equal(TestMasks.Count(mask), path.Points.Length);
        var ends = new[] { path.Points[0], path.Points[^1] };
        Assert.Contains(new PointD(1.5, 1.5), ends);
        Assert.Contains(new PointD(7.5, 5.5), ends);
        AssertValidPath(path.Points, mask, w);
        Assert.Equal(2 + (2 * Sqrt2) + 4, Polyline.Length(path.Points), 1e-12);
    }

    [Fact]
    public void SpiralIsFollowedAllTheWayIn()
    {
        // A square spiral with one background pixel between turns: a single 8-connected chain of known order.
        const int N = 31;
        var mask = new byte[N * N];
        var order = new List<(int X, int Y)>();
        int x = 1, y = 1, dx = 1, dy = 0, run = N - 3, legs = 0;
        order.Add((x, y));
        while (run > 0)
        {
            for (var i = 0; i < run; i++)
            {
                x += dx;
                y += dy;
                order.Add((x, y));
            }

            // Runs 28, 28, 28, 26, 26, 24, 24, …: each turn stays two rows/columns inside the previous one.
            (dx, dy) = (-dy, dx);
            legs++;
            if (legs >= 3 && legs % 2 == 1)
            {
                run -= 2;
            }
        }

        foreach (var (px, py) in order)
        {
            mask[(py * N) + px] = 1;
        }

        Assert.Equal(order.Count, TestMasks.Count(mask)); // no pixel visited twice

        // The geodesic path cuts every corner of the 4-connected spiral with a diagonal step, so the corner pixels
        // (where the direction turns) are dropped and the rest comes back in spiral order.
        var corners = Enumerable.Range(1, order.Count - 2)
            .Where(i => order[i + 1].X - order[i].X != order[i].X - order[i - 1].X || order[i + 1].Y - order[i].Y != order[i].Y - order[i - 1].Y)
            .ToHashSet();
        var expected = order.Where((_, i) => !corners.Contains(i)).Select(p => new PointD(p.X + 0.5, p.Y + 0.5)).ToArray();

        var path = SkeletonOrdering.LongestPath(mask, N, N);
        Assert.Equal(corners.Count, path.DroppedPixels);
        Assert.Equal(expected, path.Points);
        AssertValidPath(path.Points, mask, N);
    }

    [Fact]
    public void TJunctionDropsTheShortestBranch()
    {
        var mask = TestMasks.Parse(
            [
                "...........................",
                "..#####################....",
                "............#..............",
                "............#..............",
                "............#..............",
                "............#..............",
                "............#..............",
                "...........................",
            ],
            out var w,
            out var h);
        var path = SkeletonOrdering.LongestPath(mask, w, h);

        // Left end → right end is 20 steps; either end → stem tip is at most 10 + 5.
        Assert.Equal(5, path.DroppedPixels);
        Assert.Equal(21, path.Points.Length);
        Assert.Equal(new PointD(2.5, 1.5), path.Points[0]); // the end first in raster order
        Assert.Equal(new PointD(22.5, 1.5), path.Points[^1]);
        Assert.Equal(20.0, Polyline.Length(path.Points), 1e-12);
    }

    [Fact]
    public void LongerSideBranchWinsOverTheStraightRun()
    {
        var mask = TestMasks.Parse(
            [
                "...........",
                ".########..",
                "...#.......",
                "...#.......",
                "...#.......",
                "...#.......",
                "...#.......",
                "...#.......",
                "...........",
            ],
            out var w,
            out var h);
        var path = SkeletonOrdering.LongestPath(mask, w, h);

        // Right end (8,1) → stem tip (3,7): 4 + √2 + 5 ≈ 10.41, cutting the corner at (3,1); left → right is only 7,
        // left → tip 1 + √2 + 5. The left arm (1..3, 1) is dropped.
        Assert.Equal(3, path.DroppedPixels);
        Assert.Equal(new PointD(8.5, 1.5), path.Points[0]); // the end first in raster order
        Assert.Equal(new PointD(3.5, 7.5), path.Points[^1]);
        Assert.Equal(9 + Sqrt2, Polyline.Length(path.Points), 1e-12);
        AssertValidPath(path.Points, mask, w);
    }

    [Fact]
    public void LoopIsCutOpenAndMarkedClosed()
    {
        const int N = 50;
        var ring = TestMasks.Annulus(N, N, 25, 25, 12, 17);
        LeeThinning.Thin(ring, N, N);
        var path = SkeletonOrdering.LongestPath(ring, N, N);
        Assert.True(path.Closed);
        Assert.Equal(TestMasks.Count(ring), path.Points.Length + path.DroppedPixels);
        Assert.Equal(0, path.DroppedPixels); // a thinned ring has no redundant corner pixels: the path is the whole ring
        AssertValidPath(path.Points, ring, N);

        // Cut open next to its first pixel: the two ends are neighbours, and the loop is ~2π·14.5 long.
        var gap = path.Points[^1] - path.Points[0];
        Assert.True(gap.Length <= Sqrt2 + 1e-12);
        Assert.InRange(Polyline.Length(path.Points), 2 * Math.PI * 14.5 * 0.95, 2 * Math.PI * 14.5 * 1.1);

        // A 4-connected square outline: the geodesic path cuts the three corners other than the cut pixel (1,1).
        var square = TestMasks.Parse(["......", ".####.", ".#..#.", ".#..#.", ".####.", "......"], out var w, out var h);
        var squarePath = SkeletonOrdering.LongestPath(square, w, h);
        Assert.True(squarePath.Closed);
        Assert.Equal(9, squarePath.Points.Length);
        Assert.Equal(3, squarePath.DroppedPixels);
        Assert.Equal(new PointD(1.5, 1.5), squarePath.Points[0]);
        Assert.Equal(5 + (3 * Sqrt2), Polyline.Length(squarePath.Points), 1e-12);
        AssertValidPath(squarePath.Points, square, w);
    }

    [Fact]
    public void UsesTheComponentWithTheMostPixels()
    {
        var mask = TestMasks.Parse(
            [
                "#####......",
                "...........",
                "..#########",
                "...........",
                "######.....",
            ],
            out var w,
            out var h);
        var path = SkeletonOrdering.LongestPath(mask, w, h);
        Assert.Equal(9, path.Points.Length);
        Assert.All(path.Points, p => Assert.Equal(2.5, p.Y));
        Assert.Equal(0, path.DroppedPixels);
    }

    [Fact]
    public void MatchesTheBruteForceGeodesicDiameterOnThinnedRandomShapes()
    {
        var random = new System.Random(99);
        for (var trial = 0; trial < 30; trial++)
        {
            const int W = 48;
            const int H = 40;
            var mask = new byte[W * H];
            for (var s = 0; s < 3; s++)
            {
                var stroke = TestMasks.ThickSegment(W, H, random.Next(W), random.Next(H), random.Next(W), random.Next(H), 1 + (random.NextDouble() * 3));
                for (var p = 0; p < mask.Length; p++)
                {
                    mask[p] |= stroke[p];
                }
            }

            LeeThinning.Thin(mask, W, H);
            var path = SkeletonOrdering.LongestPath(mask, W, H);
            if (path.Closed)
            {
                continue;
            }

            AssertValidPath(path.Points, mask, W);
            var length = Polyline.Length(path.Points);
            var diameter = BruteForceDiameter(mask, W, H, path.Points[0]);

            // Skeletons are trees up to tiny corner triangles, where the sweep may miss by a fraction of a pixel.
            Assert.InRange(length, diameter - 0.6, diameter + 1e-9);
        }
    }

    // Checks consecutive points are distinct 8-neighbours (steps 1 or √2) and every point is a skeleton pixel.
    private static void AssertValidPath(PointD[] points, byte[] mask, int width)
    {
        var seen = new HashSet<PointD>();
        for (var i = 0; i < points.Length; i++)
        {
            Assert.True(seen.Add(points[i]));
            Assert.NotEqual(0, mask[((int)points[i].Y * width) + (int)points[i].X]);
            if (i > 0)
            {
                var step = (points[i] - points[i - 1]).Length;
                Assert.True(step == 1.0 || Math.Abs(step - Sqrt2) < 1e-12, $"step {step} at {i}");
            }
        }
    }

    // Largest shortest-path distance between two pixels of the component containing `inside` (Floyd–Warshall-free:
    // Dijkstra from every pixel; the components here are a few hundred pixels).
    private static double BruteForceDiameter(byte[] mask, int width, int height, PointD inside)
    {
        var labels = new int[mask.Length];
        ConnectedComponents.Label(mask, width, height, labels);
        var label = labels[((int)inside.Y * width) + (int)inside.X];
        var nodes = Enumerable.Range(0, mask.Length).Where(p => labels[p] == label).ToArray();
        var best = 0.0;
        foreach (var source in nodes)
        {
            var distance = new Dictionary<int, double> { [source] = 0 };
            var queue = new PriorityQueue<int, double>();
            queue.Enqueue(source, 0);
            while (queue.TryDequeue(out var p, out var d))
            {
                if (d > distance[p])
                {
                    continue;
                }

                best = Math.Max(best, d);
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        int x = (p % width) + dx, y = (p / width) + dy;
                        if ((dx == 0 && dy == 0) || x < 0 || y < 0 || x >= width || y >= height || labels[(y * width) + x] != label)
                        {
                            continue;
                        }

                        var q = (y * width) + x;
                        var nd = d + (dx != 0 && dy != 0 ? Sqrt2 : 1.0);
                        if (!distance.TryGetValue(q, out var old) || nd < old - 1e-12)
                        {
                            distance[q] = nd;
                            queue.Enqueue(q, nd);
                        }
                    }
                }
            }
        }

        return best;
    }
}
