using System.Diagnostics;

namespace Dislocate.ImageJ.Tests;

/// <summary>Runs a program (the built dislocate CLI unless another is named) as a separate process with a time limit.</summary>
internal static class ProcessRunner
{
    public static (int Code, string Out, string Err) Run(IReadOnlyDictionary<string, string>? environment, TimeSpan limit, params string[] args) =>
        RunProgram(Layout.Cli, args, environment, limit);

    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="args"/>; <paramref name="environment"/> entries are set and
    /// <paramref name="unset"/> variables removed. A run past <paramref name="limit"/> is killed with its whole tree and
    /// ends in a <see cref="TimeoutException"/> carrying what it printed.
    /// </summary>
    public static (int Code, string Out, string Err) RunProgram(
        string program, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment, TimeSpan limit, string? workingDirectory = null, IEnumerable<string>? unset = null)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        foreach (var name in unset ?? [])
        {
            info.Environment.Remove(name);
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(program)} {string.Join(' ', info.ArgumentList)} did not finish in {limit}: {stdout.Result}\n{stderr.Result}");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
