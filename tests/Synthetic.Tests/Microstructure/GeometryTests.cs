using Dislocate.Contracts;
using Dislocate.Core.Geometry;
using Dislocate.Synthetic.Microstructure;
using Dislocate.Synthetic.Recipes;
using Dislocate.Synthetic.Rendering;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Tests.Microstructure;

public class GeometryTests
{
    private static double DistanceToLine(PointD p, PointD origin, PointD direction)
    {
        var d = p - origin;
        return Math.Abs((d.X * direction.Y) - (d.Y * direction.X));
    }

    public static TheoryData<bool> ShapeModes => new() { false, true };

    [Theory]
    [MemberData(nameof(ShapeModes))]
    public void EveryDislocation_StartsOnTraceA_AndEndsOnTraceB(bool withShapes)
    {
        var shapes = new[] { new LineShape([0, 0.3, 0.7, 1], [0, 0.1, -0.05, 0]) };
        var s = TestData.Small with
        {
            Microstructure = TestData.Small.Microstructure with
            {
                Shapes = withShapes ? shapes : [],
                ShapeProbability = withShapes ? 1 : 0,
            },
        };
        for (ulong seed = 0; seed < 40; seed++)
        {
            var recipe = RecipeSampler.Sample(s, seed, null);
            foreach (var p in recipe.Pileups)
            {
                var t = PileupGeometry.Direction(p.AngleDegrees);
                var n = PileupGeometry.Normal(p.AngleDegrees);
                var a = new PointD(p.P0X, p.P0Y);
                var b = a + (n * p.SlipWidth);
                foreach (var d in p.Dislocations)
                {
                    // The spline passes through its end knots, so the line's ends are the first and last support points.
                    var line = SampleRenderer.CentreLine(d);
                    Assert.True(DistanceToLine(line[0], a, t) < 1e-6, $"seed {seed}: start {line[0]} is off trace A");
                    Assert.True(DistanceToLine(line[^1], b, t) < 1e-6, $"seed {seed}: end {line[^1]} is off trace B");
                }
            }
        }
    }

    [Fact]
    public void Followers_AreShiftedAlongTheTraces_BySpacingsInRange()
    {
        var s = TestData.Small with
        {
            Microstructure = TestData.Small.Microstructure with { PerPileup = ValueRange.Fixed(4), Pileups = ValueRange.Fixed(1), MinLength = 0 },
        };
        var recipe = RecipeSampler.Sample(s, 5, null);
        var p = recipe.Pileups[0];
        var t = PileupGeometry.Direction(p.AngleDegrees);
        var starts = p.Dislocations.Select(d => new PointD(d.X[0], d.Y[0]).Dot(t) * p.GlideSign).ToArray();
        for (var k = 1; k < starts.Length; k++)
        {
            Assert.InRange(starts[k] - starts[k - 1], 6 - 1e-9, 14 + 1e-9);
        }
    }

    [Fact]
    public void Ids_AreConsecutive_AndCountIsCapped()
    {
        var s = TestData.Small with
        {
            Microstructure = TestData.Small.Microstructure with { Pileups = ValueRange.Fixed(6), PerPileup = ValueRange.Fixed(8), MaxDislocations = 7 },
        };
        for (ulong seed = 0; seed < 20; seed++)
        {
            var ids = RecipeSampler.Sample(s, seed, null).Dislocations.Select(d => d.Id).ToArray();
            Assert.InRange(ids.Length, 1, 7);
            Assert.Equal(Enumerable.Range(1, ids.Length), ids);
        }
    }

    [Fact]
    public void VisibleLength_IsAtLeastMinLength()
    {
        var s = TestData.Small with { Microstructure = TestData.Small.Microstructure with { MinLength = 25 } };
        for (ulong seed = 0; seed < 30; seed++)
        {
            foreach (var d in RecipeSampler.Sample(s, seed, null).Dislocations)
            {
                var pts = d.X.Zip(d.Y, (x, y) => new PointD(x, y)).ToArray();
                Assert.True(PileupGeometry.VisibleLength(pts, s.Width, s.Height) >= 25);
            }
        }
    }

    [Fact]
    public void Curvature_BowsTheLine_BySagittaKappaLSquaredOverEight()
    {
        // With no perturbation and 9 support points, the middle point sits κ·L²/8 off the chord.
        var m = MicrostructureSettings.Default with
        {
            Curvature = ValueRange.Fixed(0.01),
            Perturbation = ValueRange.Fixed(0),
            SupportPoints = ValueRange.Fixed(9),
        };
        var pts = PileupGeometry.FirstLine(new Core.Random.Rng(1), new PointD(0, 0), new PointD(100, 0), m);
        Assert.Equal(9, pts.Length);
        Assert.Equal(0.01 * 100 * 100 / 8, Math.Abs(pts[4].Y), 9);
        Assert.Equal(0, pts[0].Y);
        Assert.Equal(0, pts[^1].Y);
    }
}
