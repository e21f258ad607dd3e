using System.Globalization;

namespace Dislocate.Track.Lines;

/// <summary>One thing that went wrong with one instance mask, with a message fit for a command's report.</summary>
/// <param name="Frame">0-based frame index.</param>
/// <param name="Label">The instance id (label value or 1-based page).</param>
/// <param name="Kind">What went wrong.</param>
/// <param name="Amount">
/// Its size: foreground pixels for <see cref="MaskIssueKind.Speck"/>, the spline length in px for
/// <see cref="MaskIssueKind.TooShort"/>, skeleton pixels off the kept path for <see cref="MaskIssueKind.Branched"/>,
/// the number of components for <see cref="MaskIssueKind.SeveralComponents"/>, 0 otherwise.
/// </param>
public sealed record MaskIssue(int Frame, int Label, MaskIssueKind Kind, double Amount)
{
    /// <summary>True when the mask gave no line (empty, speck or too short).</summary>
    public bool Dropped => this.Kind is MaskIssueKind.EmptyMask or MaskIssueKind.Speck or MaskIssueKind.TooShort;

    /// <summary>A one-line message, e.g. "frame 3, label 7: skeleton branched; kept its longest path (12 side-branch pixels dropped)".</summary>
    public override string ToString()
    {
        var what = this.Kind switch
        {
            MaskIssueKind.EmptyMask => "empty mask (no pixel at or above the threshold); no line",
            MaskIssueKind.Speck => string.Create(CultureInfo.InvariantCulture, $"only specks ({this.Amount:0} foreground pixels, every component below the minimum pixel count); no line"),
            MaskIssueKind.TooShort => string.Create(CultureInfo.InvariantCulture, $"line too short ({this.Amount:0.##} px, below the minimum length); no line"),
            MaskIssueKind.Branched => string.Create(CultureInfo.InvariantCulture, $"skeleton branched; kept its longest path ({this.Amount:0} side-branch pixels dropped)"),
            MaskIssueKind.SeveralComponents => string.Create(CultureInfo.InvariantCulture, $"{this.Amount:0} separate components; kept the largest"),
            MaskIssueKind.ClosedLoop => "skeleton is a closed loop; cut open at its first pixel",
            _ => this.Kind.ToString(),
        };
        return string.Create(CultureInfo.InvariantCulture, $"frame {this.Frame}, label {this.Label}: {what}");
    }
}
