namespace Dislocate.Track.Lines;

/// <summary>What went wrong with one instance mask: the first three drop the mask, the others keep a simplified line.</summary>
public enum MaskIssueKind
{
    /// <summary>No pixel reaches the threshold; no line.</summary>
    EmptyMask,

    /// <summary>Foreground present, but every component is smaller than the minimum pixel count; no line.</summary>
    Speck,

    /// <summary>A line was found but its spline is shorter than the minimum length; no line.</summary>
    TooShort,

    /// <summary>The skeleton branched; its longest path was kept and the side-branch pixels dropped.</summary>
    Branched,

    /// <summary>The mask had several components above the speck size; the largest was kept.</summary>
    SeveralComponents,

    /// <summary>The skeleton was a closed loop; it was cut open at its first pixel in raster order.</summary>
    ClosedLoop,
}
