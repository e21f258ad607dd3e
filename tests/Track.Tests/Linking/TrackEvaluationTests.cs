using Dislocate.Core.Geometry;
using Dislocate.Track.Analysis;
using Dislocate.Track.Linking;

namespace Dislocate.Track.Tests.Linking;

public sealed class TrackEvaluationTests
{
    // A horizontal line at height y, frames 0..frames-1, observed with the given label.
    private static TrackHistory Track(int id, double y, int frames, int label, double shift = 0) =>
        new(id, Enumerable.Range(0, frames).Select(f => new TrackObservation(f, label, Line(y + shift))).ToList());

    private static PointD[] Line(double y) => Enumerable.Range(0, 50).Select(i => new PointD(10 + (2 * i), y)).ToArray();

    [Fact]
    public void The_truth_against_itself_matches_every_line_with_perfect_identity()
    {
        var truth = new[] { Track(1, 20, 5, label: 1), Track(2, 60, 5, label: 2) };

        var e = TrackEvaluation.Compare(truth, truth, gate: 10);

        Assert.Equal((5, 10, 0, 0), (e.Frames, e.Matched, e.Missed, e.Spurious));
        Assert.Equal(0, e.MeanDistance);
        Assert.Equal(1.0, e.Precision);
        Assert.Equal(1.0, e.Recall);
        Assert.Equal(0, e.Identity!.IdentitySwitches);
        Assert.Equal(1.0, e.Identity.IdAccuracy);
    }

    [Fact]
    public void Lines_beyond_the_gate_are_missed_and_spurious_not_matched()
    {
        var truth = new[] { Track(1, 20, 4, label: 1) };
        var far = new[] { Track(7, 20, 4, label: 3, shift: 12) };
        var near = new[] { Track(7, 20, 4, label: 3, shift: 3) };

        var e = TrackEvaluation.Compare(far, truth, gate: 10);
        var f = TrackEvaluation.Compare(near, truth, gate: 10);

        Assert.Equal((0, 4, 4), (e.Matched, e.Missed, e.Spurious));
        Assert.Null(e.Identity);
        Assert.Equal((4, 0, 0), (f.Matched, f.Missed, f.Spurious));
        Assert.Equal(3, f.MeanDistance, 12); // parallel lines 3 px apart
    }

    [Fact]
    public void A_tracker_that_swaps_two_lines_halfway_scores_two_switches()
    {
        var truth = new[] { Track(1, 20, 6, label: 1), Track(2, 40, 6, label: 2) };

        // Predicted track 10 follows the upper line for frames 0–2, then the lower one; track 11 the reverse.
        var upper = Line(20);
        var lower = Line(40);
        var swapped = new[]
        {
            new TrackHistory(10, Enumerable.Range(0, 6).Select(f => new TrackObservation(f, 0, f < 3 ? upper : lower)).ToList()),
            new TrackHistory(11, Enumerable.Range(0, 6).Select(f => new TrackObservation(f, 0, f < 3 ? lower : upper)).ToList()),
        };

        var e = TrackEvaluation.Compare(swapped, truth, gate: 5);

        Assert.Equal(12, e.Matched);
        Assert.Equal(2, e.Identity!.IdentitySwitches);
        Assert.Equal(0.5, e.Identity.IdAccuracy);
    }
}
