using Dislocate.Core.Assignment;
using Dislocate.Core.Geometry;
using Dislocate.Track.Lines;
using Dislocate.Track.Linking;

namespace Dislocate.Track.Tests.Linking;

public class TrackLinkerTests
{
    // Horizontal lines of the same x extent: their symmetric distance is exactly the vertical offset.
    private static PointD[] Horizontal(double y, double x0 = 20, double length = 100, int count = 50) =>
        Polyline.ResampleEquidistant([new PointD(x0, y), new PointD(x0 + length, y)], count);

    private static int[] Ids(IReadOnlyList<LinkedLine> linked) => linked.Select(l => l.TrackId).ToArray();

    [Fact]
    public void Two_parallel_lines_gliding_keep_their_ids_whatever_the_input_order()
    {
        var linker = new TrackLinker(LinkingOptions.Default);
        for (var f = 0; f < 20; f++)
        {
            var upper = Horizontal(50 + (2 * f));
            var lower = Horizontal(60 + (2 * f));

            // Odd frames list the lines the other way round: ids must follow the geometry, not the order.
            var linked = f % 2 == 0 ? linker.Add(f, [upper, lower]) : linker.Add(f, [lower, upper]);
            Assert.Equal(f % 2 == 0 ? [1, 2] : [2, 1], Ids(linked));
            if (f > 0)
            {
                Assert.All(linked, l => Assert.Equal(2.0, l.Distance!.Value, 9));
                Assert.All(linked, l => Assert.Equal(0, l.FramesMissed));
            }

            Assert.Equal(2, linker.ActiveCount);
            Assert.Empty(linker.Retired);
        }

        Assert.Equal([1, 2], linker.RetireAll());
        Assert.Equal([1, 2], linker.Retired);
        Assert.Equal(0, linker.ActiveCount);
    }

    [Fact]
    public void New_tracks_are_numbered_in_input_order()
    {
        var linker = new TrackLinker(LinkingOptions.Default);
        Assert.Equal([1, 2, 3], Ids(linker.Add(0, [Horizontal(200), Horizontal(100), Horizontal(300)])));
        Assert.True(linker.Add(0 + 1, [Horizontal(400), Horizontal(101)]) is [{ TrackId: 4, StartsTrack: true }, { TrackId: 2, StartsTrack: false }]);
        Assert.Equal([1, 2, 3, 4], linker.ActiveIds);
    }

    [Fact]
    public void A_reversed_line_is_aligned_with_its_track()
    {
        var linker = new TrackLinker(LinkingOptions.Default);
        linker.Add(0, [Horizontal(50)]);
        var reversed = Horizontal(52).Reverse().ToArray();
        var linked = Assert.Single(linker.Add(1, [reversed]));
        Assert.Equal(1, linked.TrackId);
        Assert.Equal(new PointD(20, 52), linked.Points[0]);
        Assert.Equal(new PointD(120, 52), linked.Points[^1]);
        Assert.Equal(new PointD(120, 52), reversed[0]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_line_missing_for_up_to_MaxGap_frames_keeps_its_id(int missing)
    {
        var linker = new TrackLinker(LinkingOptions.Default);
        linker.Add(0, [Horizontal(50)]);
        for (var f = 1; f <= missing; f++)
        {
            Assert.Empty(linker.Add(f, []));
            Assert.Empty(linker.Retired);
            Assert.Equal(1, linker.ActiveCount);
        }

        var back = Assert.Single(linker.Add(missing + 1, [Horizontal(53)]));
        Assert.Equal(1, back.TrackId);
        Assert.Equal(missing, back.FramesMissed);
        Assert.Equal(3.0, back.Distance!.Value, 9);
    }

    [Fact]
    public void A_line_missing_for_more_than_MaxGap_frames_starts_a_new_track()
    {
        var linker = new TrackLinker(LinkingOptions.Default);
        linker.Add(0, [Horizontal(50)]);
        linker.Add(1, []);
        linker.Add(2, []);
        Assert.Empty(linker.Retired);

        // Unseen in frames 1–3: three frames, more than MaxGap = 2, so it is retired after frame 3.
        linker.Add(3, []);
        Assert.Equal([1], linker.Retired);
        Assert.Equal(0, linker.ActiveCount);
        var again = Assert.Single(linker.Add(4, [Horizontal(50)]));
        Assert.Equal(2, again.TrackId);
        Assert.True(again.StartsTrack);
    }

    [Fact]
    public void Skipped_frame_numbers_count_as_missed_frames()
    {
        var linker = new TrackLinker(LinkingOptions.Default);
        linker.Add(0, [Horizontal(50)]);
        Assert.Equal(1, Assert.Single(linker.Add(3, [Horizontal(50)])).TrackId);
        Assert.Equal(2, Assert.Single(linker.Add(7, [Horizontal(50)])).TrackId);
        Assert.Equal([1], linker.Retired);
    }

    [Fact]
    public void A_jump_beyond_the_gate_starts_a_new_track_and_the_old_one_is_retired()
    {
        var linker = new TrackLinker(LinkingOptions.Default);
        linker.Add(0, [Horizontal(50)]);
        var jumped = Assert.Single(linker.Add(1, [Horizontal(75)]));
        Assert.Equal(2, jumped.TrackId);
        Assert.True(jumped.StartsTrack);
        linker.Add(2, [Horizontal(76)]);
        Assert.Empty(linker.Retired);
        linker.Add(3, [Horizontal(77)]);
        Assert.Equal([1], linker.Retired);
        Assert.Equal([2], linker.ActiveIds);

        // With MaxGap 0 the old track is retired in the very frame it is not continued.
        var strict = new TrackLinker(LinkingOptions.Default with { MaxGap = 0 });
        strict.Add(0, [Horizontal(50)]);
        strict.Add(1, [Horizontal(75)]);
        Assert.Equal([1], strict.Retired);
    }

    [Fact]
    public void Optimal_assignment_links_a_pileup_that_greedy_nearest_neighbour_gets_wrong()
    {
        // Tracks at y = 100 (id 1) and 110 (id 2) glide 6 px: lines at 106 and 116. The globally nearest pair is
        // track 2 – line 106 (4 px), so greedy takes it and leaves track 1 the line at 116 (16 px, still inside the
        // gate): a swap costing 20. The optimum keeps both, 6 + 6 = 12.
        var linker = new TrackLinker(LinkingOptions.Default);
        PointD[] a = Horizontal(100), b = Horizontal(110), l1 = Horizontal(106), l2 = Horizontal(116);
        linker.Add(0, [a, b]);
        var d = new[] { LineDistance.Symmetric(a, l1), LineDistance.Symmetric(a, l2), LineDistance.Symmetric(b, l1), LineDistance.Symmetric(b, l2) };
        Assert.Equal(2, Array.IndexOf(d, d.Min()));
        Assert.True(d[1] < LinkingOptions.DefaultMaxDistance);

        Assert.Equal([1, 2], Ids(linker.Add(1, [l1, l2])));
    }

    [Fact]
    public void Gating_inside_the_assignment_beats_solve_then_drop()
    {
        // Tracks at y = 100 (id 1) and 114 (id 2); track 2 moves 1 px to 113, track 1 vanishes, a new line appears at
        // 128. Gate 13.5: 100–113 = 13 allowed, 114–128 = 14 forbidden. Solve-then-drop pairs 100–113 and 114–128
        // (27 < 28 + 1) and drops the second; the gated optimum links 114–113 and starts 128 anew.
        var options = LinkingOptions.Default with { MaxDistance = 13.5 };
        var linker = new TrackLinker(options);
        PointD[] a = Horizontal(100), b = Horizontal(114), l1 = Horizontal(113), l2 = Horizontal(128);
        linker.Add(0, [a, b]);
        double[] raw = [LineDistance.Symmetric(a, l1), LineDistance.Symmetric(a, l2), LineDistance.Symmetric(b, l1), LineDistance.Symmetric(b, l2)];
        Assert.Equal([0, -1], HungarianAssignment.Solve(raw, 2, 2, options.MaxDistance));

        var linked = linker.Add(1, [l1, l2]);
        Assert.Equal([2, 3], Ids(linked));
        Assert.Equal(1.0, linked[0].Distance!.Value, 9);
        Assert.True(linked[1].StartsTrack);
    }

    [Fact]
    public void A_pileup_gliding_as_one_by_most_of_its_spacing_keeps_its_ids()
    {
        // Ten lines 8 or 9 px apart all glide 6.5 px. Without the shift search, linking each line to its lower
        // neighbour's old place (1.5 or 2.5 px) and ending one track and starting one (2 × 20) costs 57.5, less than the
        // true links (10 × 6.5 = 65): every id moves one line up. With it, the common shift explains all ten at cost 0.
        double[] ys = [100, 108, 117, 125, 134, 142, 151, 159, 168, 176];
        PointD[][] before = ys.Select(y => Horizontal(y)).ToArray();
        PointD[][] after = ys.Select(y => Horizontal(y + 6.5)).ToArray();

        var plain = new TrackLinker(LinkingOptions.Default with { MaxShift = 0 });
        plain.Add(0, before);
        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9, 10, 11], Ids(plain.Add(1, after)));

        var linker = new TrackLinker(LinkingOptions.Default);
        linker.Add(0, before);
        var linked = linker.Add(1, after);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], Ids(linked));

        // The distance reported is to the track's previous line, as without the shift.
        Assert.All(linked, l => Assert.Equal(6.5, l.Distance!.Value, 9));

        // The next frame, standing still, links to where the lines now are.
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], Ids(linker.Add(2, after)));
    }

    [Fact]
    public void Without_common_motion_the_shift_search_changes_nothing()
    {
        // Lines moving each their own way, with one vanishing and one appearing: the same links with and without it.
        var on = new TrackLinker(LinkingOptions.Default);
        var off = new TrackLinker(LinkingOptions.Default with { MaxShift = 0 });
        PointD[][][] frames =
        [
            [Horizontal(100), Horizontal(120), Horizontal(150), Horizontal(300)],
            [Horizontal(103), Horizontal(118), Horizontal(151), Horizontal(330)],
            [Horizontal(104), Horizontal(121), Horizontal(149)],
            [Horizontal(101), Horizontal(124), Horizontal(152), Horizontal(200)],
        ];
        for (var f = 0; f < frames.Length; f++)
        {
            var a = on.Add(f, frames[f]);
            var b = off.Add(f, frames[f]);
            Assert.Equal(Ids(b), Ids(a));
            Assert.Equal(b.Select(l => l.Distance), a.Select(l => l.Distance));
        }
    }

    [Fact]
    public void The_slip_direction_prior_prefers_motion_along_the_glide_direction()
    {
        // A horizontal line gliding down (+y, 90°). Candidate 1 moved 6 px straight down; candidate 2 only 4 px
        // down but also 5 px sideways, so it is nearer in line distance and wins without the prior.
        PointD[] start = Horizontal(100), along = Horizontal(106), across = Horizontal(104, x0: 25);
        Assert.True(LineDistance.Symmetric(start, across) < LineDistance.Symmetric(start, along));

        var plain = new TrackLinker(LinkingOptions.Default);
        plain.Add(0, [start]);
        Assert.Equal([2, 1], Ids(plain.Add(1, [along, across])));

        var prior = new TrackLinker(LinkingOptions.Default with { GlideAngleDegrees = 90, GlideWeight = 1 });
        prior.Add(0, [start]);
        Assert.Equal([1, 2], Ids(prior.Add(1, [along, across])));
    }

    [Fact]
    public void Link_distances_equal_the_symmetric_line_distance_despite_the_prefilter()
    {
        // Wavy lines in random places: whatever the prefilter skips, every link reports the exact distance and
        // every pair within the gate is a link candidate (so a lone pair within the gate is always linked).
        var random = new Random(7);
        for (var trial = 0; trial < 200; trial++)
        {
            var a = Wavy(random);
            var b = Wavy(random);
            var exact = LineDistance.Symmetric(a, b);
            var linker = new TrackLinker(LinkingOptions.Default);
            linker.Add(0, [a]);
            var linked = Assert.Single(linker.Add(1, [b]));
            if (exact <= LinkingOptions.DefaultMaxDistance)
            {
                Assert.Equal(1, linked.TrackId);
                Assert.Equal(exact, linked.Distance);
            }
            else
            {
                Assert.True(linked.StartsTrack);
            }
        }
    }

    [Fact]
    public void Empty_frames_are_fine_and_frames_must_increase()
    {
        var linker = new TrackLinker(LinkingOptions.Default);
        Assert.Empty(linker.Add(0, []));
        Assert.Null(Assert.Single(linker.Add(2, [Horizontal(50)])).Distance);
        Assert.Equal(2, linker.LastFrame);

        var same = Assert.Throws<ArgumentException>(() => linker.Add(2, [Horizontal(50)]));
        Assert.Contains("Frame 2 does not come after frame 2", same.Message, StringComparison.Ordinal);
        var back = Assert.Throws<ArgumentException>(() => linker.Add(1, []));
        Assert.Contains("strictly increasing", back.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => new TrackLinker(LinkingOptions.Default).Add(-1, []));

        // A rejected call changes nothing: the track continues in the next valid frame.
        Assert.Equal(1, Assert.Single(linker.Add(3, [Horizontal(51)])).TrackId);
    }

    [Fact]
    public void Bad_lines_are_rejected_with_their_index()
    {
        var linker = new TrackLinker(LinkingOptions.Default);
        var empty = Assert.Throws<ArgumentException>(() => linker.Add(0, [Horizontal(50), []]));
        Assert.Contains("line 1 has no points", empty.Message, StringComparison.Ordinal);
        var nan = Assert.Throws<ArgumentException>(() => linker.Add(0, [[new PointD(double.NaN, 0), new PointD(1, 0)]]));
        Assert.Contains("line 0 has a non-finite point", nan.Message, StringComparison.Ordinal);
        Assert.Null(linker.LastFrame);
    }

    [Fact]
    public void Output_does_not_share_the_callers_arrays()
    {
        var linker = new TrackLinker(LinkingOptions.Default);
        var line = Horizontal(50);
        var linked = Assert.Single(linker.Add(0, [line]));
        Assert.NotSame(line, linked.Points);
        line[0] = new PointD(1000, 1000);
        Assert.Equal(1, Assert.Single(linker.Add(1, [Horizontal(51)])).TrackId);
    }

    private static PointD[] Wavy(Random random)
    {
        var x0 = random.NextDouble() * 60;
        var y0 = random.NextDouble() * 60;
        var angle = random.NextDouble() * Math.PI;
        var length = 5 + (random.NextDouble() * 60);
        var amplitude = random.NextDouble() * 8;
        var knots = new PointD[12];
        for (var k = 0; k < knots.Length; k++)
        {
            var s = length * k / (knots.Length - 1);
            var w = amplitude * Math.Sin(3 * s / length);
            knots[k] = new PointD(x0 + (s * Math.Cos(angle)) - (w * Math.Sin(angle)), y0 + (s * Math.Sin(angle)) + (w * Math.Cos(angle)));
        }

        return Polyline.ResampleEquidistant(knots, 50);
    }
}
