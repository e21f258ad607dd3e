namespace Dislocate.Track.Lines;

/// <summary>All lines of one frame, and what was dropped or simplified and why.</summary>
/// <param name="Frame">0-based frame index.</param>
/// <param name="Lines">The lines, in increasing label order (label images) or in the order the masks were given.</param>
/// <param name="Issues">Every issue met in the frame, mask by mask in the same order.</param>
public sealed record FrameLines(int Frame, IReadOnlyList<DislocationLine> Lines, IReadOnlyList<MaskIssue> Issues)
{
    /// <summary>Masks that gave no line (empty, speck or too short).</summary>
    public int Dropped
    {
        get
        {
            var count = 0;
            foreach (var issue in this.Issues)
            {
                count += issue.Dropped ? 1 : 0;
            }

            return count;
        }
    }

    /// <summary>Collects per-mask results (e.g. one per page of an instance-mask stack) into one frame, keeping their order.</summary>
    public static FrameLines FromMasks(int frame, IEnumerable<MaskLineResult> masks)
    {
        ArgumentNullException.ThrowIfNull(masks);
        var lines = new List<DislocationLine>();
        var issues = new List<MaskIssue>();
        foreach (var mask in masks)
        {
            if (mask.Frame != frame)
            {
                throw new ArgumentException(FormattableString.Invariant($"A result of frame {mask.Frame} (label {mask.Label}) cannot go into frame {frame}."), nameof(masks));
            }

            if (mask.Line is not null)
            {
                lines.Add(mask.Line);
            }

            issues.AddRange(mask.Issues);
        }

        return new FrameLines(frame, lines, issues);
    }

    /// <summary>How many issues of <paramref name="kind"/> the frame had (one per mask at most).</summary>
    public int Count(MaskIssueKind kind)
    {
        var count = 0;
        foreach (var issue in this.Issues)
        {
            count += issue.Kind == kind ? 1 : 0;
        }

        return count;
    }
}
