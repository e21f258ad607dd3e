using System.Diagnostics;
using System.Globalization;

namespace Dislocate.Segment.Inference;

/// <summary>Wall time spent in each phase of segmenting frames, summed over the frames of one command.</summary>
internal sealed class InferencePhases
{
    private readonly Dictionary<string, TimeSpan> totals = new(StringComparer.Ordinal);
    private readonly List<string> order = [];

    /// <summary>The phases in the order they were first timed, with their total time.</summary>
    public IEnumerable<(string Phase, TimeSpan Time)> Totals => this.order.Select(p => (p, this.totals[p]));

    /// <summary>Starts timing <paramref name="phase"/>; disposing the result adds the elapsed time.</summary>
    public Timing Time(string phase) => new(this, phase, Stopwatch.GetTimestamp());

    /// <summary>Adds <paramref name="time"/> to <paramref name="phase"/>.</summary>
    public void Add(string phase, TimeSpan time)
    {
        if (!this.totals.TryGetValue(phase, out var total))
        {
            this.order.Add(phase);
        }

        this.totals[phase] = total + time;
    }

    /// <summary>One line: each phase's seconds per frame, e.g. <c>decode 0.010, forward 0.250 s/frame</c>.</summary>
    public string Describe(int frames) =>
        string.Join(", ", this.Totals.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Phase} {t.Time.TotalSeconds / Math.Max(1, frames):F3}"))) + " s/frame";

    /// <summary>Seconds per phase (totals), for JSON records.</summary>
    public IReadOnlyDictionary<string, double> Seconds() => this.Totals.ToDictionary(t => t.Phase, t => Math.Round(t.Time.TotalSeconds, 3), StringComparer.Ordinal);

    /// <summary>A running timing of one phase.</summary>
    internal readonly struct Timing(InferencePhases owner, string phase, long start) : IDisposable
    {
        /// <inheritdoc/>
        public void Dispose() => owner.Add(phase, Stopwatch.GetElapsedTime(start));
    }
}
