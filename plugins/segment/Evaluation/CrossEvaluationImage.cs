namespace Dislocate.Segment.Evaluation;

/// <summary>One scored image of a cross-evaluation: a row of <c>per_image.csv</c>.</summary>
/// <param name="Model">The model's label.</param>
/// <param name="Dataset">The dataset's label.</param>
/// <param name="Image">The image's file name without extension.</param>
/// <param name="Dislocations">Ground-truth dislocations in the image (its non-empty instance masks).</param>
/// <param name="Metric">The image's spline-length metric, in [0, 1].</param>
/// <param name="Loss">The image's matching Dice loss, in [0, 1].</param>
/// <param name="Matched">Ground-truth dislocations matched one to one (<see cref="CrossEvaluationOptions.MatchedBelowLoss"/>).</param>
internal sealed record CrossEvaluationImage(string Model, string Dataset, string Image, int Dislocations, double Metric, double Loss, int Matched);
