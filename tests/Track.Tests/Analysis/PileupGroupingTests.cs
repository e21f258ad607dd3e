using Dislocate.Core.Geometry;
using Dislocate.Track.Analysis;
using static Dislocate.Track.Tests.Analysis.AnalysisTracks;

namespace Dislocate.Track.Tests.Analysis;

public class PileupGroupingTests
{
    /// <summary>
    /// Four horizontal lines at y = 0, 10, 24, 44 (spacings 10, 14, 20 from the top), gliding with velocity (0, vy);
    /// ids are given out of stacking order: y = 44 → 1, 24 → 2, 0 → 3, 10 → 4.
    /// </summary>
    internal static List<TrackHistory> FourLinePileup(double vy, int frames = 5)
    {
        (int Id, double Y)[] lines = [(1, 44), (2, 24), (3, 0), (4, 10)];
        return lines.Select(l => Translating(l.Id, Horizontal(l.Y), new PointD(0, vy), Enumerable.Range(0, frames))).ToList();
    }

    [Fact]
    public void Pileup_moving_toward_its_ten_px_end_is_ordered_from_the_line_at_that_end()
    {
        var pileup = Assert.Single(PileupGrouping.Group(FourLinePileup(vy: -1)));

        Assert.Equal(1, pileup.Id);
        Assert.Equal([3, 4, 2, 1], pileup.TrackIds);
        Assert.Equal(PileupLeadingRule.Motion, pileup.LeadingRule);
        Assert.Equal(new PointD(0, -1), pileup.StackingDirection);
        Assert.Equal(0, pileup.LineDirectionDegrees, 1e-9);
        Assert.Equal(-1, pileup.MeanDrift.Y, 1e-12);
        Assert.Equal([10.0, 14.0, 20.0], pileup.Spacings.Select(s => Math.Round(s, 9)));
    }

    [Fact]
    public void Pileup_moving_the_other_way_leads_from_the_other_end()
    {
        var pileup = Assert.Single(PileupGrouping.Group(FourLinePileup(vy: 1)));

        Assert.Equal([1, 2, 4, 3], pileup.TrackIds);
        Assert.Equal(PileupLeadingRule.Motion, pileup.LeadingRule);
        Assert.Equal(new PointD(0, 1), pileup.StackingDirection);
        Assert.Equal([20.0, 14.0, 10.0], pileup.Spacings.Select(s => Math.Round(s, 9)));
    }

    [Fact]
    public void Pinned_pileup_leads_from_its_most_compressed_end()
    {
        var pileup = Assert.Single(PileupGrouping.Group(FourLinePileup(vy: 0)));

        Assert.Equal([3, 4, 2, 1], pileup.TrackIds);
        Assert.Equal(PileupLeadingRule.Spacing, pileup.LeadingRule);
    }

    [Fact]
    public void Drift_below_the_stationary_displacement_does_not_count_as_motion()
    {
        // 0.2 px/frame upward over frames 0..4 carries the pileup 0.8 px < 1 px: spacing decides, not motion...
        var slow = Assert.Single(PileupGrouping.Group(FourLinePileup(vy: 0.2)));
        Assert.Equal(PileupLeadingRule.Spacing, slow.LeadingRule);
        Assert.Equal([3, 4, 2, 1], slow.TrackIds);

        // ...unless the threshold is lowered below that travel.
        var sensitive = Assert.Single(PileupGrouping.Group(FourLinePileup(vy: 0.2), new PileupOptions(StationaryDisplacement: 0.5)));
        Assert.Equal(PileupLeadingRule.Motion, sensitive.LeadingRule);
        Assert.Equal([1, 2, 4, 3], sensitive.TrackIds);
    }

    [Fact]
    public void Pileups_whose_lines_are_ninety_degrees_apart_are_separated()
    {
        var tracks = new List<TrackHistory>();
        var frames = Enumerable.Range(0, 3).ToArray();
        for (var k = 0; k < 3; k++)
        {
            tracks.Add(Translating(1 + k, Horizontal(10 * k), PointD.Zero, frames));
            tracks.Add(Translating(4 + k, Vertical(110 + (10 * k)), PointD.Zero, frames));
        }

        // Spacing alone would join them all; only the angle keeps them apart.
        var options = new PileupOptions(MaxSpacing: 1000);
        var pileups = PileupGrouping.Group(tracks, options);

        Assert.Equal(2, pileups.Count);

        // Equal spacings and no motion: the end farther along +x (+y for a vertical axis) leads.
        Assert.Equal([3, 2, 1], pileups[0].TrackIds);
        Assert.Equal([6, 5, 4], pileups[1].TrackIds);
        Assert.Equal([1, 2], pileups.Select(p => p.Id));
        Assert.All(pileups, p => Assert.Equal(PileupLeadingRule.Undecided, p.LeadingRule));
        Assert.Equal(0, pileups[0].LineDirectionDegrees, 1e-9);
        Assert.Equal(90, pileups[1].LineDirectionDegrees, 1e-9);

        var joined = Assert.Single(PileupGrouping.Group(tracks, options with { AngleToleranceDegrees = 90 }));
        Assert.Equal(6, joined.TrackIds.Count);
    }

    [Fact]
    public void Lines_farther_apart_than_the_spacing_or_never_seen_together_form_no_pileup()
    {
        var frames = Enumerable.Range(0, 3).ToArray();
        TrackHistory[] far = [Translating(1, Horizontal(0), PointD.Zero, frames), Translating(2, Horizontal(60), PointD.Zero, frames)];
        TrackHistory[] apartInTime = [Translating(1, Horizontal(0), PointD.Zero, [0, 1]), Translating(2, Horizontal(10), PointD.Zero, [2, 3])];

        Assert.Empty(PileupGrouping.Group(far));
        Assert.Single(PileupGrouping.Group(far, new PileupOptions(MaxSpacing: 60)));
        Assert.Empty(PileupGrouping.Group(apartInTime));
        Assert.Empty(PileupGrouping.Group([far[0]]));
        Assert.Single(PileupGrouping.Group([far[0]], new PileupOptions(MinTracks: 1)));
    }

    [Fact]
    public void Output_does_not_depend_on_the_order_of_the_tracks()
    {
        var tracks = FourLinePileup(vy: -1);
        tracks.AddRange(FourLinePileup(vy: 1).Select(t => t with
        {
            Id = t.Id + 10,
            Observations = t.Observations.Select(o => o with { Points = Shifted(o.Points, new PointD(500, 0)) }).ToList(),
        }));

        var forward = PileupGrouping.Group(tracks);
        var backward = PileupGrouping.Group(tracks.AsEnumerable().Reverse().ToList());

        Assert.Equal(2, forward.Count);
        Assert.Equal([3, 4, 2, 1], forward[0].TrackIds);
        Assert.Equal([11, 12, 14, 13], forward[1].TrackIds);
        Assert.Equal(forward.Select(p => string.Join(',', p.TrackIds)), backward.Select(p => string.Join(',', p.TrackIds)));
        Assert.Equal(forward.SelectMany(p => p.Spacings), backward.SelectMany(p => p.Spacings));
    }

    [Fact]
    public void Grouping_with_precomputed_kinematics_gives_the_same_pileups()
    {
        var tracks = FourLinePileup(vy: -1);
        var kinematics = tracks.Select(t => TrackKinematics.Compute(t)).ToList();

        var direct = Assert.Single(PileupGrouping.Group(tracks));
        var reused = Assert.Single(PileupGrouping.Group(tracks, kinematics));

        Assert.Equal(direct.TrackIds, reused.TrackIds);
        Assert.Equal(direct.Spacings, reused.Spacings);
        Assert.Equal(direct.MeanDrift, reused.MeanDrift);
        Assert.Throws<ArgumentException>(() => PileupGrouping.Group(tracks, kinematics.Take(3).ToList()));
        Assert.Throws<ArgumentException>(() => PileupGrouping.Group(tracks, kinematics.AsEnumerable().Reverse().ToList()));
    }

    [Fact]
    public void Duplicate_ids_and_bad_options_are_rejected()
    {
        var frames = Enumerable.Range(0, 2).ToArray();
        TrackHistory[] twins = [Translating(5, Horizontal(0), PointD.Zero, frames), Translating(5, Horizontal(10), PointD.Zero, frames)];

        Assert.Contains("Track id 5 appears more than once", Assert.Throws<ArgumentException>(() => PileupGrouping.Group(twins)).Message, StringComparison.Ordinal);
        Assert.Contains("MaxSpacing", Assert.Throws<ArgumentException>(() => PileupGrouping.Group(twins, new PileupOptions(MaxSpacing: 0))).Message, StringComparison.Ordinal);
        Assert.Contains("AngleToleranceDegrees", Assert.Throws<ArgumentException>(() => PileupGrouping.Group(twins, new PileupOptions(AngleToleranceDegrees: 91))).Message, StringComparison.Ordinal);
    }
}
