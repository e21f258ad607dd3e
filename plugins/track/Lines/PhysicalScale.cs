namespace Dislocate.Track.Lines;

/// <summary>How pixels and frames map to physical units; a null member means "not given" and the physical columns stay empty.</summary>
/// <param name="PixelSizeNm">Side of one pixel in nanometres (&gt; 0), or null.</param>
/// <param name="FrameIntervalSeconds">Time between consecutive frames in seconds (&gt; 0), or null (velocities then in px/frame).</param>
public sealed record PhysicalScale(double? PixelSizeNm = null, double? FrameIntervalSeconds = null)
{
    /// <summary>Pixels and frames only.</summary>
    public static PhysicalScale None { get; } = new();

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first member that is not positive and finite.</summary>
    public void Validate()
    {
        if (this.PixelSizeNm is { } nm && !(nm > 0 && double.IsFinite(nm)))
        {
            throw new ArgumentException(FormattableString.Invariant($"PhysicalScale.PixelSizeNm must be positive and finite. Got {nm}."));
        }

        if (this.FrameIntervalSeconds is { } s && !(s > 0 && double.IsFinite(s)))
        {
            throw new ArgumentException(FormattableString.Invariant($"PhysicalScale.FrameIntervalSeconds must be positive and finite. Got {s}."));
        }
    }
}
