using Dislocate.Core.Geometry;

namespace Dislocate.Core.Skeletons;

/// <summary>An ordered path along a skeleton.</summary>
/// <remarks>
/// Points: pixel centres in order from one end to the other (x = column + 0.5, y = row + 0.5: pixel (c, r) covers
/// [c, c+1) × [r, r+1), the project's image convention). DroppedPixels: skeleton pixels of the component not on the path
/// (side branches). Closed: the component was a loop (cut open).
/// </remarks>
/// <param name="Points">Pixel centres along the path, consecutive ones 8-neighbours (steps of 1 or √2).</param>
/// <param name="DroppedPixels">Pixels of the chosen component that are not on the path.</param>
/// <param name="Closed">True when the component had no end pixel (a loop) and was cut open at its first pixel in raster order.</param>
public sealed record SkeletonPath(PointD[] Points, int DroppedPixels, bool Closed)
{
    /// <summary>The path of an empty skeleton: no points.</summary>
    public static SkeletonPath Empty { get; } = new([], 0, false);
}
