namespace Dislocate.Segment.Evaluation;

/// <summary>Settings of a cross-evaluation run.</summary>
/// <param name="Split">Which split of every dataset folder is evaluated (<c>test</c> or <c>train</c>).</param>
/// <param name="Limit">At most this many images per dataset, the first in name order; 0 = all.</param>
/// <param name="Metric">The metric's settings, including the matching of truths to predicted masks.</param>
/// <param name="BatchSize">Tiles per network call.</param>
internal sealed record CrossEvaluationOptions(string Split, int Limit, MetricOptions Metric, int BatchSize = CrossEvaluationOptions.DefaultBatchSize)
{
    /// <summary>The split evaluated by default: images no model was trained on.</summary>
    public const string DefaultSplit = "test";

    /// <summary>Default tiles per network call.</summary>
    public const int DefaultBatchSize = 2;

    /// <summary>The test split, every image, the paper's metric with greedy matching.</summary>
    public static CrossEvaluationOptions Default { get; } = new(DefaultSplit, 0, MetricOptions.Default);
}
