using Dislocate.Segment.Evaluation;

namespace Dislocate.Segment.Tests.Evaluation;

public sealed class SplineLengthMetricTests
{
    private const int Width = 160;
    private const int Height = 100;

    [Fact]
    public void OnePixelLines_GiveExactLengths_AndTheRelativeError()
    {
        // A 1-pixel-wide row of n pixels is its own skeleton; its centres span n − 1 pixels in a straight line.
        var truth = MaskDrawing.Rect(Width, Height, 20, 50, 120, 50);       // 101 pixels: L = 100
        var prediction = MaskDrawing.Rect(Width, Height, 30, 50, 110, 50); // 81 pixels: L = 80, 20 % shorter
        var result = SplineLengthMetric.Evaluate(MaskDrawing.Stack(Width, Height, truth), MaskDrawing.Stack(Width, Height, prediction), MetricOptions.Default);
        var row = Assert.Single(result.Dislocations);
        Assert.Equal(100, row.TruthLength, 6);
        Assert.Equal(80, row.PredictionLength, 6);
        Assert.Equal(0.8, row.Score!.Value, 6);
        Assert.Equal(0.8, result.Metric!.Value, 6);
    }

    [Theory]
    [InlineData(20, 50, 140, 50)]   // horizontal
    [InlineData(20, 15, 130, 85)]   // oblique
    public void ThickLine_PredictedTwentyPercentShorter_ScoresAboutPointEight(double x0, double y0, double x1, double y1)
    {
        // The skeleton of a round-capped stroke ends within about the half-width (2.2 px) of the drawn ends, on both
        // lines alike, so the ratio stays near 0.8: tolerance ±0.03.
        var truth = MaskDrawing.Stroke(Width, Height, x0, y0, x1, y1, 2.2);
        var (sx, sy) = (x0 + ((x1 - x0) * 0.2), y0 + ((y1 - y0) * 0.2));
        var prediction = MaskDrawing.Stroke(Width, Height, sx, sy, x1, y1, 2.2, 0.9f);
        var result = SplineLengthMetric.Evaluate(MaskDrawing.Stack(Width, Height, truth), MaskDrawing.Stack(Width, Height, prediction), MetricOptions.Default);
        Assert.InRange(result.Metric!.Value, 0.77, 0.83);
        var drawn = Math.Sqrt(((x1 - x0) * (x1 - x0)) + ((y1 - y0) * (y1 - y0)));
        Assert.InRange(result.Dislocations[0].TruthLength, drawn - 4.4, drawn + 2.2);
    }

    [Fact]
    public void IdenticalMasks_ScoreOne_AndEmptyPredictionScoresZero()
    {
        var a = MaskDrawing.Stroke(Width, Height, 10, 10, 90, 60, 2);
        var b = MaskDrawing.Stroke(Width, Height, 100, 90, 150, 20, 2);
        var identical = SplineLengthMetric.Evaluate(MaskDrawing.Stack(Width, Height, a, b), MaskDrawing.Stack(Width, Height, b, a), MetricOptions.Default);
        Assert.Equal(1, identical.Metric!.Value, 12);
        Assert.Equal([1, 0], identical.Dislocations.Select(d => d.Prediction));
        Assert.Equal(0, identical.MatchingLoss, 12);

        var empty = SplineLengthMetric.Evaluate(MaskDrawing.Stack(Width, Height, a), MaskDrawing.Stack(Width, Height, new float[Width * Height]), MetricOptions.Default);
        var row = Assert.Single(empty.Dislocations);
        Assert.Equal(0, row.Prediction);
        Assert.Equal(0, row.PredictionLength);
        Assert.Equal(0, row.Score);
        Assert.Equal(0, empty.Metric);
    }

    [Fact]
    public void ScatteredPrediction_IsMeasuredOnItsLargestComponent()
    {
        // An 81-pixel line plus specks in the corners: the box is mostly empty, so only the largest piece is cropped.
        var truth = MaskDrawing.Rect(Width, Height, 20, 50, 120, 50);
        var line = MaskDrawing.Rect(Width, Height, 30, 50, 110, 50, 0.9f);
        var scattered = (float[])line.Clone();
        MaskDrawing.AddRect(scattered, Width, 0, 0, 2, 1, 0.9f);
        MaskDrawing.AddRect(scattered, Width, 157, 98, 159, 99, 0.9f);
        MaskDrawing.AddRect(scattered, Width, 0, 97, 1, 99, 0.9f);
        var alone = SplineLengthMetric.Evaluate(MaskDrawing.Stack(Width, Height, truth), MaskDrawing.Stack(Width, Height, line), MetricOptions.Default);
        var withSpecks = SplineLengthMetric.Evaluate(MaskDrawing.Stack(Width, Height, truth), MaskDrawing.Stack(Width, Height, scattered), MetricOptions.Default);
        Assert.Equal(80, alone.Dislocations[0].PredictionLength, 6);
        Assert.Equal(alone.Dislocations[0].PredictionLength, withSpecks.Dislocations[0].PredictionLength);
        Assert.Equal(0.8, withSpecks.Metric!.Value, 6);
    }

    [Fact]
    public void LowProbabilities_AreBinarisedAway()
    {
        var truth = MaskDrawing.Stroke(Width, Height, 10, 50, 150, 50, 2);
        var faint = MaskDrawing.Stroke(Width, Height, 10, 50, 150, 50, 2, 0.49f);
        var result = SplineLengthMetric.Evaluate(MaskDrawing.Stack(Width, Height, truth), MaskDrawing.Stack(Width, Height, faint), MetricOptions.Default);
        Assert.Equal(0, result.Metric);
    }

    [Fact]
    public void DegenerateTruth_IsSkippedAndCounted_UnmatchedTruthScoresZero()
    {
        var line = MaskDrawing.Stroke(Width, Height, 10, 20, 110, 20, 2);
        var speck = MaskDrawing.Rect(Width, Height, 140, 80, 141, 80);           // 2 pixels < MinPixels: no line
        var other = MaskDrawing.Stroke(Width, Height, 10, 70, 110, 70, 2);
        var result = SplineLengthMetric.Evaluate(MaskDrawing.Stack(Width, Height, line, speck, other), MaskDrawing.Stack(Width, Height, line), MetricOptions.Default);

        Assert.Equal(3, result.TruthCount);
        Assert.Null(result.Dislocations[1].Score);
        Assert.Equal(0, result.Dislocations[1].TruthLength);
        Assert.Equal(1, result.DegenerateTruths);
        Assert.Equal(-1, result.Dislocations[2].Prediction);
        Assert.Equal(0, result.Dislocations[2].Score);
        Assert.Equal(2, result.UnmatchedTruths);  // N = 1: only the first truth gets the prediction.
        Assert.Equal(2, result.Scored);
        Assert.Equal(0.5, result.Metric!.Value, 12); // (1 + 0) / 2
        Assert.Equal((0 + 1 + 1) / 3.0, result.MatchingLoss, 6);
    }

    [Fact]
    public void NoScorableTruth_GivesNullMetric()
    {
        var speck = MaskDrawing.Rect(Width, Height, 5, 5, 6, 5);
        var result = SplineLengthMetric.Evaluate(MaskDrawing.Stack(Width, Height, speck), MaskDrawing.Stack(Width, Height, speck), MetricOptions.Default);
        Assert.Null(result.Metric);
        Assert.Equal(1, result.DegenerateTruths);
    }

    [Fact]
    public void GivenPairs_GiveTheSameResultAsTheMetricsOwnGreedyMatching()
    {
        var a = MaskDrawing.Stroke(Width, Height, 10, 10, 90, 60, 2);
        var b = MaskDrawing.Stroke(Width, Height, 100, 90, 150, 20, 2);
        var shortB = MaskDrawing.Stroke(Width, Height, 110, 76, 150, 20, 2, 0.8f);
        var truths = MaskDrawing.Stack(Width, Height, a, b);
        var predictions = MaskDrawing.Stack(Width, Height, shortB, new float[Width * Height], a);
        var own = SplineLengthMetric.Evaluate(truths, predictions, MetricOptions.Default);
        var pairs = Matching.Match(DiceMatrix.Compute(truths, predictions), 2, 3, MatchingMode.Greedy);
        var given = SplineLengthMetric.Evaluate(truths, predictions, pairs, MetricOptions.Default);
        Assert.Equal(own.Dislocations, given.Dislocations);
        Assert.Equal(own.Metric, given.Metric);
        Assert.Equal([2, 0], own.Dislocations.Select(d => d.Prediction));
        Assert.InRange(own.Dislocations[1].Score!.Value, 0.5, 0.95);

        Assert.Throws<ArgumentException>(() => SplineLengthMetric.Evaluate(truths, predictions, [pairs[0]], MetricOptions.Default));
        Assert.Throws<ArgumentException>(() => SplineLengthMetric.Evaluate(truths, predictions, [pairs[0], new MatchPair(1, 3, 0)], MetricOptions.Default));
    }

    [Fact]
    public void OptimalMatching_IsUsedWhenAsked()
    {
        // Truth 0 overlaps predictions 0 and 1; truth 1 overlaps only prediction 0. Greedy gives truth 0 prediction 0
        // and leaves truth 1 with prediction 1 (disjoint); optimal gives truth 1 prediction 0.
        var t0 = MaskDrawing.Rect(Width, Height, 10, 10, 60, 14);
        var t1 = MaskDrawing.Rect(Width, Height, 10, 15, 60, 19);
        var p0 = MaskDrawing.Rect(Width, Height, 10, 11, 60, 17);
        var p1 = MaskDrawing.Rect(Width, Height, 10, 8, 60, 12);
        var truths = MaskDrawing.Stack(Width, Height, t0, t1);
        var predictions = MaskDrawing.Stack(Width, Height, p0, p1);
        var greedy = SplineLengthMetric.Evaluate(truths, predictions, MetricOptions.Default);
        var optimal = SplineLengthMetric.Evaluate(truths, predictions, MetricOptions.Default with { Matching = MatchingMode.Optimal });
        Assert.Equal([0, 1], greedy.Dislocations.Select(d => d.Prediction));
        Assert.Equal([1, 0], optimal.Dislocations.Select(d => d.Prediction));
        Assert.True(optimal.MatchingLoss < greedy.MatchingLoss);
    }

    [Fact]
    public void Score_ClipsToUnitRange()
    {
        Assert.Equal(0.75, SplineLengthMetric.Score(100, 125), 12);
        Assert.Equal(0, SplineLengthMetric.Score(100, 250), 12);
        Assert.Equal(1, SplineLengthMetric.Score(100, 100), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => SplineLengthMetric.Score(0, 10));
    }
}
