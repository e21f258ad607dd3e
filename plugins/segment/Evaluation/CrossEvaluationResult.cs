namespace Dislocate.Segment.Evaluation;

/// <summary>What a cross-evaluation found: every scored image and, per model and dataset, their summary.</summary>
/// <param name="Models">Model labels: the matrix rows, in order.</param>
/// <param name="Datasets">Dataset labels: the matrix columns, in order.</param>
/// <param name="Images">Scored images, by model, then dataset, then image name.</param>
/// <param name="Cells">One summary per model and dataset, row-major (model × dataset).</param>
internal sealed record CrossEvaluationResult(IReadOnlyList<string> Models, IReadOnlyList<string> Datasets, IReadOnlyList<CrossEvaluationImage> Images, IReadOnlyList<CrossEvaluationCell> Cells)
{
    /// <summary>Images left out in all cells together (no scorable ground truth).</summary>
    public int Skipped => this.Cells.Sum(c => c.Skipped);

    /// <summary>The summary of model <paramref name="model"/> on dataset <paramref name="dataset"/> (indices).</summary>
    public CrossEvaluationCell Cell(int model, int dataset) => this.Cells[(model * this.Datasets.Count) + dataset];

    /// <summary>The matrix of mean metrics [model, dataset]; NaN where no image was scored.</summary>
    public double[,] MeanMetrics()
    {
        var values = new double[this.Models.Count, this.Datasets.Count];
        for (var m = 0; m < this.Models.Count; m++)
        {
            for (var d = 0; d < this.Datasets.Count; d++)
            {
                values[m, d] = this.Cell(m, d).MeanMetric ?? double.NaN;
            }
        }

        return values;
    }

    /// <summary>Builds the result from the scored <paramref name="images"/> and the count of skipped ones per [model, dataset].</summary>
    public static CrossEvaluationResult Create(IReadOnlyList<string> models, IReadOnlyList<string> datasets, IReadOnlyList<CrossEvaluationImage> images, int[,] skipped)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(datasets);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(skipped);
        if (skipped.GetLength(0) != models.Count || skipped.GetLength(1) != datasets.Count)
        {
            throw new ArgumentException($"Skipped counts are {skipped.GetLength(0)}×{skipped.GetLength(1)}, not {models.Count}×{datasets.Count}.", nameof(skipped));
        }

        var cells = new List<CrossEvaluationCell>(models.Count * datasets.Count);
        for (var m = 0; m < models.Count; m++)
        {
            for (var d = 0; d < datasets.Count; d++)
            {
                var (model, dataset) = (models[m], datasets[d]);
                var rows = images.Where(i => i.Model == model && i.Dataset == dataset).ToList();
                cells.Add(CrossEvaluationCell.Summarise(model, dataset, rows, skipped[m, d]));
            }
        }

        return new CrossEvaluationResult(models, datasets, images, cells);
    }
}
