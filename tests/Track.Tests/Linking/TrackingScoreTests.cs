using Dislocate.Track.Linking;

namespace Dislocate.Track.Tests.Linking;

public class TrackingScoreTests
{
    private static ScoredObservation O(int frame, int predicted, int truth) => new(frame, predicted, truth);

    [Fact]
    public void Perfect_tracking_scores_no_errors()
    {
        var score = TrackingScore.Compute([O(0, 7, 1), O(0, 9, 2), O(1, 7, 1), O(1, 9, 2), O(3, 7, 1)]);
        Assert.Equal(new TrackingScore(5, 2, 2, 0, 0, 0, 1.0), score);
    }

    [Fact]
    public void Counts_switches_fragmentations_merges_and_id_accuracy_by_hand()
    {
        // True 1 is predicted 1, 1, 3, 3 (one switch); true 2 is predicted 2, 2, 2, 1 (one switch).
        // Fragmentations: {1, 3} and {2, 1} → 1 + 1. Merges: predicted 1 covers true {1, 2} → 1.
        // Majorities: 1 → true 1 (2 of 3), 2 → true 2 (3), 3 → true 1 (2): 7 of 8 observations correct.
        ScoredObservation[] observations =
        [
            O(0, 1, 1), O(1, 1, 1), O(2, 3, 1), O(3, 3, 1),
            O(0, 2, 2), O(1, 2, 2), O(2, 2, 2), O(3, 1, 2),
        ];
        var expected = new TrackingScore(8, 2, 3, 2, 2, 1, 7.0 / 8);
        Assert.Equal(expected, TrackingScore.Compute(observations));

        // Order of the input does not matter.
        Assert.Equal(expected, TrackingScore.Compute(observations.Reverse().ToArray()));
    }

    [Fact]
    public void Switching_away_and_back_counts_two_switches_but_one_fragment()
    {
        var score = TrackingScore.Compute([O(0, 1, 5), O(1, 2, 5), O(4, 1, 5)]);
        Assert.Equal(2, score.IdentitySwitches);
        Assert.Equal(1, score.Fragmentations);

        // Both predicted tracks are pure (majority true 5), so id accuracy, which measures merging, stays 1.
        Assert.Equal(1.0, score.IdAccuracy);
    }

    [Fact]
    public void Majority_ties_go_to_the_smallest_true_id()
    {
        // Predicted 4 covers true 2 and true 1 once each: majority true 1, so only true 1's observation counts.
        var score = TrackingScore.Compute([O(0, 4, 2), O(1, 4, 1)]);
        Assert.Equal(0.5, score.IdAccuracy);
        Assert.Equal(1, score.Merges);
        Assert.Equal(0, score.IdentitySwitches);
    }

    [Fact]
    public void Bad_input_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => TrackingScore.Compute([]));
        var twice = Assert.Throws<ArgumentException>(() => TrackingScore.Compute([O(3, 1, 2), O(3, 5, 2)]));
        Assert.Contains("True id 2 is observed twice in frame 3", twice.Message, StringComparison.Ordinal);
    }
}
