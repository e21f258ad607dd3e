namespace Dislocate.Segment.Evaluation;

/// <summary>One ground-truth dislocation's row of the spline-length metric.</summary>
/// <param name="Truth">Ground-truth index.</param>
/// <param name="Prediction">Matched prediction index, or −1 when no prediction was left for it.</param>
/// <param name="DiceLoss">The pair's Dice loss (1 when unmatched).</param>
/// <param name="TruthLength">Spline length of the truth's line in pixels (0 when degenerate).</param>
/// <param name="PredictionLength">Spline length of the prediction's line in pixels (0 when it has none or is unmatched).</param>
/// <param name="Score">clip(1 − |L_pred − L_true| / L_true, 0, 1), or null when the truth's own line is degenerate (L_true = 0) and it is not scored.</param>
public sealed record DislocationScore(int Truth, int Prediction, double DiceLoss, double TruthLength, double PredictionLength, double? Score);
