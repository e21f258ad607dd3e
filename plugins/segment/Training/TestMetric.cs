using Dislocate.Segment.Evaluation;

namespace Dislocate.Segment.Training;

/// <summary>The spline-length metric of one test image, scored on the matching the loss made on the device.</summary>
internal static class TestMetric
{
    /// <summary>
    /// Mean score over the image's scorable ground truths (those whose own line is not degenerate), or null when none
    /// is; <paramref name="maps"/> are the N probability maps, <paramref name="truth"/> the M masks (nonzero = on).
    /// </summary>
    public static double? Image(float[][] maps, IReadOnlyList<byte[]> truth, int size, IReadOnlyList<MatchPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(maps);
        ArgumentNullException.ThrowIfNull(truth);
        var truths = MaskStack.FromArrays(size, size, truth.Select(m => m.Select(v => v != 0 ? 1f : 0f).ToArray()));
        var predictions = MaskStack.FromArrays(size, size, maps);
        return SplineLengthMetric.Evaluate(truths, predictions, pairs, MetricOptions.Default).Metric;
    }
}
