using Dislocate.Core.Geometry;

namespace Dislocate.Core.Tests.Geometry;

public class CubicSplineTests
{
    private static readonly PointD[] Wiggly =
    [
        new(10, 10), new(40, 35), new(55, 20), new(90, 60), new(120, 58), new(121, 90),
    ];

    [Fact]
    public void PassesExactlyThroughEveryKnot()
    {
        var spline = new CubicSpline(Wiggly);
        var t = 0.0;
        for (var i = 0; i < Wiggly.Length; i++)
        {
            if (i > 0)
            {
                t += (Wiggly[i] - Wiggly[i - 1]).Length;
            }

            Assert.Equal(Wiggly[i], spline.Evaluate(t));
        }

        Assert.Equal(t, spline.ParameterLength, 1e-12);
        Assert.Equal(Wiggly, spline.Knots);
    }

    [Fact]
    public void NaturalEndConditions()
    {
        var spline = new CubicSpline(Wiggly);
        var start = spline.SecondDerivative(0);
        var end = spline.SecondDerivative(spline.ParameterLength);
        Assert.Equal(0.0, start.X, 1e-12);
        Assert.Equal(0.0, start.Y, 1e-12);
        Assert.Equal(0.0, end.X, 1e-9);
        Assert.Equal(0.0, end.Y, 1e-9);

        // Interior knots: first and second derivatives are continuous.
        var t1 = (Wiggly[1] - Wiggly[0]).Length;
        Assert.Equal(spline.Tangent(t1 - 1e-9).X, spline.Tangent(t1).X, 1e-6);
        Assert.Equal(spline.SecondDerivative(t1 - 1e-9).Y, spline.SecondDerivative(t1).Y, 1e-6);
    }

    [Fact]
    public void TwoKnotsGiveAStraightSegment()
    {
        var a = new PointD(1, 2);
        var b = new PointD(7, 10);
        var spline = new CubicSpline([a, b]);
        Assert.Equal(10.0, spline.ParameterLength);
        for (var i = 0; i <= 10; i++)
        {
            var p = spline.Evaluate(i);
            Assert.Equal(1 + (0.6 * i), p.X, 1e-12);
            Assert.Equal(2 + (0.8 * i), p.Y, 1e-12);
            Assert.Equal(0.6, spline.Tangent(i).X, 1e-12);
            Assert.Equal(0.8, spline.Tangent(i).Y, 1e-12);
        }
    }

    [Fact]
    public void CircleArcLengthWithinOnePercent()
    {
        // Quarter circle of radius 100 through 7 knots; the spline is sampled densely and measured.
        const double radius = 100;
        var knots = new PointD[7];
        for (var i = 0; i < knots.Length; i++)
        {
            var angle = Math.PI / 2 * i / (knots.Length - 1);
            knots[i] = new PointD(radius * Math.Cos(angle), radius * Math.Sin(angle));
        }

        var spline = new CubicSpline(knots);
        var length = Polyline.Length(spline.Sample(0.25));
        Assert.Equal(Math.PI / 2 * radius, length, Math.PI / 2 * radius * 0.01);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.3)]
    [InlineData(25.0)]
    public void SampleRespectsStepAndKeepsKnots(double maxStep)
    {
        var spline = new CubicSpline(Wiggly);
        var samples = spline.Sample(maxStep);
        Assert.Equal(Wiggly[0], samples[0]);
        Assert.Equal(Wiggly[^1], samples[^1]);
        for (var i = 1; i < samples.Length; i++)
        {
            Assert.True((samples[i] - samples[i - 1]).Length <= maxStep, $"step {i}");
        }

        foreach (var knot in Wiggly)
        {
            Assert.Contains(knot, samples);
        }

        // Not grossly oversampled: at most ~25% more points than length / step (plus one per interval).
        var length = Polyline.Length(samples);
        Assert.True(samples.Length <= (1.25 * length / maxStep) + Wiggly.Length + 1);
    }

    [Fact]
    public void RejectsBadInput()
    {
        Assert.Throws<ArgumentException>(() => new CubicSpline([new PointD(1, 1)]));
        Assert.Throws<ArgumentException>(() => new CubicSpline([new PointD(1, 1), new PointD(1, 1)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CubicSpline(Wiggly).Sample(0));
    }
}
