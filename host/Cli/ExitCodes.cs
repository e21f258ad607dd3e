namespace Dislocate.Cli;

/// <summary>Process exit codes of <c>dislocate</c>; scripts and job arrays can rely on them.</summary>
public static class ExitCodes
{
    /// <summary>The command finished.</summary>
    public const int Success = 0;

    /// <summary>The command ran and failed (bad input file, I/O error, a failure inside a plugin).</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong: unknown command or option, bad or missing parameter value.</summary>
    public const int Usage = 2;

    /// <summary>The requested plugin or command is not available (not installed, or refused at load).</summary>
    public const int Unavailable = 3;

    /// <summary>Stopped by Ctrl-C or SIGTERM; finished outputs are kept, nothing half-written remains (128 + SIGINT).</summary>
    public const int Cancelled = 130;
}
