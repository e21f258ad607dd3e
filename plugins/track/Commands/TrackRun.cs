using System.Globalization;
using Dislocate.Contracts;
using Dislocate.Track.Inputs;
using Dislocate.Track.Lines;
using Dislocate.Track.Pipeline;

namespace Dislocate.Track.Commands;

/// <summary>The frame loop shared by the track commands: progress, cancellation, and one plain report of what was dropped and why.</summary>
internal sealed class TrackRun
{
    private readonly SortedDictionary<MaskIssueKind, int> issues = [];
    private int emptyFrames;

    /// <summary>Runs every frame through <paramref name="pipeline"/>, handing each result to <paramref name="sink"/>; returns the completed result when linking.</summary>
    /// <remarks>
    /// Frames are read in batches of 4 per worker thread and extracted in parallel (<see cref="TrackingPipeline.AddRange"/>),
    /// so memory holds at most one batch of masks; results do not depend on the thread count.
    /// </remarks>
    public TrackingResult? Execute(IEnumerable<MaskFrame> frames, int count, TrackingPipeline pipeline, bool link, Action<TrackedFrame> sink, CommandContext context, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(context);
        threads = threads > 0 ? threads : Environment.ProcessorCount;
        var done = 0;
        foreach (var batch in frames.Chunk(4 * threads))
        {
            context.Cancellation.ThrowIfCancellationRequested();
            foreach (var tracked in pipeline.AddRange(batch, threads))
            {
                foreach (var issue in tracked.Extraction.Issues)
                {
                    this.issues[issue.Kind] = this.issues.GetValueOrDefault(issue.Kind) + 1;
                }

                this.emptyFrames += tracked.Lines.Count == 0 ? 1 : 0;
                sink(tracked);
                done++;
                context.Progress.Report(new ProgressUpdate(done, count, string.Create(CultureInfo.InvariantCulture, $"frame {tracked.Index + 1}: {tracked.Lines.Count} lines")));
            }
        }

        this.Report(done, context.Log);
        return link ? pipeline.Complete() : null;
    }

    private void Report(int frames, ICommandLog log)
    {
        if (frames == 0)
        {
            throw new CommandException("The input holds no frame.");
        }

        if (this.emptyFrames > 0)
        {
            log.Warn(string.Create(CultureInfo.InvariantCulture, $"{this.emptyFrames} of {frames} frames had no line."));
        }

        foreach (var (kind, n) in this.issues)
        {
            var what = kind switch
            {
                MaskIssueKind.EmptyMask => "masks were empty (no pixel at or above the threshold)",
                MaskIssueKind.Speck => "masks held only specks and gave no line",
                MaskIssueKind.TooShort => "lines were shorter than the minimum length and were dropped",
                MaskIssueKind.Branched => "skeletons branched; their longest path was kept",
                MaskIssueKind.SeveralComponents => "masks had several pieces; the largest was kept",
                _ => "skeletons were closed loops and were cut open",
            };
            var message = string.Create(CultureInfo.InvariantCulture, $"{n} {what}.");
            if (kind is MaskIssueKind.EmptyMask or MaskIssueKind.Branched or MaskIssueKind.ClosedLoop or MaskIssueKind.SeveralComponents)
            {
                log.Info(message);
            }
            else
            {
                log.Warn(message);
            }
        }
    }
}
