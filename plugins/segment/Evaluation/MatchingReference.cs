namespace Dislocate.Segment.Evaluation;

/// <summary>
/// The paper's Algorithm 1 written out literally, as the reference the fast matching and the Torch loss are tested
/// against: no precomputed matrix, no SIMD, one <see cref="DiceLoss.Soft"/> per (truth, prediction) visit.
/// </summary>
public static class MatchingReference
{
    /// <summary>
    /// COMPUTELOSS(GT, PM, M, N): for each truth i in order, DL_min ← ∞; for each prediction j still present, if
    /// DL(GT[i], PM[j]) &lt; DL_min (strict, so ties go to the lowest index) take it; add DL_min to L, remove PM[CMI];
    /// return L / M.
    /// </summary>
    /// <remarks>
    /// Two cases the paper leaves open: a truth with no prediction left (N &lt; M) is unmatched and adds 1, the largest
    /// Dice loss (the literal algorithm would add ∞); with M = 0 the loss is 0.
    /// </remarks>
    /// <param name="truths">M ground-truth masks, values in [0, 1].</param>
    /// <param name="predictions">N predicted masks of the same length.</param>
    /// <param name="epsilon">Dice smoothing ε.</param>
    public static MatchingResult Algorithm1(IReadOnlyList<float[]> truths, IReadOnlyList<float[]> predictions, double epsilon = DiceLoss.DefaultEpsilon)
    {
        ArgumentNullException.ThrowIfNull(truths);
        ArgumentNullException.ThrowIfNull(predictions);
        var remaining = Enumerable.Range(0, predictions.Count).ToList();
        var pairs = new MatchPair[truths.Count];
        double total = 0;
        for (var i = 0; i < truths.Count; i++)
        {
            var min = double.PositiveInfinity;
            var cmi = -1;
            foreach (var j in remaining)
            {
                var dl = DiceLoss.Soft(truths[i], predictions[j], epsilon);
                if (dl < min)
                {
                    min = dl;
                    cmi = j;
                }
            }

            if (cmi < 0)
            {
                min = Matching.UnmatchedLoss;
            }
            else
            {
                remaining.Remove(cmi);
            }

            total += min;
            pairs[i] = new MatchPair(i, cmi, (float)min);
        }

        return new MatchingResult(truths.Count > 0 ? total / truths.Count : 0, pairs);
    }
}
