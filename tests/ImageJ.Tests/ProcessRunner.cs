using System.Diagnostics;

namespace Dislocate.ImageJ.Tests;

/// <summary>Runs the built dislocate CLI as a separate process with a time limit.</summary>
internal static class ProcessRunner
{
    public static (int Code, string Out, string Err) Run(IReadOnlyDictionary<string, string>? environment, TimeSpan limit, params string[] args)
    {
        var info = new ProcessStartInfo(Layout.Cli) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
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
            throw new TimeoutException($"dislocate {string.Join(' ', args)} did not finish in {limit}: {stderr.Result}");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
