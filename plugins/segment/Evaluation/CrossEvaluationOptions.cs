using Dislocate.Segment.Inference;

namespace Dislocate.Segment.Evaluation;

/// <summary>Settings of a cross-evaluation run.</summary>
/// <param name="Split">Which split of every dataset folder is evaluated (<c>test</c> or <c>train</c>).</param>
/// <param name="Limit">At most this many images per dataset, the first in name order; 0 = all.</param>
/// <param name="Metric">The metric's settings, including the matching of truths to predicted masks.</param>
/// <param name="BatchSize">Tiles per network call.</param>
/// <param name="MatchedBelowLoss">
/// A ground-truth dislocation counts as matched one to one when the matching pairs it with a prediction whose Dice loss
/// is below this. The paper counts matches without defining one; 0.5 (Dice above one half) is the bar its post-processing
/// uses to call two masks the same dislocation (the duplicate rule), so a prediction that would be removed as a duplicate
/// of the truth is one that matches it.
/// </param>
internal sealed record CrossEvaluationOptions(string Split, int Limit, MetricOptions Metric, int BatchSize = CrossEvaluationOptions.DefaultBatchSize, double MatchedBelowLoss = CrossEvaluationOptions.DefaultMatchedBelowLoss)
{
    /// <summary>Default Dice-loss bar below which a paired truth counts as matched.</summary>
    public const double DefaultMatchedBelowLoss = 0.5;

    /// <summary>The split evaluated by default: images no model was trained on.</summary>
    public const string DefaultSplit = "test";

    /// <summary>Default tiles per network call.</summary>
    public const int DefaultBatchSize = TilingOptions.DefaultBatchSize;

    /// <summary>The test split, every image, the paper's metric with greedy matching.</summary>
    public static CrossEvaluationOptions Default { get; } = new(DefaultSplit, 0, MetricOptions.Default);
}
