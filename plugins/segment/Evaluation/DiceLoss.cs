namespace Dislocate.Segment.Evaluation;

/// <summary>
/// The soft Dice loss between a ground-truth mask g and a prediction p with values in [0, 1]:
/// DL(g, p) = 1 − (2·Σ g·p + ε) / (Σ g + Σ p + ε).
/// </summary>
/// <remarks>
/// ε (default 1, as in the common smooth-Dice formulation) keeps the loss defined for two empty masks (DL = 0) and
/// makes an empty prediction against a non-empty truth cost slightly less than 1. Binary masks are the special case
/// g, p ∈ {0, 1}, where Σ g·p is the overlap in pixels; e.g. two 4-pixel masks sharing 2 pixels with ε = 0 give
/// 1 − 4/8 = 0.5. This scalar version sums in double precision in pixel order and is the reference that
/// <see cref="DiceMatrix"/> and the Torch loss are tested against.
/// </remarks>
public static class DiceLoss
{
    /// <summary>The default smoothing term ε.</summary>
    public const double DefaultEpsilon = 1.0;

    /// <summary>The soft Dice loss of two equally long masks, summed plainly in double precision.</summary>
    public static double Soft(ReadOnlySpan<float> truth, ReadOnlySpan<float> prediction, double epsilon = DefaultEpsilon)
    {
        if (truth.Length != prediction.Length)
        {
            throw new ArgumentException($"The masks differ in length ({truth.Length} and {prediction.Length}).", nameof(prediction));
        }

        double overlap = 0, truthSum = 0, predictionSum = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            overlap += (double)truth[i] * prediction[i];
            truthSum += truth[i];
            predictionSum += prediction[i];
        }

        return FromSums(overlap, truthSum, predictionSum, epsilon);
    }

    /// <summary>The loss from its three sums: Σ g·p, Σ g and Σ p.</summary>
    public static double FromSums(double overlap, double truthSum, double predictionSum, double epsilon)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epsilon);
        var denominator = truthSum + predictionSum + epsilon;
        // Two empty masks with ε = 0: identical, so no loss (the limit of the smoothed form).
        return denominator > 0 ? 1 - (((2 * overlap) + epsilon) / denominator) : 0;
    }
}
