using Dislocate.Segment.Evaluation;

namespace Dislocate.Segment.Tests.Evaluation;

public sealed class MatchingReferenceTests
{
    [Fact]
    public void Algorithm1_OnMasksWorkedByHand()
    {
        // 1 × 8 masks. Truth 0 = {0..3}, truth 1 = {2..5}; predictions 0 and 2 = {1..4}, prediction 1 = {2..5}.
        float[][] truths = [MaskDrawing.Pixels(8, 1f, 0, 1, 2, 3), MaskDrawing.Pixels(8, 1f, 2, 3, 4, 5)];
        float[][] predictions = [MaskDrawing.Pixels(8, 1f, 1, 2, 3, 4), MaskDrawing.Pixels(8, 1f, 2, 3, 4, 5), MaskDrawing.Pixels(8, 1f, 1, 2, 3, 4)];

        // ε = 0. Truth 0: DL = 1 − 6/8 = 0.25 with predictions 0 and 2 (tie → 0, the lowest index), 0.5 with 1.
        // Truth 1 then takes prediction 1 (DL 0). Loss (0.25 + 0) / 2.
        var result = MatchingReference.Algorithm1(truths, predictions, epsilon: 0);
        Assert.Equal([new MatchPair(0, 0, 0.25f), new MatchPair(1, 1, 0f)], result.Pairs);
        Assert.Equal(0.125, result.Loss, 12);

        // ε = 1: truth 0 with prediction 0: 1 − 7/9; truth 1 with prediction 1: 1 − 9/9.
        var smooth = MatchingReference.Algorithm1(truths, predictions);
        Assert.Equal((2.0 / 9) / 2, smooth.Loss, 7);
    }

    [Fact]
    public void Algorithm1_WithMoreTruthsThanPredictions_CountsTheRestAsOne()
    {
        float[][] truths = [MaskDrawing.Pixels(4, 1f, 0), MaskDrawing.Pixels(4, 1f, 1), MaskDrawing.Pixels(4, 1f, 2)];
        float[][] predictions = [MaskDrawing.Pixels(4, 1f, 1)];
        var result = MatchingReference.Algorithm1(truths, predictions, epsilon: 0);
        // Truth 0 takes the only prediction (DL 1, disjoint); truths 1 and 2 are unmatched.
        Assert.Equal([new MatchPair(0, 0, 1f), new MatchPair(1, -1, 1f), new MatchPair(2, -1, 1f)], result.Pairs);
        Assert.Equal(1, result.Loss, 12);
        Assert.Equal(0, MatchingReference.Algorithm1([], predictions).Loss);
    }

    [Fact]
    public void FastGreedyMatching_EqualsTheReference_OnSoftMasks()
    {
        const int width = 40, height = 24;
        var truths = new List<float[]>();
        var predictions = new List<float[]>();
        var random = new Random(7);
        for (var k = 0; k < 5; k++)
        {
            truths.Add(MaskDrawing.Stroke(width, height, random.Next(width), random.Next(height), random.Next(width), random.Next(height), 1.5));
        }

        for (var k = 0; k < 7; k++)
        {
            var p = MaskDrawing.Noise(width * height, 100 + k, 0.2f);
            var source = truths[random.Next(truths.Count)];
            for (var i = 0; i < p.Length; i++)
            {
                p[i] = Math.Min(1f, p[i] + (source[i] * 0.7f));
            }

            predictions.Add(p);
        }

        var reference = MatchingReference.Algorithm1(truths, predictions);
        var matrix = DiceMatrix.Compute(MaskStack.FromArrays(width, height, truths), MaskStack.FromArrays(width, height, predictions));
        var fast = Matching.Match(matrix, truths.Count, predictions.Count, MatchingMode.Greedy);
        Assert.Equal(reference.Pairs.Select(p => (p.Truth, p.Prediction)), fast.Select(p => (p.Truth, p.Prediction)));
        Assert.Equal(reference.Loss, Matching.MeanLoss(fast), 5);
    }
}
