using Dislocate.Cli.Execution;
using Dislocate.Contracts;

namespace Dislocate.Host.Tests.Cli;

public class ConsoleProgressTests
{
    [Fact]
    public void Redirected_WritesTheFirstUpdate_ThrottlesTheRest_AndAlwaysTheLast()
    {
        using var error = new StringWriter();
        using (var progress = new ConsoleProgress(error, interactive: false, quiet: false))
        {
            for (var i = 1; i <= 1000; i++)
            {
                progress.Report(new ProgressUpdate(i, 1000));
            }
        }

        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(lines.Length, 2, 3);
        Assert.StartsWith("progress 0.1% 1/1000", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("progress 100.0% 1000/1000", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Terminal_DrawsABar_AndQuietDrawsNothing()
    {
        using var error = new StringWriter();
        using (var progress = new ConsoleProgress(error, interactive: true, quiet: false))
        {
            progress.Report(new ProgressUpdate(5, 10, "generating"));
        }

        Assert.Contains("[###############---------------]  50.0% 5/10", error.ToString(), StringComparison.Ordinal);
        using var silent = new StringWriter();
        using (var quiet = new ConsoleProgress(silent, interactive: true, quiet: true))
        {
            quiet.Report(new ProgressUpdate(5, 10));
        }

        Assert.Empty(silent.ToString());
    }
}
