namespace Dislocate.Core.Skeletons;

/// <summary>How <see cref="SkeletonChains"/> splits a skeleton at its junctions and joins branches through them.</summary>
/// <param name="SpurLength">A branch with one free end and its other end at a junction, shorter than this many pixels, is a thinning spur and dropped.</param>
/// <param name="BridgeLength">Two junctions joined by a branch shorter than this many pixels are one crossing (two lines crossing at a shallow angle thin to two junctions and a short bridge).</param>
/// <param name="MaxBend">Largest bend in degrees between two branches joined through a junction (0..90): the straightest pairs are joined first.</param>
/// <param name="DirectionReach">How far along a branch, in pixels, its direction at a junction is measured.</param>
public sealed record SkeletonChainOptions(double SpurLength = 10, double BridgeLength = 6, double MaxBend = 45, double DirectionReach = 10)
{
    /// <summary>The defaults.</summary>
    public static SkeletonChainOptions Default { get; } = new();

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first option that is out of range.</summary>
    public void Validate()
    {
        if (!(this.SpurLength >= 0 && this.SpurLength <= 1000))
        {
            throw new ArgumentOutOfRangeException(nameof(this.SpurLength), this.SpurLength, "The spur length must be within 0..1000 px.");
        }

        if (!(this.BridgeLength >= 0 && this.BridgeLength <= 1000))
        {
            throw new ArgumentOutOfRangeException(nameof(this.BridgeLength), this.BridgeLength, "The bridge length must be within 0..1000 px.");
        }

        if (!(this.MaxBend >= 0 && this.MaxBend <= 90))
        {
            throw new ArgumentOutOfRangeException(nameof(this.MaxBend), this.MaxBend, "The largest bend must be within 0..90°.");
        }

        if (!(this.DirectionReach >= 1 && this.DirectionReach <= 1000))
        {
            throw new ArgumentOutOfRangeException(nameof(this.DirectionReach), this.DirectionReach, "The direction reach must be within 1..1000 px.");
        }
    }
}
