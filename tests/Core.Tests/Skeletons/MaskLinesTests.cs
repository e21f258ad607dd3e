using Dislocate.Core.Geometry;
using Dislocate.Core.Skeletons;
using Dislocate.Core.Tests.Morphology;

namespace Dislocate.Core.Tests.Skeletons;

public class MaskLinesTests
{
    private static readonly MaskLineOptions Defaults = new();

    [Theory]
    [InlineData(20.3, 30.7, 180.2, 30.7, 1.5)]
    [InlineData(20.3, 20.7, 180.2, 120.1, 2.0)]
    [InlineData(30.0, 20.0, 60.0, 180.0, 2.5)]
    [InlineData(20.0, 20.0, 170.0, 170.0, 3.0)]
    [InlineData(150.5, 40.5, 40.5, 170.5, 4.0)]
    public void StraightThickLineGivesItsLength(double ax, double ay, double bx, double by, double radius)
    {
        var mask = Scale(TestMasks.ThickSegment(200, 200, ax, ay, bx, by, radius));
        var line = MaskLines.Extract(mask, 200, 200, Defaults);
        var length = Math.Sqrt(((bx - ax) * (bx - ax)) + ((by - ay) * (by - ay)));

        // The mask reaches r past each end (round caps). Lee thinning keeps end points, so each skeleton end stops
        // somewhere between the true end and the cap tip, and diagonal peeling can pull it up to about r back inside:
        // each end is within r + 0.75 px (0.5 px pixel-centre rounding, 0.25 px spline), so |Length − L| ≤ 2r + 1.5.
        // In practice the two ends' errors largely cancel (measured |Length − L| ≤ 3 px over these cases).
        Assert.InRange(line.Length, length - ((2 * radius) + 1.5), length + (2 * radius) + 1.5);
        Assert.InRange(Math.Abs(line.Length - length), 0, 3.0);
        Assert.Equal(1, line.Components);
        Assert.Equal(TestMasks.Count(mask), line.Pixels);
        Assert.NotNull(line.Spline);

        // The path ends lie near the segment ends.
        var ends = new[] { line.Path.Points[0], line.Path.Points[^1] };
        var a = new PointD(ax, ay);
        var b = new PointD(bx, by);
        Assert.True(ends.Min(e => e.DistanceTo(a)) <= radius + 1.5);
        Assert.True(ends.Min(e => e.DistanceTo(b)) <= radius + 1.5);
    }

    [Fact]
    public void SplineRemovesThePixelStaircase()
    {
        // An oblique line: the 8-connected pixel path is up to 8 % longer than the line (√2 steps instead of the
        // direction's true step); the spline through knots 5 px apart is not.
        var mask = Scale(TestMasks.ThickSegment(200, 200, 20.3, 20.7, 180.2, 120.1, 2.0));
        var line = MaskLines.Extract(mask, 200, 200, Defaults);
        var truth = Math.Sqrt((159.9 * 159.9) + (99.4 * 99.4));
        var staircase = Polyline.Length(line.Path.Points);
        Assert.True(staircase > truth + 8, $"staircase {staircase}");
        Assert.InRange(line.Length, truth - 2, truth + 2);
    }

    [Theory]
    [InlineData(60.0, 2.0, 1.5)]
    [InlineData(40.0, 3.0, 1.5)]
    [InlineData(80.0, 1.0, 2.5)]
    [InlineData(60.0, 2.0, 2.5)]
    public void CircularArcGivesItsArcLength(double radius, double angle, double halfWidth)
    {
        var points = Enumerable.Range(0, 400)
            .Select(i => (100 + (radius * Math.Cos(0.3 + (angle * i / 399.0))), 100 + (radius * Math.Sin(0.3 + (angle * i / 399.0)))))
            .ToArray();
        var mask = Scale(TestMasks.ThickPolyline(200, 200, points, halfWidth));
        var line = MaskLines.Extract(mask, 200, 200, Defaults);

        // Same end effects as a straight line (a few px) on 80–120 px: within 3 %.
        Assert.InRange(line.Length, radius * angle * 0.97, radius * angle * 1.03);

        // The spline follows the arc: its points stay within a pixel of the circle.
        foreach (var p in line.Resample(50))
        {
            Assert.InRange(p.DistanceTo(new PointD(100, 100)), radius - 1, radius + 1);
        }
    }

    [Theory]
    [InlineData(20.0, 80.0, 1.5)]
    [InlineData(10.0, 60.0, 1.5)]
    [InlineData(30.0, 150.0, 2.5)]
    [InlineData(10.0, 60.0, 2.5)]
    public void SineCurveGivesItsArcLength(double amplitude, double wavelength, double halfWidth)
    {
        var points = Enumerable.Range(0, 1601)
            .Select(i => 20 + (160.0 * i / 1600))
            .Select(x => (x, 100 + (amplitude * Math.Sin(2 * Math.PI * (x - 20) / wavelength))))
            .ToArray();
        var truth = Polyline.Length(points.Select(p => new PointD(p.Item1, p.Item2)).ToArray());
        var mask = Scale(TestMasks.ThickPolyline(200, 200, points, halfWidth));
        var line = MaskLines.Extract(mask, 200, 200, Defaults);

        // End effects plus some corner cutting at the crests (radius of curvature down to 8 px): within 3 %.
        Assert.InRange(line.Length, truth * 0.97, truth * 1.03);
    }

    [Fact]
    public void ResampleGivesEquallySpacedPointsFromEndToEnd()
    {
        var straight = MaskLines.Extract(Scale(TestMasks.ThickSegment(200, 200, 20.3, 20.7, 180.2, 120.1, 2.0)), 200, 200, Defaults);
        var arcPoints = Enumerable.Range(0, 400)
            .Select(i => (100 + (60 * Math.Cos(0.3 + (2.0 * i / 399.0))), 100 + (60 * Math.Sin(0.3 + (2.0 * i / 399.0)))))
            .ToArray();
        var arc = MaskLines.Extract(Scale(TestMasks.ThickPolyline(200, 200, arcPoints, 2.0)), 200, 200, Defaults);
        foreach (var line in new[] { straight, arc })
        {
            var points = line.Resample(50);
            Assert.Equal(50, points.Length);
            Assert.Equal(line.Path.Points[0], points[0]);
            Assert.Equal(line.Path.Points[^1], points[^1]);

            // Arc length along the spline at each point, read off a 0.002 px polyline sampling of it (nearest sample,
            // plus the projection onto the following sampled segment, so the reading is accurate to ~1e-6 px).
            var fine = line.Spline!.Sample(0.002);
            var cumulative = new double[fine.Length];
            for (var i = 1; i < fine.Length; i++)
            {
                cumulative[i] = cumulative[i - 1] + (fine[i] - fine[i - 1]).Length;
            }

            Assert.Equal(line.Length, cumulative[^1], line.Length * 1e-6);
            var position = new double[50];
            var j = 0;
            for (var k = 0; k < 50; k++)
            {
                // The points come in order along the curve, so the nearest sample is searched forward from the last.
                while (j + 1 < fine.Length && (fine[j + 1] - points[k]).LengthSquared <= (fine[j] - points[k]).LengthSquared)
                {
                    j++;
                }

                var along = j + 1 < fine.Length ? (fine[j + 1] - fine[j]).Normalized() : (fine[j] - fine[j - 1]).Normalized();
                position[k] = cumulative[j] + (points[k] - fine[j]).Dot(along);
            }

            var steps = Enumerable.Range(1, 49).Select(k => position[k] - position[k - 1]).ToArray();
            Assert.True((steps.Max() - steps.Min()) / steps.Average() < 1e-4, $"arc steps {steps.Min()} .. {steps.Max()}");
            Assert.Equal(line.Length / 49, steps.Average(), 1e-6);

            // Straight-line distances differ from the arc steps only by the spline's gentle bending (< 1 %).
            var chords = Enumerable.Range(1, 49).Select(k => (points[k] - points[k - 1]).Length).ToArray();
            Assert.True((chords.Max() - chords.Min()) / chords.Average() < 1e-2, $"chords {chords.Min()} .. {chords.Max()}");
        }
    }

    [Fact]
    public void EmptyMaskGivesNoLine()
    {
        var line = MaskLines.Extract(new float[64 * 48], 64, 48, Defaults);
        Assert.Equal(0.0, line.Length);
        Assert.Empty(line.Path.Points);
        Assert.Null(line.Spline);
        Assert.Equal(0, line.Pixels);
        Assert.Equal(0, line.Components);
        Assert.Throws<InvalidOperationException>(() => line.Resample(50));

        var bytes = MaskLines.Extract(new byte[64 * 48], 64, 48, Defaults);
        Assert.Equal(0.0, bytes.Length);
        Assert.Empty(bytes.Path.Points);
    }

    [Fact]
    public void SpeckBelowMinPixelsIsRemoved()
    {
        var mask = new byte[40 * 30];
        mask[(10 * 40) + 10] = 255;
        mask[(10 * 40) + 11] = 255; // a 2-pixel speck
        var line = MaskLines.Extract(mask, 40, 30, Defaults);
        Assert.Equal(0, line.Pixels);
        Assert.Equal(0, line.Components);
        Assert.Empty(line.Path.Points);
        Assert.Equal(0.0, line.Length);

        var kept = MaskLines.Extract(mask, 40, 30, Defaults with { MinPixels = 2 });
        Assert.Equal(2, kept.Pixels);
        Assert.Equal(1.0, kept.Length, 1e-12);
        Assert.Equal(2, kept.Resample(2).Length);
    }

    [Fact]
    public void SinglePixelLineHasZeroLength()
    {
        var mask = new byte[20 * 20];
        mask[(5 * 20) + 7] = 255;
        var line = MaskLines.Extract(mask, 20, 20, Defaults with { MinPixels = 1 });
        Assert.Equal(0.0, line.Length);
        Assert.Null(line.Spline);
        Assert.Equal([new PointD(7.5, 5.5)], line.Path.Points);
        Assert.All(line.Resample(3), p => Assert.Equal(new PointD(7.5, 5.5), p));
    }

    [Fact]
    public void KeepsOnlyTheLargestComponentUnlessAskedForAll()
    {
        const int W = 120;
        const int H = 60;
        var mask = TestMasks.ThickSegment(W, H, 10, 20, 100, 20, 2);
        var small = TestMasks.ThickSegment(W, H, 10, 45, 40, 45, 2);
        for (var p = 0; p < mask.Length; p++)
        {
            mask[p] = (byte)((mask[p] | small[p]) * 255);
        }

        var largest = MaskLines.Extract(mask, W, H, Defaults);
        Assert.Equal(1, largest.Components);
        Assert.Equal(TestMasks.Count(TestMasks.ThickSegment(W, H, 10, 20, 100, 20, 2)), largest.Pixels);
        Assert.All(largest.Path.Points, p => Assert.InRange(p.Y, 18, 22));

        var all = MaskLines.Extract(mask, W, H, Defaults with { KeepLargestComponent = false });
        Assert.Equal(2, all.Components);
        Assert.Equal(TestMasks.Count(mask), all.Pixels);
        Assert.Equal(largest.Path.Points, all.Path.Points); // the path still comes from the largest component
        Assert.Equal(largest.Length, all.Length);
    }

    [Fact]
    public void ThresholdsFloatsAndBytesAlike()
    {
        const int W = 80;
        const int H = 40;
        var shape = TestMasks.ThickSegment(W, H, 10, 20, 70, 15, 2.5);
        var random = new System.Random(3);
        var probabilities = new float[W * H];
        var bytes = new byte[W * H];
        for (var p = 0; p < shape.Length; p++)
        {
            // Foreground ≥ 0.5, background < 0.5, with the exact boundary values on both sides; NaN is background.
            var value = shape[p] != 0 ? (p % 7 == 0 ? 0.5f : 0.5f + (0.5f * (float)random.NextDouble())) : (p % 11 == 0 ? float.NaN : 0.4999999f * (float)random.NextDouble());
            probabilities[p] = value;
            bytes[p] = shape[p] != 0 ? (byte)(128 + random.Next(128)) : (byte)random.Next(128); // 128/255 ≥ 0.5 > 127/255
        }

        var fromFloats = MaskLines.Extract(probabilities, W, H, Defaults);
        var fromBytes = MaskLines.Extract(bytes, W, H, Defaults);
        var fromShape = MaskLines.Extract(Scale(shape), W, H, Defaults);
        Assert.Equal(fromShape.Path.Points, fromFloats.Path.Points);
        Assert.Equal(fromShape.Path.Points, fromBytes.Path.Points);
        Assert.Equal(fromShape.Length, fromFloats.Length);
        Assert.Equal(fromShape.Pixels, fromBytes.Pixels);

        // Threshold 1 keeps only bytes of 255 (at most that many pixels survive the cleanup).
        var high = MaskLines.Extract(bytes, W, H, Defaults with { Threshold = 1.0, MinPixels = 1, KeepLargestComponent = false });
        Assert.Equal(bytes.Count(b => b == 255), high.Pixels);
    }

    [Fact]
    public void LinesTouchingTheImageEdgeAndOddWidthsWork()
    {
        // Widths not a multiple of the vector size, the line running off the image at both sides.
        foreach (var width in new[] { 2, 7, 31, 33, 65, 100 })
        {
            var mask = new float[width * 9];
            for (var x = 0; x < width; x++)
            {
                for (var y = 3; y <= 5; y++)
                {
                    mask[(y * width) + x] = 0.9f;
                }
            }

            var line = MaskLines.Extract(mask, width, 9, Defaults with { MinPixels = 1 });
            Assert.Equal(3 * width, line.Pixels);
            Assert.All(line.Path.Points, p => Assert.Equal(4.5, p.Y));
            Assert.Equal(width - 1, line.Length, 1e-9); // a 3-high bar keeps its whole middle row
        }

        // One column wide: the 3-pixel column is its own skeleton.
        var column = MaskLines.Extract(new float[] { 0, 1, 1, 1, 0 }, 1, 5, Defaults with { MinPixels = 1 });
        Assert.Equal([new PointD(0.5, 1.5), new PointD(0.5, 2.5), new PointD(0.5, 3.5)], column.Path.Points);
        Assert.Equal(2.0, column.Length, 1e-12);
    }

    [Fact]
    public void SameInputGivesIdenticalResultsOnAnyThread()
    {
        var mask = Scale(TestMasks.ThickSegment(150, 150, 10.2, 30.9, 140.1, 111.3, 2.5));
        var reference = MaskLines.Extract(mask, 150, 150, Defaults);
        var results = new MaskLine[8];
        Parallel.For(0, results.Length, i => results[i] = MaskLines.Extract(mask, 150, 150, Defaults));
        Assert.All(results, r =>
        {
            Assert.Equal(reference.Path.Points, r.Path.Points);
            Assert.Equal(reference.Length, r.Length);
        });
    }

    [Fact]
    public void RejectsBadOptionsAndSizes()
    {
        var mask = new byte[100];
        Assert.Contains("Threshold", Assert.Throws<ArgumentException>(() => MaskLines.Extract(mask, 10, 10, Defaults with { Threshold = 0 })).Message, StringComparison.Ordinal);
        Assert.Contains("Threshold", Assert.Throws<ArgumentException>(() => MaskLines.Extract(mask, 10, 10, Defaults with { Threshold = double.NaN })).Message, StringComparison.Ordinal);
        Assert.Contains("MinPixels", Assert.Throws<ArgumentException>(() => MaskLines.Extract(mask, 10, 10, Defaults with { MinPixels = -1 })).Message, StringComparison.Ordinal);
        Assert.Contains("KnotSpacing", Assert.Throws<ArgumentException>(() => MaskLines.Extract(new float[100], 10, 10, Defaults with { KnotSpacing = 0 })).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MaskLines.Extract(mask, 10, 9, Defaults));
        Assert.Throws<ArgumentNullException>(() => MaskLines.Extract(mask, 10, 10, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => MaskLine.Empty.Resample(1));
    }

    private static byte[] Scale(byte[] mask) => mask.Select(v => (byte)(v * 255)).ToArray();
}
