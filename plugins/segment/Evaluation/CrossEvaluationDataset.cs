namespace Dislocate.Segment.Evaluation;

/// <summary>A dataset of a cross-evaluation: its column label in the matrix and its folder (written by <c>synthetic generate</c>).</summary>
/// <param name="Name">Column label (unique within the run).</param>
/// <param name="Folder">The dataset folder holding <c>train/</c> and <c>test/</c>.</param>
internal sealed record CrossEvaluationDataset(string Name, string Folder);
