namespace Dislocate.Contracts;

/// <summary>A user-supplied file is unreadable or malformed; the message names the file and, where known, the field. Hosts show it as a failure the user can fix (CLI exit code 1, ImageJ error).</summary>
public sealed class InputFileException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/>, optionally naming the offending <paramref name="field"/>.</summary>
    public InputFileException(string path, string? field, string problem, Exception? inner = null)
        : base(Format(path, field, problem), inner)
    {
        this.Path = path;
        this.Field = field;
        this.Problem = problem;
    }

    /// <summary>The file that was being read.</summary>
    public string Path { get; }

    /// <summary>The JSON path or field name at fault, or null when the whole file is at fault.</summary>
    public string? Field { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; }

    private static string Format(string path, string? field, string problem) =>
        field is null ? $"{path}: {problem}" : $"{path}: {field}: {problem}";
}
