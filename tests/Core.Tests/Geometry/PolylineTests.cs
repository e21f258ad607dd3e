using Dislocate.Core.Geometry;

namespace Dislocate.Core.Tests.Geometry;

public class PolylineTests
{
    [Fact]
    public void LengthSumsSegments()
    {
        Assert.Equal(12.0, Polyline.Length([new(0, 0), new(3, 4), new(3, 11)]));
        Assert.Equal(0.0, Polyline.Length([new(5, 5)]));
    }

    [Fact]
    public void ResampleStraightLineGivesEqualSpacing()
    {
        var a = new PointD(3, 7);
        var b = new PointD(403, 307); // length 500
        var r = Polyline.ResampleEquidistant([a, new PointD(103, 82), b], 50);
        Assert.Equal(50, r.Length);
        Assert.Equal(a, r[0]);
        Assert.Equal(b, r[^1]);
        for (var i = 1; i < r.Length; i++)
        {
            Assert.Equal(500.0 / 49, (r[i] - r[i - 1]).Length, 500.0 / 49 * 1e-9);
        }
    }

    [Fact]
    public void ResampleBentLineSpacesByArcLength()
    {
        // An L of total length 98: with 50 points the arc spacing is exactly 2.
        PointD[] line = [new(0, 0), new(49, 0), new(49, 49)];
        var r = Polyline.ResampleEquidistant(line, 50);
        for (var k = 0; k < 50; k++)
        {
            var s = 2.0 * k;
            var expected = s <= 49 ? new PointD(s, 0) : new PointD(49, s - 49);
            Assert.Equal(expected.X, r[k].X, 1e-9);
            Assert.Equal(expected.Y, r[k].Y, 1e-9);
        }
    }

    [Fact]
    public void ResampleDegenerateLine()
    {
        var r = Polyline.ResampleEquidistant([new(2, 2), new(2, 2)], 5);
        Assert.All(r, p => Assert.Equal(new PointD(2, 2), p));
    }

    [Fact]
    public void DistanceToSegmentHandCases()
    {
        var a = new PointD(0, 0);
        var b = new PointD(10, 0);
        Assert.Equal(3.0, Polyline.DistanceToSegment(new PointD(4, 3), a, b));
        Assert.Equal(5.0, Polyline.DistanceToSegment(new PointD(-3, 4), a, b));
        Assert.Equal(5.0, Polyline.DistanceToSegment(new PointD(13, -4), a, b));
        Assert.Equal(0.0, Polyline.DistanceToSegment(new PointD(7, 0), a, b));
        Assert.Equal(5.0, Polyline.DistanceToSegment(new PointD(3, 4), a, a));
        Assert.Equal(Math.Sqrt(2) / 2, Polyline.DistanceToSegment(new PointD(1, 0), new PointD(0, 0), new PointD(1, 1)), 1e-15);
    }

    [Fact]
    public void DistanceToPolylineHandCases()
    {
        PointD[] line = [new(0, 0), new(10, 0), new(10, 10)];
        Assert.Equal(2.0, Polyline.DistanceToPolyline(new PointD(5, 2), line));
        Assert.Equal(1.0, Polyline.DistanceToPolyline(new PointD(9, 5), line));
        Assert.Equal(5.0, Polyline.DistanceToPolyline(new PointD(13, 14), line));
        Assert.Equal(Math.Sqrt(2), Polyline.DistanceToPolyline(new PointD(11, -1), line), 1e-15);
        Assert.Equal(5.0, Polyline.DistanceToPolyline(new PointD(3, 4), [new PointD(0, 0)]));
    }

    [Fact]
    public void CentroidIsArcLengthWeighted()
    {
        // Segment of length 10 along x and one of length 2 along y: weighted midpoints (5,0)·10 and (10,1)·2.
        var c = Polyline.Centroid([new(0, 0), new(10, 0), new(10, 2)]);
        Assert.Equal(70.0 / 12, c.X, 1e-12);
        Assert.Equal(2.0 / 12, c.Y, 1e-12);
        Assert.Equal(new PointD(1, 1), Polyline.Centroid([new(1, 1), new(1, 1)]));
    }

    [Fact]
    public void ClipLineCrossingRectangle()
    {
        var parts = Polyline.ClipToRect([new(-5, 5), new(15, 5)], 0, 0, 10, 10);
        Assert.Single(parts);
        Assert.Equal([new PointD(0, 5), new PointD(10, 5)], parts[0]);
    }

    [Fact]
    public void ClipSplitsLineThatLeavesAndReenters()
    {
        PointD[] line = [new(2, 2), new(5, 5), new(5, 15), new(8, 15), new(8, 5), new(8, 2)];
        var parts = Polyline.ClipToRect(line, 0, 0, 10, 10);
        Assert.Equal(2, parts.Length);
        Assert.Equal([new PointD(2, 2), new PointD(5, 5), new PointD(5, 10)], parts[0]);
        Assert.Equal([new PointD(8, 10), new PointD(8, 5), new PointD(8, 2)], parts[1]);
    }

    [Fact]
    public void ClipOutsideAndInside()
    {
        Assert.Empty(Polyline.ClipToRect([new(-5, -5), new(-1, 20)], 0, 0, 10, 10));
        PointD[] inside = [new(1, 1), new(2, 3), new(4, 4)];
        var parts = Polyline.ClipToRect(inside, 0, 0, 10, 10);
        Assert.Single(parts);
        Assert.Equal(inside, parts[0]);
    }

    [Fact]
    public void RemoveRepeats_DropsOnlyConsecutiveEqualPoints()
    {
        PointD[] input = [new(0, 0), new(0, 0), new(1, 0), new(1, 0), new(1, 0), new(0, 0)];
        Assert.Equal([new PointD(0, 0), new PointD(1, 0), new PointD(0, 0)], Polyline.RemoveRepeats(input));
        Assert.Empty(Polyline.RemoveRepeats([]));
    }
}
