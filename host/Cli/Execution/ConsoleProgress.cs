using System.Diagnostics;
using System.Globalization;
using Dislocate.Contracts;

namespace Dislocate.Cli.Execution;

/// <summary>
/// Shows progress on standard error: a redrawn bar on a terminal, or a plain line every few seconds when
/// redirected (logs of cluster jobs), so output stays readable in both.
/// </summary>
internal sealed class ConsoleProgress : IProgress<ProgressUpdate>, IDisposable
{
    private const int BarWidth = 30;
    private static readonly TimeSpan TerminalInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(5);
    private readonly TextWriter error;
    private readonly bool interactive;
    private readonly bool quiet;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Lock gate = new();
    private TimeSpan? lastDraw;
    private bool drawn;

    public ConsoleProgress(TextWriter error, bool interactive, bool quiet)
    {
        this.error = error;
        this.interactive = interactive;
        this.quiet = quiet;
    }

    public void Report(ProgressUpdate value)
    {
        if (this.quiet)
        {
            return;
        }

        lock (this.gate)
        {
            var now = this.clock.Elapsed;
            var finished = value.Total > 0 && value.Done >= value.Total;
            if (!finished && this.lastDraw is { } last && now - last < (this.interactive ? TerminalInterval : LogInterval))
            {
                return;
            }

            this.lastDraw = now;
            this.Draw(value, now);
        }
    }

    public void Dispose()
    {
        lock (this.gate)
        {
            if (this.drawn && this.interactive)
            {
                this.error.WriteLine();
            }
        }
    }

    private void Draw(ProgressUpdate p, TimeSpan elapsed)
    {
        var percent = p.Fraction * 100;
        var rate = elapsed.TotalSeconds > 0 ? p.Done / elapsed.TotalSeconds : 0;
        var eta = rate > 0 && p.Total > 0 ? TimeSpan.FromSeconds((p.Total - p.Done) / rate) : (TimeSpan?)null;
        var counts = p.Total > 0 ? string.Create(CultureInfo.InvariantCulture, $"{p.Done}/{p.Total}") : p.Done.ToString(CultureInfo.InvariantCulture);
        var tail = string.Create(CultureInfo.InvariantCulture, $"{counts} {rate:0.#}/s{(eta is { } e ? $" eta {e:hh\\:mm\\:ss}" : string.Empty)} {p.Message}");
        if (this.interactive)
        {
            var filled = (int)Math.Round(p.Fraction * BarWidth);
            var bar = new string('#', filled) + new string('-', BarWidth - filled);
            this.error.Write(string.Create(CultureInfo.InvariantCulture, $"\r[{bar}] {percent,5:0.0}% {tail}").PadRight(Console.IsErrorRedirected ? 0 : 100));
        }
        else
        {
            this.error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"progress {percent:0.0}% {tail}"));
        }

        this.drawn = true;
    }
}
