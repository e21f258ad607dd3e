namespace Dislocate.Segment.Evaluation;

/// <summary>
/// The M × N matrix of soft Dice losses (<see cref="DiceLoss"/>) between every ground-truth mask and every prediction,
/// row-major (entry [i·N + j] = DL(truth i, prediction j)).
/// </summary>
/// <remarks>
/// Each plane is profiled once (Σ values, bounding box, sparse support list; see <see cref="MaskProfile"/>), so a pair
/// costs only its overlap Σ g·p: zero when the boxes are disjoint, a gather over the shorter support list (a thin
/// dislocation mask holds a few thousand of the 512² pixels), or SIMD dot products over the common box rows for two
/// dense probability maps. Sums run in float lanes within a row and in double across rows; the result matches
/// <see cref="DiceLoss.Soft"/> to about 1e-6.
/// </remarks>
public static class DiceMatrix
{
    /// <summary>Computes the loss matrix; both stacks must have the same plane size and values in [0, 1].</summary>
    public static float[] Compute(MaskStack truths, MaskStack predictions, double epsilon = DiceLoss.DefaultEpsilon)
    {
        ArgumentNullException.ThrowIfNull(truths);
        ArgumentNullException.ThrowIfNull(predictions);
        if (truths.Width != predictions.Width || truths.Height != predictions.Height)
        {
            throw new ArgumentException($"Truth planes are {truths.Width}×{truths.Height}, predictions {predictions.Width}×{predictions.Height}.", nameof(predictions));
        }

        // The threshold only shapes the foreground lists, which the Dice sums do not use; 0.5 shares the metric's pass.
        var threshold = (float)MetricOptions.DefaultThreshold;
        return Compute(truths.Profiles(threshold, "truth"), predictions.Profiles(threshold, "prediction"), epsilon);
    }

    internal static float[] Compute(MaskProfile[] truths, MaskProfile[] predictions, double epsilon)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epsilon);
        var n = predictions.Length;
        var matrix = new float[truths.Length * n];
        for (var i = 0; i < truths.Length; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var overlap = ProfileOverlap.Compute(truths[i], predictions[j]);
                matrix[(i * n) + j] = (float)DiceLoss.FromSums(overlap, truths[i].Sum, predictions[j].Sum, epsilon);
            }
        }

        return matrix;
    }
}
