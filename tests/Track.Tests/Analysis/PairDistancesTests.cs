using Dislocate.Core.Geometry;
using Dislocate.Track.Analysis;
using static Dislocate.Track.Tests.Analysis.AnalysisTracks;

namespace Dislocate.Track.Tests.Analysis;

public class PairDistancesTests
{
    [Fact]
    public void Two_parallel_lines_d_apart_are_d_apart_in_every_frame()
    {
        const double d = 7.5;
        var frames = Enumerable.Range(0, 5).ToArray();
        var a = Translating(1, Horizontal(20), new PointD(0.5, 1), frames);
        var b = Translating(2, Horizontal(20 + d), new PointD(0.5, 1), frames);

        var series = PairDistances.Between(a, b);

        Assert.Equal(1, series.FirstTrackId);
        Assert.Equal(2, series.SecondTrackId);
        Assert.Equal(frames, series.Samples.Select(s => s.Frame));
        Assert.All(series.Samples, s => Assert.Equal(d, s.Distance, 1e-12));
        Assert.Equal(5, series.Frames);
        Assert.Equal(d, series.Mean, 1e-12);
        Assert.Equal(d, series.Min, 1e-12);
        Assert.Equal(d, series.Max, 1e-12);
        Assert.Null(series.EmptyReason);
    }

    [Fact]
    public void Only_common_frames_give_a_distance()
    {
        // b approaches a by 1 px per frame: 10 px in frame 3, 9 in 4, 8 in 5.
        var a = Translating(1, Horizontal(0), PointD.Zero, Enumerable.Range(0, 6));
        var b = Translating(2, Horizontal(13), new PointD(0, -1), Enumerable.Range(3, 6));

        var series = PairDistances.Between(a, b);

        Assert.Equal([3, 4, 5], series.Samples.Select(s => s.Frame));
        Assert.Equal([10.0, 9.0, 8.0], series.Samples.Select(s => Math.Round(s.Distance, 9)));
        Assert.Equal(9, series.Mean, 1e-9);
        Assert.Equal(8, series.Min, 1e-9);
        Assert.Equal(10, series.Max, 1e-9);
    }

    [Fact]
    public void Tracks_never_seen_together_give_an_empty_series_with_the_reason()
    {
        var a = Translating(1, Horizontal(0), PointD.Zero, [0, 1, 2]);
        var b = Translating(2, Horizontal(10), PointD.Zero, [5, 6, 7]);

        var series = PairDistances.Between(a, b);

        Assert.Empty(series.Samples);
        Assert.Equal(0, series.Frames);
        Assert.True(double.IsNaN(series.Mean));
        Assert.True(double.IsNaN(series.Min));
        Assert.True(double.IsNaN(series.Max));
        Assert.Equal("Tracks 1 (frames 0–2) and 2 (frames 5–7) are never seen in the same frame.", series.EmptyReason);
    }

    [Fact]
    public void Pileup_neighbours_are_ten_fourteen_and_twenty_px_apart_from_the_leading_one_in_every_frame()
    {
        var tracks = PileupGroupingTests.FourLinePileup(vy: -1);
        var pileup = Assert.Single(PileupGrouping.Group(tracks));

        var neighbours = PairDistances.Neighbours(pileup, tracks);
        var tagged = PairDistances.Neighbours([pileup], tracks);

        Assert.Equal([(3, 4), (4, 2), (2, 1)], neighbours.Select(n => (n.FirstTrackId, n.SecondTrackId)));
        double[] expected = [10, 14, 20];
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(Enumerable.Range(0, 5), neighbours[k].Samples.Select(s => s.Frame));
            Assert.All(neighbours[k].Samples, s => Assert.Equal(expected[k], s.Distance, 1e-12));
            Assert.Equal(pileup.Id, tagged[k].PileupId);
            Assert.Equal(k + 1, tagged[k].Rank);
            Assert.Equal(neighbours[k].Samples, tagged[k].Distances.Samples);
        }
    }

    [Fact]
    public void A_pileup_naming_a_missing_track_is_rejected()
    {
        var tracks = PileupGroupingTests.FourLinePileup(vy: -1);
        var pileup = Assert.Single(PileupGrouping.Group(tracks));

        var error = Assert.Throws<ArgumentException>(() => PairDistances.Neighbours(pileup, tracks.Where(t => t.Id != 2).ToList()));

        Assert.Contains("names track 2", error.Message, StringComparison.Ordinal);
    }
}
