using Dislocate.Core.Geometry;
using Dislocate.Track.Lines;

namespace Dislocate.Track.Tests.Lines;

public class LineGeometryTests
{
    [Fact]
    public void StraightLineHasItsLengthEndsCentreAndDirection()
    {
        // 11 points from (10, 50) to (110, 50 − 100·tan 30°): 30° counter-clockwise on screen (y points down).
        var rise = 100 * Math.Tan(Math.PI / 6);
        var points = Enumerable.Range(0, 11).Select(i => new PointD(10 + (10.0 * i), 50 - (rise * i / 10))).ToArray();
        var m = LineGeometry.Measure(points);
        Assert.Equal(100 / Math.Cos(Math.PI / 6), m.Length, 1e-9);
        Assert.Equal(points[0], m.Start);
        Assert.Equal(points[^1], m.End);
        Assert.Equal(60.0, m.Centroid.X, 1e-9);
        Assert.Equal(50 - (rise / 2), m.Centroid.Y, 1e-9);
        Assert.Equal(30.0, m.DirectionDegrees, 1e-9);
        Assert.Equal(1.0, m.DirectionCoherence, 1e-12);
        Assert.All(m.Curvature, k => Assert.Equal(0.0, k, 1e-12));
        Assert.All(m.Radius, r => Assert.True(r > 1e9));
        Assert.Equal(0.0, m.MaxAbsCurvature, 1e-12);
    }

    [Theory]
    [InlineData(1.0, 0.0, 0.0)]
    [InlineData(-1.0, 0.0, 0.0)] // walking left is still the 0° axis
    [InlineData(0.0, 1.0, 90.0)] // straight down the image is vertical
    [InlineData(1.0, 1.0, 135.0)] // down-right on screen
    [InlineData(1.0, -1.0, 45.0)] // up-right on screen
    [InlineData(-1.0, -1.0, 135.0)] // up-left on screen is the axis of down-right
    public void DirectionIsAxialCounterClockwiseOnScreen(double dx, double dy, double degrees)
    {
        var points = new[] { new PointD(50, 50), new PointD(50 + (20 * dx), 50 + (20 * dy)), new PointD(50 + (40 * dx), 50 + (40 * dy)) };
        var direction = LineGeometry.Measure(points).DirectionDegrees;
        Assert.Equal(degrees, direction, 1e-9);
        Assert.InRange(direction, 0.0, 179.999999);
    }

    [Fact]
    public void DirectionIsTheAxialMeanOfSegments()
    {
        // One segment at 10°, one at 170° (= −10° axially): the axial mean is 0°, not the vector mean 90°.
        var a = Math.PI * 10 / 180;
        var p0 = new PointD(0, 0);
        var p1 = new PointD(10 * Math.Cos(a), -10 * Math.Sin(a));
        var p2 = p1 + new PointD(-10 * Math.Cos(a), -10 * Math.Sin(a));
        var m = LineGeometry.Measure([p0, p1, p2]);
        Assert.Equal(0.0, m.DirectionDegrees, 1e-9);
        Assert.Equal(Math.Cos(2 * a), m.DirectionCoherence, 1e-12);
    }

    [Fact]
    public void HalfCircleHasNoMeanDirection()
    {
        // Segment directions cover 0°–180° evenly, so their doubled angles cancel.
        var points = Enumerable.Range(0, 51).Select(i => new PointD(100 + (40 * Math.Cos(Math.PI * i / 50)), 100 + (40 * Math.Sin(Math.PI * i / 50)))).ToArray();
        var m = LineGeometry.Measure(points);
        Assert.True(double.IsNaN(m.DirectionDegrees));
        Assert.InRange(m.DirectionCoherence, 0.0, 1e-9);
    }

    [Theory]
    [InlineData(40.0, 1.0)]
    [InlineData(80.0, -1.0)]
    [InlineData(150.0, 1.0)]
    public void ThreeSinglePointsOnACircleGiveItsCurvatureExactly(double radius, double turn)
    {
        // A span of one spacing: w = 1, g = 0, the plain circle through consecutive points, exact on a circle.
        var points = ArcPoints(new PointD(200, 200), radius, 0.4, 1.9 * turn, 50);
        var m = LineGeometry.Measure(points, curvatureSpan: 0.1);
        Assert.Equal(1, m.CurvatureStep);

        // Angles grow clockwise on screen here (image y is down), so turn > 0 is a clockwise, negative, curvature.
        Assert.All(m.Curvature, k => Assert.Equal(-turn / radius, k, 1e-12));
        Assert.All(m.Radius, r => Assert.Equal(radius, r, radius * 1e-9));
        Assert.Equal(-turn / radius, m.MeanCurvature, 1e-12);
        Assert.Equal(1 / radius, m.MeanAbsCurvature, 1e-12);
        Assert.Equal(1 / radius, m.MaxAbsCurvature, 1e-12);
    }

    [Theory]
    [InlineData(40.0)]
    [InlineData(80.0)]
    [InlineData(150.0)]
    public void GroupedCirclesOnAnArcAreUnbiasedWithinOnePercent(double radius)
    {
        // Default 20 px span. Each triple's three group means (2h + 1 points each) lie on one concentric circle, shrunk
        // by the mean of cos(jψ), 1 − ψ²h(h + 1)/6 with ψ = spacing/R: on these arcs (h·spacing ≤ 10 px) the curvature
        // comes out at most (10/40)²(1 + 1/h)/6 ≈ 1.4 % high (R = 40, h = 3), never low; the ends (h = 0) are exact.
        var points = ArcPoints(new PointD(200, 200), radius, 0.3, 0.3 + (150 / radius), 50);
        var m = LineGeometry.Measure(points);
        Assert.True(m.CurvatureStep > 1);
        foreach (var k in m.Curvature)
        {
            Assert.InRange(-k * radius, 1 - 1e-9, 1.015);
        }
    }

    [Fact]
    public void EndsTakeTheNearestInteriorValue()
    {
        // A line that is straight for its first half and then bends: the ends copy the values at w and K − 1 − w.
        var points = Enumerable.Range(0, 21).Select(i => i <= 10 ? new PointD(i, 0) : new PointD(10 + (10 * Math.Sin((i - 10) * 0.1)), -10 * (1 - Math.Cos((i - 10) * 0.1)))).ToArray();
        var m = LineGeometry.Measure(points, curvatureSpan: 3);
        var w = m.CurvatureStep;
        Assert.Equal(3, w);
        for (var i = 0; i < w; i++)
        {
            Assert.Equal(m.Curvature[w], m.Curvature[i]);
            Assert.Equal(m.Curvature[20 - w], m.Curvature[20 - i]);
        }

        Assert.Equal(0.0, m.Curvature[w], 1e-12);
        Assert.True(m.Curvature[20 - w] > 0.05, "the bend turns counter-clockwise on screen (up while heading right)");
    }

    [Fact]
    public void TwoPointsOrZeroLengthHaveNoCurvature()
    {
        var two = LineGeometry.Measure([new PointD(0, 0), new PointD(3, 4)]);
        Assert.Equal(5.0, two.Length);
        Assert.Equal(0, two.CurvatureStep);
        Assert.Equal([0.0, 0.0], two.Curvature);

        var dot = LineGeometry.Measure([new PointD(2, 2), new PointD(2, 2), new PointD(2, 2)]);
        Assert.Equal(0.0, dot.Length);
        Assert.True(double.IsNaN(dot.DirectionDegrees));
        Assert.Equal(new PointD(2, 2), dot.Centroid);
        Assert.All(dot.Radius, r => Assert.Equal(double.PositiveInfinity, r));
    }

    [Fact]
    public void BadPointsOrSpanAreRejected()
    {
        Assert.Throws<ArgumentException>(() => LineGeometry.Measure([new PointD(0, 0)]));
        Assert.Throws<ArgumentException>(() => LineGeometry.Measure([new PointD(0, 0), new PointD(double.NaN, 1)]));
        var e = Assert.Throws<ArgumentException>(() => LineGeometry.Measure([new PointD(0, 0), new PointD(1, 1)], curvatureSpan: 0));
        Assert.Contains("curvature span", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NanometreValuesScaleLengthsAndCurvature()
    {
        var points = ArcPoints(new PointD(100, 100), 50, 0, 1, 50);
        var px = LineGeometry.Measure(points);
        var nm = px.InNanometres(new PhysicalScale(PixelSizeNm: 2.5))!;
        Assert.Equal(px.Length * 2.5, nm.LengthNm, 1e-9);
        Assert.Equal(px.Centroid * 2.5, nm.CentroidNm);
        Assert.Equal(px.Points[7] * 2.5, nm.PointsNm[7]);
        Assert.Equal(px.Curvature[20] / 2.5, nm.CurvaturePerNm[20], 1e-15);
        Assert.Equal(px.Radius[20] * 2.5, nm.RadiusNm[20], 1e-9);
        Assert.Equal(px.MaxAbsCurvature / 2.5, nm.MaxAbsCurvaturePerNm, 1e-15);
        Assert.Null(px.InNanometres(PhysicalScale.None));
        Assert.Throws<ArgumentException>(() => px.InNanometres(new PhysicalScale(PixelSizeNm: -1)));
    }

    internal static PointD[] ArcPoints(PointD centre, double radius, double from, double to, int count) =>
        Enumerable.Range(0, count)
            .Select(i => from + ((to - from) * i / (count - 1)))
            .Select(a => new PointD(centre.X + (radius * Math.Cos(a)), centre.Y + (radius * Math.Sin(a))))
            .ToArray();
}
