using Dislocate.Core.Geometry;
using Dislocate.Track.Lines;
using Dislocate.Track.Linking;

namespace Dislocate.Track.Tests.Linking;

public class LinePrefilterTests
{
    [Fact]
    public void Footprint_bound_never_exceeds_the_symmetric_distance()
    {
        var random = new Random(11);
        var tight = 0;
        for (var trial = 0; trial < 500; trial++)
        {
            var a = RandomLine(random);
            var b = RandomLine(random);
            var exact = LineDistance.Symmetric(a, b);
            var bound = LineFootprint.LowerBound(new LineFootprint(a), new LineFootprint(b));
            Assert.True(bound <= exact + 1e-12, $"trial {trial}: bound {bound} > distance {exact}");
            tight += bound > 0.5 * exact ? 1 : 0;
        }

        // The bound is useful, not just ≥ 0: for most random pairs it is more than half the distance.
        Assert.True(tight > 250, $"only {tight} of 500 bounds above half the distance");
    }

    [Fact]
    public void Parallel_lines_are_bounded_by_their_spacing()
    {
        // Diagonal parallel lines 12 px apart: an axis-aligned box would overlap the other line, the chord box does not.
        var a = Polyline.ResampleEquidistant([new PointD(0, 0), new PointD(80, 80)], 50);
        var shift = new PointD(-1, 1) * (12 / Math.Sqrt(2));
        var b = a.Select(p => p + shift).ToArray();
        Assert.Equal(12.0, LineFootprint.LowerBound(new LineFootprint(a), new LineFootprint(b)), 9);
    }

    [Fact]
    public void Bounded_distance_is_exact_within_the_bound_and_infinite_beyond()
    {
        var random = new Random(5);
        for (var trial = 0; trial < 300; trial++)
        {
            var a = RandomLine(random);
            var b = RandomLine(random);
            var exact = LineDistance.Symmetric(a, b);
            var bound = random.NextDouble() * 40;
            var bounded = BoundedLineDistance.Symmetric(new ChunkedPolyline(a), new ChunkedPolyline(b), bound);
            Assert.Equal(exact <= bound ? exact : double.PositiveInfinity, bounded);
            Assert.Equal(exact, BoundedLineDistance.Symmetric(new ChunkedPolyline(a), new ChunkedPolyline(b), exact));
        }
    }

    [Fact]
    public void Chunked_distance_equals_the_polyline_distance_from_any_start_chunk()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 200; trial++)
        {
            var line = RandomLine(random);
            var chunked = new ChunkedPolyline(line);
            Assert.Equal(Math.Max(1, (line.Length + 5) / 7), chunked.Chunks);
            for (var k = 0; k < 10; k++)
            {
                var p = new PointD((random.NextDouble() * 120) - 30, (random.NextDouble() * 120) - 30);
                var start = random.Next(chunked.Chunks);
                Assert.Equal(Polyline.DistanceToPolyline(p, line), chunked.DistanceTo(p, ref start));
                Assert.InRange(start, 0, chunked.Chunks - 1);
            }
        }

        // A single point is a polyline too.
        var dot = new ChunkedPolyline([new PointD(1, 1)]);
        var first = 0;
        Assert.Equal(5.0, dot.DistanceTo(new PointD(4, 5), ref first));
    }

    private static PointD[] RandomLine(Random random)
    {
        var count = random.Next(2, 60);
        var knots = new PointD[4];
        var start = new PointD(random.NextDouble() * 50, random.NextDouble() * 50);
        for (var k = 0; k < knots.Length; k++)
        {
            knots[k] = start + new PointD((random.NextDouble() * 30) - 5, (random.NextDouble() * 30) - 5);
        }

        return Polyline.ResampleEquidistant(knots, count);
    }
}
