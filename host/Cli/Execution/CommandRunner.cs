using Dislocate.Contracts;
using Dislocate.Hosting;
using Dislocate.Hosting.Parameters;

namespace Dislocate.Cli.Execution;

/// <summary>Binds raw values, runs one plugin command with progress and cancellation, and maps the outcome to an exit code.</summary>
internal sealed class CommandRunner(TextWriter output, TextWriter error, bool quiet, string outputFolder, HostServices services)
{
    /// <summary>Runs with CLI-style values (absent options take their defaults).</summary>
    public Task<int> RunAsync(RegisteredCommand command, IReadOnlyDictionary<string, string> raw, CancellationToken cancellation) =>
        this.RunAsync(command, d => ParameterBinder.Bind(d, raw, Environment.CurrentDirectory, ImageFiles.Load), cancellation);

    /// <summary>Runs with values produced by <paramref name="bind"/>; binding errors are usage errors.</summary>
    public async Task<int> RunAsync(RegisteredCommand command, Func<CommandDescriptor, ParameterValues> bind, CancellationToken cancellation)
    {
        ParameterValues values;
        try
        {
            values = bind(command.Command.Descriptor);
        }
        catch (Exception e) when (e is ParameterException or FormatException)
        {
            error.WriteLine($"error: {command.QualifiedId}: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (InputFileException e)
        {
            // An image argument is read while binding; a file that cannot be read is the user's to fix, not a crash.
            error.WriteLine($"error: {command.QualifiedId}: {e.Message}");
            return ExitCodes.Failure;
        }

        using var progress = new ConsoleProgress(error, interactive: !Console.IsErrorRedirected, quiet);
        var context = new CommandContext(progress, new ConsoleLog(error, quiet), Environment.CurrentDirectory, cancellation) { Services = services };
        try
        {
            var result = await command.Command.ExecuteAsync(values, context).ConfigureAwait(false);
            progress.Dispose();
            output.WriteLine(result.Summary);
            foreach (var o in result.Outputs)
            {
                if (o is FileOutput f)
                {
                    output.WriteLine($"  {f.Name}: {f.Path}");
                }
            }

            foreach (var path in OutputFiles.Write(outputFolder, result.Outputs))
            {
                output.WriteLine($"  wrote {path}");
            }

            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            progress.Dispose();
            error.WriteLine($"{command.QualifiedId}: cancelled; finished outputs were kept, nothing half-written remains.");
            return ExitCodes.Cancelled;
        }
        catch (ParameterException e)
        {
            progress.Dispose();
            error.WriteLine($"error: {command.QualifiedId}: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is CommandException or InputFileException)
        {
            progress.Dispose();
            error.WriteLine($"error: {command.QualifiedId}: {e.Message}");
            return ExitCodes.Failure;
        }
#pragma warning disable CA1031 // The CLI boundary: any plugin failure becomes a message and exit code, never a crash dump.
        catch (Exception e)
#pragma warning restore CA1031
        {
            progress.Dispose();
            var inner = FailureText.Unwrap(e);
            if (inner is ParameterException)
            {
                error.WriteLine($"error: {command.QualifiedId}: {inner.Message}");
                return ExitCodes.Usage;
            }

            error.WriteLine(inner is CommandException or InputFileException
                ? $"error: {command.QualifiedId}: {inner.Message}"
                : $"error: {command.QualifiedId} failed: {FailureText.Of(inner)}");
            if (Environment.GetEnvironmentVariable("DISLOCATE_DEBUG") == "1")
            {
                error.WriteLine(e);
            }

            return ExitCodes.Failure;
        }
    }
}
