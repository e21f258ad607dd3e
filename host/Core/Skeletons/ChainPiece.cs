using Dislocate.Core.Geometry;

namespace Dislocate.Core.Skeletons;

/// <summary>One line of a mask split at its crossings (<see cref="CrossingSplit"/>): its pixels and its ordered centre path.</summary>
/// <param name="Pixels">Flat image indices, sorted; pixels where the path passes a crossing can also belong to the other line.</param>
/// <param name="Path">Pixel centres along the line, in order (x = column + 0.5, y = row + 0.5).</param>
public sealed record ChainPiece(int[] Pixels, PointD[] Path);
