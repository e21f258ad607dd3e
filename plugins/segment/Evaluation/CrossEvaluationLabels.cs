namespace Dislocate.Segment.Evaluation;

/// <summary>Default matrix labels derived from paths: the shortest naming that tells every entry apart.</summary>
internal static class CrossEvaluationLabels
{
    /// <summary>
    /// Labels for model files: their file names without extension when those differ, else their folders' names (training
    /// runs all write <c>model.dislocate</c>, so <c>runs/m1/model.dislocate</c> becomes <c>m1</c>), else
    /// folder/name, else the full paths.
    /// </summary>
    public static string[] ForModels(IReadOnlyList<string> paths) => First(
        paths,
        p => Path.GetFileNameWithoutExtension(p),
        p => Path.GetFileName(Path.GetDirectoryName(p)) ?? string.Empty,
        p => $"{Path.GetFileName(Path.GetDirectoryName(p))}/{Path.GetFileNameWithoutExtension(p)}");

    /// <summary>Labels for dataset folders: their names when those differ, else parent/name, else the full paths.</summary>
    public static string[] ForDatasets(IReadOnlyList<string> paths) => First(
        paths,
        p => Path.GetFileName(Trimmed(p)),
        p => $"{Path.GetFileName(Path.GetDirectoryName(Trimmed(p)))}/{Path.GetFileName(Trimmed(p))}");

    /// <summary>The first naming whose labels are all non-empty and distinct; the full paths otherwise.</summary>
    private static string[] First(IReadOnlyList<string> paths, params Func<string, string>[] namings)
    {
        ArgumentNullException.ThrowIfNull(paths);
        foreach (var naming in namings)
        {
            var labels = paths.Select(naming).ToArray();
            if (labels.All(l => l.Length > 0) && labels.Distinct(StringComparer.Ordinal).Count() == labels.Length)
            {
                return labels;
            }
        }

        return paths.Select(Path.GetFullPath).ToArray();
    }

    private static string Trimmed(string folder) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
}
