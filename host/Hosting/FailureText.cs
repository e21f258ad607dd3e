using Dislocate.Contracts;

namespace Dislocate.Hosting;

/// <summary>What a user reads when a command fails: the problem in words, never an internal exception type.</summary>
public static class FailureText
{
    /// <summary>The innermost meaningful exception: a lone exception inside an <see cref="AggregateException"/> (parallel loops wrap them).</summary>
    public static Exception Unwrap(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        // Parallel loops gather one failure per worker, usually the same cause on every thread: the first stands for them all.
        while (e is AggregateException { InnerExceptions.Count: >= 1 } a)
        {
            e = a.InnerExceptions[0];
        }

        return e;
    }

    /// <summary>The text for <paramref name="e"/>: expected failures as they are, others described by kind.</summary>
    public static string Of(Exception e) => Unwrap(e) switch
    {
        ParameterException or CommandException or InputFileException => Unwrap(e).Message,
        UnauthorizedAccessException u => $"permission denied: {u.Message}",
        FileNotFoundException f => $"file not found: {f.FileName ?? f.Message}",
        DirectoryNotFoundException d => $"folder not found: {d.Message}",
        PathTooLongException p => $"path too long: {p.Message}",
        IOException io => $"input/output error: {io.Message}",
        InvalidDataException d => $"invalid data: {d.Message}",
        OutOfMemoryException => "ran out of memory (try smaller tiles, fewer threads or a smaller input)",
        OperationCanceledException => "cancelled",
        var other => $"unexpected error: {other.Message} (set DISLOCATE_DEBUG=1 to see where)",
    };
}
