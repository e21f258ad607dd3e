using Dislocate.Contracts;

namespace Dislocate.Cli.Execution;

/// <summary>Writes a command's log lines to standard error so standard output stays machine-readable.</summary>
internal sealed class ConsoleLog(TextWriter error, bool quiet) : ICommandLog
{
    public void Info(string message)
    {
        if (!quiet)
        {
            error.WriteLine(message);
        }
    }

    public void Warn(string message) => error.WriteLine($"warning: {message}");
}
