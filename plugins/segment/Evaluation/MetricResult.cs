namespace Dislocate.Segment.Evaluation;

/// <summary>An image's matching loss and spline-length metric, with one row per ground-truth dislocation.</summary>
/// <param name="MatchingLoss">Mean Dice loss over the truths (unmatched ones count 1; 0 without truths).</param>
/// <param name="Metric">Mean score over the scored truths, or null when no truth could be scored.</param>
/// <param name="PredictionCount">Number of predicted masks (N).</param>
/// <param name="Dislocations">One row per truth, in truth order.</param>
public sealed record MetricResult(double MatchingLoss, double? Metric, int PredictionCount, IReadOnlyList<DislocationScore> Dislocations)
{
    /// <summary>Number of ground-truth masks (M).</summary>
    public int TruthCount => this.Dislocations.Count;

    /// <summary>Truths that entered the metric's mean.</summary>
    public int Scored => this.Dislocations.Count(d => d.Score is not null);

    /// <summary>Truths skipped because their own line is degenerate (L_true = 0).</summary>
    public int DegenerateTruths => this.Dislocations.Count(d => d.Score is null);

    /// <summary>Truths left without a prediction (N &lt; M); they score 0.</summary>
    public int UnmatchedTruths => this.Dislocations.Count(d => d.Prediction < 0);

    /// <summary>Truths paired (one to one, by the matching) with a prediction whose Dice loss is below <paramref name="maxLoss"/>.</summary>
    public int MatchedTruths(double maxLoss) => this.Dislocations.Count(d => d.Prediction >= 0 && d.DiceLoss < maxLoss);
}
