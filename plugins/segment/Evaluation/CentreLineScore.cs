namespace Dislocate.Segment.Evaluation;

/// <summary>
/// Centre-line agreement of a predicted and a true line mask at a pixel tolerance: counts from which precision, recall
/// and F1 follow; scores of several frames add up (pooled over their pixels).
/// </summary>
/// <param name="PredictedPixels">Pixels of the predicted centre lines.</param>
/// <param name="PredictedMatched">Of those, the ones within the tolerance of a true centre-line pixel.</param>
/// <param name="TruePixels">Pixels of the true centre lines.</param>
/// <param name="TrueMatched">Of those, the ones within the tolerance of a predicted centre-line pixel.</param>
public sealed record CentreLineScore(long PredictedPixels, long PredictedMatched, long TruePixels, long TrueMatched)
{
    /// <summary>No pixels on either side.</summary>
    public static CentreLineScore Empty { get; } = new(0, 0, 0, 0);

    /// <summary>Share of predicted centre-line pixels near a true one; 1 when nothing was predicted (nothing is wrong).</summary>
    public double Precision => this.PredictedPixels == 0 ? 1 : (double)this.PredictedMatched / this.PredictedPixels;

    /// <summary>Share of true centre-line pixels near a predicted one; 1 when there is no true line (nothing was missed).</summary>
    public double Recall => this.TruePixels == 0 ? 1 : (double)this.TrueMatched / this.TruePixels;

    /// <summary>Harmonic mean of precision and recall (0 when both are 0).</summary>
    public double F1 => this.Precision + this.Recall > 0 ? 2 * this.Precision * this.Recall / (this.Precision + this.Recall) : 0;

    /// <summary>The pooled counts of two scores.</summary>
    public CentreLineScore Add(CentreLineScore other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(this.PredictedPixels + other.PredictedPixels, this.PredictedMatched + other.PredictedMatched, this.TruePixels + other.TruePixels, this.TrueMatched + other.TrueMatched);
    }
}
