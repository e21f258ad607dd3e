using Dislocate.Segment.Evaluation;

namespace Dislocate.Segment.Tests.Evaluation;

public sealed class MatchingTests
{
    // Rows = truths, columns = predictions.
    private static readonly float[] ThreeByThree =
    [
        0.2f, 0.1f, 0.5f,
        0.3f, 0.4f, 0.1f,
        0.6f, 0.2f, 0.3f,
    ];

    [Fact]
    public void Greedy_FollowsAlgorithm1ByHand()
    {
        // Truth 0 takes its minimum 0.1 (prediction 1); truth 1 chooses from {0, 2}: 0.1 (prediction 2);
        // truth 2 gets what is left: 0.6 (prediction 0). Mean (0.1 + 0.1 + 0.6) / 3.
        var pairs = Matching.Match(ThreeByThree, 3, 3, MatchingMode.Greedy);
        Assert.Equal([new MatchPair(0, 1, 0.1f), new MatchPair(1, 2, 0.1f), new MatchPair(2, 0, 0.6f)], pairs);
        Assert.Equal(0.8 / 3, Matching.MeanLoss(pairs), 6);
    }

    [Fact]
    public void Optimal_FindsTheSmallerTotalThatGreedyMisses()
    {
        // Of the six permutations, 0→0, 1→2, 2→1 has the least total: 0.2 + 0.1 + 0.2 = 0.5 (greedy: 0.8).
        var pairs = Matching.Match(ThreeByThree, 3, 3, MatchingMode.Optimal);
        Assert.Equal([new MatchPair(0, 0, 0.2f), new MatchPair(1, 2, 0.1f), new MatchPair(2, 1, 0.2f)], pairs);
        Assert.Equal(0.5 / 3, Matching.MeanLoss(pairs), 6);
    }

    [Fact]
    public void Greedy_BreaksTiesToTheLowestIndex()
    {
        var pairs = Matching.Match([0.3f, 0.3f, 0.3f, 0.3f, 0.3f, 0.3f], 2, 3, MatchingMode.Greedy);
        Assert.Equal(0, pairs[0].Prediction);
        Assert.Equal(1, pairs[1].Prediction);
    }

    [Fact]
    public void MoreTruthsThanPredictions_LeavesTheRestUnmatchedAtLossOne()
    {
        float[] loss =
        [
            0.1f, 0.9f,
            0.2f, 0.3f,
            0.5f, 0.4f,
        ];
        var greedy = Matching.Match(loss, 3, 2, MatchingMode.Greedy);
        Assert.Equal([new MatchPair(0, 0, 0.1f), new MatchPair(1, 1, 0.3f), new MatchPair(2, -1, 1f)], greedy);
        Assert.False(greedy[2].IsMatched);
        Assert.Equal(1.4 / 3, Matching.MeanLoss(greedy), 6);

        // Optimal: of the six ways to match two of the three truths, {0→0, 1→1} costs least (0.4).
        var optimal = Matching.Match(loss, 3, 2, MatchingMode.Optimal);
        Assert.Equal([new MatchPair(0, 0, 0.1f), new MatchPair(1, 1, 0.3f), new MatchPair(2, -1, 1f)], optimal);
    }

    [Fact]
    public void MoreTruthsThanPredictions_OptimalCanDiffer()
    {
        float[] loss =
        [
            0.2f, 0.25f,
            0.1f, 0.9f,
            0.9f, 0.9f,
        ];
        // Greedy: 0→0 (0.2), 1→1 (0.9), 2 unmatched: total 2.1. Optimal: 0→1 (0.25), 1→0 (0.1), 2 unmatched: 1.35.
        Assert.Equal(2.1 / 3, Matching.MeanLoss(Matching.Match(loss, 3, 2, MatchingMode.Greedy)), 6);
        var optimal = Matching.Match(loss, 3, 2, MatchingMode.Optimal);
        Assert.Equal([new MatchPair(0, 1, 0.25f), new MatchPair(1, 0, 0.1f), new MatchPair(2, -1, 1f)], optimal);
        Assert.Equal(1.35 / 3, Matching.MeanLoss(optimal), 6);
    }

    [Theory]
    [InlineData(MatchingMode.Greedy)]
    [InlineData(MatchingMode.Optimal)]
    public void EmptyShapes(MatchingMode mode)
    {
        Assert.Empty(Matching.Match([], 0, 4, mode));
        Assert.Equal([new MatchPair(0, -1, 1f), new MatchPair(1, -1, 1f)], Matching.Match([], 2, 0, mode));
        Assert.Equal(0, Matching.MeanLoss([]));
    }

    [Fact]
    public void RejectsBadMatrices()
    {
        Assert.Throws<ArgumentException>(() => Matching.Match(new float[5], 2, 3, MatchingMode.Greedy));
        var e = Assert.Throws<ArgumentException>(() => Matching.Match([0.1f, float.NaN], 1, 2, MatchingMode.Greedy));
        Assert.Contains("(0, 1)", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Matching.Match([0.1f, float.PositiveInfinity], 1, 2, MatchingMode.Optimal));
        Assert.Throws<ArgumentOutOfRangeException>(() => Matching.Match([0.1f], 1, 1, (MatchingMode)7));
    }

    [Fact]
    public void NamesRoundTrip()
    {
        Assert.True(Matching.TryParse("Optimal", out var mode));
        Assert.Equal(MatchingMode.Optimal, mode);
        Assert.Equal("greedy", Matching.Name(MatchingMode.Greedy));
        Assert.False(Matching.TryParse("best", out _));
    }
}
