namespace Dislocate.Segment.Model;

/// <summary>What the network's output channels mean.</summary>
public enum OutputKind
{
    /// <summary>The paper's formulation: N masks, each meant to hold one dislocation, trained with the matching Dice loss (Algorithm 1).</summary>
    Instances,

    /// <summary>One centre-line probability map of every dislocation; instances are its connected pieces (touching lines stay one piece).</summary>
    LineMap,
}
