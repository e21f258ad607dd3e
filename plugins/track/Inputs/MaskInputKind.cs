namespace Dislocate.Track.Inputs;

/// <summary>How the pixels of a mask input encode dislocations.</summary>
public enum MaskInputKind
{
    /// <summary>Decide from the file (see <see cref="MaskKindRules"/>).</summary>
    Auto,

    /// <summary>One label image per frame: 0 background, value v &gt; 0 is dislocation v (what <c>segment run</c> writes in labels/).</summary>
    Labels,

    /// <summary>One mask (0/255 bytes or probabilities) per dislocation: pages of a per-frame file, or channels of a hyperstack.</summary>
    Masks,

    /// <summary>One binary mask per frame holding all dislocations; each 8-connected component is one dislocation.</summary>
    Binary,
}
