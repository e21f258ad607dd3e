namespace Dislocate.Segment.Evaluation;

/// <summary>A model of a cross-evaluation: its row label in the matrix and its model file.</summary>
/// <param name="Name">Row label (unique within the run).</param>
/// <param name="Path">The <c>.dislocate</c> model file.</param>
internal sealed record CrossEvaluationModel(string Name, string Path);
