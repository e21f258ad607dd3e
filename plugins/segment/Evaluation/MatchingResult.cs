namespace Dislocate.Segment.Evaluation;

/// <summary>An image's matching Dice loss and the pairs it was computed from.</summary>
/// <param name="Loss">Mean Dice loss over the ground-truth masks (unmatched ones count 1; 0 when there is no truth).</param>
/// <param name="Pairs">One pair per truth, in truth order.</param>
public sealed record MatchingResult(double Loss, IReadOnlyList<MatchPair> Pairs);
