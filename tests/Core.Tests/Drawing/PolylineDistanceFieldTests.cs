using Dislocate.Core.Drawing;
using Dislocate.Core.Geometry;
using Dislocate.Core.Random;

namespace Dislocate.Core.Tests.Drawing;

public class PolylineDistanceFieldTests
{
    // Brute force: every pixel centre against the whole polyline.
    private static Dictionary<int, float> BruteForce(int w, int h, PointD[] line, double maxDistance)
    {
        var expected = new Dictionary<int, float>();
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var d = Polyline.DistanceToPolyline(new PointD(x + 0.5, y + 0.5), line);
                if (d <= maxDistance)
                {
                    expected[(y * w) + x] = (float)d;
                }
            }
        }

        return expected;
    }

    private static void AssertMatchesBruteForce(PolylineDistanceField field, PointD[] line, double maxDistance)
    {
        field.Compute(line, maxDistance);
        var expected = BruteForce(field.Width, field.Height, line, maxDistance);
        var touched = field.TouchedIndices.ToArray();
        Assert.Equal(touched.Length, touched.Distinct().Count());
        Assert.Equal(expected.Keys.Order(), touched.Order());
        var distances = field.TouchedDistances;
        for (var k = 0; k < touched.Length; k++)
        {
            Assert.Equal(expected[touched[k]], distances[k]);
            Assert.Equal(expected[touched[k]], field.DistanceAt(touched[k]));
        }
    }

    [Fact]
    public void HorizontalLineTouchesExpectedPixels()
    {
        var field = new PolylineDistanceField(32, 24);
        PointD[] line = [new(2.5, 10.5), new(20.5, 10.5)];
        AssertMatchesBruteForce(field, line, 1.0);

        // Rows 9..11 for columns 2..20, plus the cap pixels (1, 10) and (21, 10).
        var set = field.TouchedIndices.ToArray().ToHashSet();
        Assert.Equal((3 * 19) + 2, set.Count);
        Assert.Contains((10 * 32) + 1, set);
        Assert.Contains((10 * 32) + 21, set);
        Assert.DoesNotContain((9 * 32) + 1, set);
        Assert.Equal(1f, field.DistanceAt((9 * 32) + 5));
        Assert.Equal(0f, field.DistanceAt((10 * 32) + 5));
        Assert.Equal(float.PositiveInfinity, field.DistanceAt((12 * 32) + 5));
    }

    [Fact]
    public void DiagonalLineMatchesBruteForce()
    {
        AssertMatchesBruteForce(new PolylineDistanceField(40, 30), [new(3.2, 4.7), new(35.9, 26.1)], 2.5);
    }

    [Fact]
    public void CurvedDenseLineMatchesBruteForce()
    {
        // A curve sampled about every pixel, with a sharp bend, partly outside the image.
        var points = new List<PointD>();
        for (var i = 0; i <= 60; i++)
        {
            points.Add(new PointD(-5 + i, 20 + (12 * Math.Sin(i * 0.15))));
        }

        points.Add(new PointD(40, 3));
        points.Add(new PointD(30, 45));
        AssertMatchesBruteForce(new PolylineDistanceField(48, 40), [.. points], 3.0);
    }

    [Fact]
    public void RandomPolylinesMatchBruteForce()
    {
        var rng = new Rng(12);
        var field = new PolylineDistanceField(37, 29);
        for (var trial = 0; trial < 30; trial++)
        {
            var n = rng.NextInt(1, 8);
            var line = new PointD[n];
            for (var i = 0; i < n; i++)
            {
                // Snap some coordinates to half-pixels to create exact ties and boundary cases.
                var x = rng.Uniform(-10, 47);
                var y = rng.Uniform(-10, 39);
                line[i] = rng.Chance(0.3) ? new PointD(Math.Round(x) + 0.5, Math.Round(y)) : new PointD(x, y);
            }

            if (n > 2 && rng.Chance(0.3))
            {
                line[1] = line[0]; // a zero-length segment
            }

            AssertMatchesBruteForce(field, line, rng.Chance(0.5) ? rng.Uniform(0, 6) : rng.NextInt(0, 5));
        }
    }

    [Fact]
    public void ReuseAfterResetEqualsFreshInstance()
    {
        PointD[] first = [new(1, 1), new(30, 20), new(5, 28)];
        PointD[] second = [new(10.5, 2.5), new(12.5, 25.5)];
        var reused = new PolylineDistanceField(32, 32);
        reused.Compute(first, 4.0);
        reused.Compute(second, 1.5);
        var fresh = new PolylineDistanceField(32, 32);
        fresh.Compute(second, 1.5);
        Assert.Equal(fresh.TouchedIndices.ToArray(), reused.TouchedIndices.ToArray());
        Assert.Equal(fresh.TouchedDistances.ToArray(), reused.TouchedDistances.ToArray());
        for (var i = 0; i < 32 * 32; i++)
        {
            Assert.Equal(fresh.DistanceAt(i), reused.DistanceAt(i));
        }
    }

    [Fact]
    public void LineOutsideTheImageTouchesNothing()
    {
        var field = new PolylineDistanceField(20, 20);
        field.Compute([new(-10, -10), new(-3, 50), new(40, 60)], 2.0);
        Assert.Equal(0, field.TouchedIndices.Length);
        field.Compute([], 2.0);
        Assert.Equal(0, field.TouchedIndices.Length);
    }

    [Fact]
    public void SinglePointGivesADisc()
    {
        AssertMatchesBruteForce(new PolylineDistanceField(20, 20), [new(9.5, 9.5)], 3.0);
    }

    [Fact]
    public void TouchOrderIsDeterministic()
    {
        PointD[] line = [new(2, 3), new(17.3, 11.1), new(4, 18)];
        var a = new PolylineDistanceField(20, 20);
        var b = new PolylineDistanceField(20, 20);
        a.Compute(line, 2.2);
        b.Compute(line, 2.2);
        Assert.Equal(a.TouchedIndices.ToArray(), b.TouchedIndices.ToArray());
    }

    [Fact]
    public void BoxCoverage()
    {
        Assert.Equal(1f, LineCoverage.BoxCoverage(0f, 2f));
        Assert.Equal(1f, LineCoverage.BoxCoverage(0.5f, 2f));
        Assert.Equal(0.5f, LineCoverage.BoxCoverage(1f, 2f));
        Assert.Equal(0f, LineCoverage.BoxCoverage(1.5f, 2f));
        Assert.Equal(0f, LineCoverage.BoxCoverage(2f, 2f));
        Assert.Equal(0.5f, LineCoverage.BoxCoverage(0f, 0f));
    }
}
