using Dislocate.Core.Geometry;

namespace Dislocate.Segment.PostProcessing;

/// <summary>One dislocation found in an image's predicted masks.</summary>
/// <param name="Label">Its value in the label image (1-based, in output order).</param>
/// <param name="Channel">The predicted mask (channel) it came from.</param>
/// <param name="Component">Which 8-connected piece of that mask, in raster order of the pieces' first pixels (0 when not split).</param>
/// <param name="Pixels">Its pixels as sorted flat indices (y · width + x).</param>
/// <param name="MeanProbability">Mean predicted probability over <paramref name="Pixels"/>.</param>
/// <param name="Length">Spline length of its line in pixels (0 when the mask yields no line, e.g. a compact blob).</param>
/// <param name="Points">Equally spaced points along the line, pixel (x, y) covering [x, x+1) × [y, y+1); empty when <paramref name="Length"/> is 0.</param>
public sealed record SegmentedInstance(int Label, int Channel, int Component, int[] Pixels, double MeanProbability, double Length, PointD[] Points)
{
    /// <summary>Number of pixels.</summary>
    public int PixelCount => this.Pixels.Length;
}
