namespace Dislocate.Segment.Evaluation;

/// <summary>One model on one dataset in a cross-evaluation: a cell of the matrix and a row of <c>matrix_long.csv</c>.</summary>
/// <param name="Model">The model's label.</param>
/// <param name="Dataset">The dataset's label.</param>
/// <param name="Images">Images scored.</param>
/// <param name="Skipped">Images left out because none of their ground-truth dislocations could be scored.</param>
/// <param name="MeanMetric">Mean of the image metrics, or null when no image was scored.</param>
/// <param name="MedianMetric">Median of the image metrics (mean of the middle two for an even count), or null.</param>
/// <param name="MeanLoss">Mean of the scored images' matching losses, or null.</param>
/// <param name="Dislocations">Ground-truth dislocations in the scored images.</param>
/// <param name="Matched">Of those, the ones matched one to one.</param>
internal sealed record CrossEvaluationCell(string Model, string Dataset, int Images, int Skipped, double? MeanMetric, double? MedianMetric, double? MeanLoss, int Dislocations = 0, int Matched = 0)
{
    /// <summary>The share of ground-truth dislocations matched one to one, pooled over the images; null without any.</summary>
    public double? MatchedShare => this.Dislocations > 0 ? (double)this.Matched / this.Dislocations : null;

    /// <summary>Summarises the scored <paramref name="images"/> of one model on one dataset (summed in the given order, so the result is reproducible).</summary>
    public static CrossEvaluationCell Summarise(string model, string dataset, IReadOnlyList<CrossEvaluationImage> images, int skipped)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0)
        {
            return new CrossEvaluationCell(model, dataset, 0, skipped, null, null, null);
        }

        double metric = 0, loss = 0;
        int dislocations = 0, matched = 0;
        foreach (var image in images)
        {
            metric += image.Metric;
            loss += image.Loss;
            dislocations += image.Dislocations;
            matched += image.Matched;
        }

        var sorted = images.Select(i => i.Metric).Order().ToArray();
        var half = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
        return new CrossEvaluationCell(model, dataset, images.Count, skipped, metric / images.Count, median, loss / images.Count, dislocations, matched);
    }
}
