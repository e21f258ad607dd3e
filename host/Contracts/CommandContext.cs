namespace Dislocate.Contracts;

/// <summary>What a running command may use from its host: progress, cancellation, a log and the working folder.</summary>
/// <param name="Progress">Receives progress updates; hosts show a bar (CLI) or ImageJ's progress bar.</param>
/// <param name="Log">Receives informational and warning lines.</param>
/// <param name="WorkingDirectory">Folder against which relative paths are resolved.</param>
/// <param name="Cancellation">Signalled by Ctrl-C, Esc or a Cancel button; commands stop cleanly and leave no half-written files.</param>
public sealed record CommandContext(
    IProgress<ProgressUpdate> Progress,
    ICommandLog Log,
    string WorkingDirectory,
    CancellationToken Cancellation)
{
    /// <summary>Services of the loaded plugins (since host API 1.1); empty outside a host.</summary>
    public HostServices Services { get; init; } = HostServices.Empty;

    /// <summary>A context that discards progress and log output.</summary>
    public static CommandContext Silent(CancellationToken cancellation = default) =>
        new(new Progress<ProgressUpdate>(), NullCommandLog.Instance, Environment.CurrentDirectory, cancellation);

    /// <summary>Resolves <paramref name="path"/> against <see cref="WorkingDirectory"/>.</summary>
    public string ResolvePath(string path) => System.IO.Path.GetFullPath(path, this.WorkingDirectory);
}
