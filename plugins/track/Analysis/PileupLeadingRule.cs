namespace Dislocate.Track.Analysis;

/// <summary>Which rule picked a pileup's leading end (see <see cref="PileupGrouping"/>).</summary>
public enum PileupLeadingRule
{
    /// <summary>The pileup moves: the leading end is the one it moves toward.</summary>
    Motion,

    /// <summary>The pileup does not move: the leading end is the one with the smaller spacing (pileups compress toward the obstacle).</summary>
    Spacing,

    /// <summary>Neither rule decides (no motion, equal end spacings or a single gap): the end farther along the canonical stacking axis (+x, or +y when vertical) leads.</summary>
    Undecided,
}
