namespace Dislocate.Segment.Evaluation;

/// <summary>One ground-truth mask and the prediction matched to it.</summary>
/// <param name="Truth">Ground-truth index (row of the loss matrix).</param>
/// <param name="Prediction">Prediction index (column), or −1 when no prediction was left for this truth.</param>
/// <param name="Loss">The pair's Dice loss, or <see cref="Matching.UnmatchedLoss"/> when unmatched.</param>
public readonly record struct MatchPair(int Truth, int Prediction, float Loss)
{
    /// <summary>True when a prediction was matched.</summary>
    public bool IsMatched => this.Prediction >= 0;
}
