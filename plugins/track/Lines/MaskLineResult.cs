namespace Dislocate.Track.Lines;

/// <summary>The outcome for one instance mask: its line, or null with the reason among <see cref="Issues"/>.</summary>
/// <param name="Frame">0-based frame index.</param>
/// <param name="Label">The instance id (label value or 1-based page).</param>
/// <param name="Line">The line, or null when the mask was dropped.</param>
/// <param name="Issues">What went wrong, in <see cref="MaskIssueKind"/> order; empty for a clean mask.</param>
public sealed record MaskLineResult(int Frame, int Label, DislocationLine? Line, IReadOnlyList<MaskIssue> Issues)
{
    /// <summary>Why no line came out (the dropping issue), or null when there is a line.</summary>
    public MaskIssue? DropReason
    {
        get
        {
            foreach (var issue in this.Issues)
            {
                if (issue.Dropped)
                {
                    return issue;
                }
            }

            return null;
        }
    }
}
