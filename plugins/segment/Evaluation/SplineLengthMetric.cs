using Dislocate.Core.Skeletons;

namespace Dislocate.Segment.Evaluation;

/// <summary>
/// The paper's spline-length metric: each ground-truth dislocation is matched to a prediction (the loss's own
/// matching), both masks are binarised and reduced to a spline through their Lee skeleton, and the prediction scores
/// clip(1 − |L_pred − L_true| / L_true, 0, 1); the image's metric is the mean over the ground-truth dislocations.
/// </summary>
/// <remarks>
/// <para>Steps per mask (<see cref="MaskLines"/>): binarise at <see cref="MetricOptions.Threshold"/> (value ≥ 0.5),
/// clean up by keeping the largest 8-connected component when it has at least <see cref="MetricOptions.MinPixels"/>
/// pixels (no line otherwise), Lee-thin it, order the skeleton into its longest path, fit a chord-length cubic spline
/// through knots about <see cref="MetricOptions.KnotSpacing"/> pixels apart and take its length. Masks are processed on
/// the bounding box of their foreground (of its largest component when the foreground is scattered), which gives the
/// same line as the whole image; each line is kept with its stack, so post-processing the same predictions reuses
/// it.</para>
/// <para>Cases the paper leaves open: a truth whose own line is degenerate (L_true = 0, e.g. an empty page or fewer
/// than MinPixels pixels) cannot be scored; it is skipped and counted (<see cref="MetricResult.DegenerateTruths"/>),
/// but still enters the matching loss. A truth left without a prediction (N &lt; M) or matched to a prediction with no
/// line scores 0. With no scorable truth the metric is null rather than a made-up number.</para>
/// </remarks>
public static class SplineLengthMetric
{
    /// <summary>Scores <paramref name="predictions"/> (probabilities or 0/1 masks) against <paramref name="truths"/> (0/1 masks) of the same size.</summary>
    public static MetricResult Evaluate(MaskStack truths, MaskStack predictions, MetricOptions options)
    {
        var (truthProfiles, predictionProfiles) = Profile(truths, predictions, options);
        var matrix = DiceMatrix.Compute(truthProfiles, predictionProfiles, options.Epsilon);
        var pairs = Matching.Match(matrix, truths.Count, predictions.Count, options.Matching);
        return Score(truthProfiles, predictionProfiles, pairs, options);
    }

    /// <summary>
    /// Scores a matching made elsewhere (e.g. by the Torch loss on the device): one pair per truth, in truth order,
    /// whose losses give the matching loss. <see cref="MetricOptions.Matching"/> and <see cref="MetricOptions.Epsilon"/> are not used.
    /// </summary>
    public static MetricResult Evaluate(MaskStack truths, MaskStack predictions, IReadOnlyList<MatchPair> pairs, MetricOptions options)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var (truthProfiles, predictionProfiles) = Profile(truths, predictions, options);
        if (pairs.Count != truths.Count)
        {
            throw new ArgumentException($"{pairs.Count} pairs for {truths.Count} truths; give one pair per truth.", nameof(pairs));
        }

        for (var i = 0; i < pairs.Count; i++)
        {
            if (pairs[i].Truth != i || pairs[i].Prediction >= predictions.Count || pairs[i].Prediction < -1)
            {
                throw new ArgumentException($"Pair {i} ({pairs[i].Truth} → {pairs[i].Prediction}) does not fit {truths.Count} truths in order and {predictions.Count} predictions.", nameof(pairs));
            }
        }

        return Score(truthProfiles, predictionProfiles, pairs.ToArray(), options);
    }

    /// <summary>clip(1 − |L_pred − L_true| / L_true, 0, 1) for a positive truth length.</summary>
    public static double Score(double truthLength, double predictionLength)
    {
        if (!(truthLength > 0 && double.IsFinite(truthLength)))
        {
            throw new ArgumentOutOfRangeException(nameof(truthLength), truthLength, "the truth's line length must be finite and > 0");
        }

        return Math.Clamp(1 - (Math.Abs(predictionLength - truthLength) / truthLength), 0, 1);
    }

    private static (MaskProfile[] Truths, MaskProfile[] Predictions) Profile(MaskStack truths, MaskStack predictions, MetricOptions options)
    {
        ArgumentNullException.ThrowIfNull(truths);
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (truths.Width != predictions.Width || truths.Height != predictions.Height)
        {
            throw new ArgumentException($"Truth planes are {truths.Width}×{truths.Height}, predictions {predictions.Width}×{predictions.Height}.", nameof(predictions));
        }

        var threshold = (float)options.Threshold;
        return (truths.Profiles(threshold, "truth"), predictions.Profiles(threshold, "prediction"));
    }

    private static MetricResult Score(MaskProfile[] truths, MaskProfile[] predictions, MatchPair[] pairs, MetricOptions options)
    {
        var lineOptions = options.LineOptions;
        var rows = new DislocationScore[pairs.Length];
        double total = 0;
        var scored = 0;
        foreach (var pair in pairs)
        {
            var truthLength = LineLength(truths[pair.Truth], lineOptions);
            var predictionLength = pair.IsMatched ? LineLength(predictions[pair.Prediction], lineOptions) : 0;
            double? score = truthLength > 0 ? Score(truthLength, predictionLength) : null;
            if (score is { } s)
            {
                total += s;
                scored++;
            }

            rows[pair.Truth] = new DislocationScore(pair.Truth, pair.Prediction, pair.Loss, truthLength, predictionLength, score);
        }

        return new MetricResult(Matching.MeanLoss(pairs), scored > 0 ? total / scored : null, predictions.Length, rows);
    }

    /// <summary>The spline length of a profiled plane's foreground, 0 when it has no line.</summary>
    internal static double LineLength(MaskProfile profile, MaskLineOptions options)
    {
        if (profile.Foreground.Length == 0)
        {
            return 0;
        }

        var length = profile.ForegroundLine(options).Length;
        return double.IsFinite(length) && length > 0 ? length : 0;
    }
}
