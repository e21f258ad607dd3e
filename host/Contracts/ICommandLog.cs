namespace Dislocate.Contracts;

/// <summary>Where a command writes human-readable lines (CLI: standard error; ImageJ: the Log window or status line).</summary>
public interface ICommandLog
{
    /// <summary>An informational line.</summary>
    void Info(string message);

    /// <summary>A warning: the command goes on, but the user should know.</summary>
    void Warn(string message);
}

/// <summary>A log that discards everything.</summary>
public sealed class NullCommandLog : ICommandLog
{
    /// <summary>The shared instance.</summary>
    public static NullCommandLog Instance { get; } = new();

    /// <inheritdoc/>
    public void Info(string message)
    {
    }

    /// <inheritdoc/>
    public void Warn(string message)
    {
    }
}
