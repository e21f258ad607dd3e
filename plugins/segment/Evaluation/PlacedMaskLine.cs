using Dislocate.Core.Geometry;
using Dislocate.Core.Skeletons;

namespace Dislocate.Segment.Evaluation;

/// <summary>A <see cref="MaskLine"/> found in a crop of an image, with the crop's offset that places it back in the image.</summary>
/// <param name="Line">The line in crop coordinates.</param>
/// <param name="OffsetX">Column of the crop's left edge in the image.</param>
/// <param name="OffsetY">Row of the crop's top edge in the image.</param>
internal readonly record struct PlacedMaskLine(MaskLine Line, int OffsetX, int OffsetY)
{
    /// <summary>The line's length in pixels (translation does not change it).</summary>
    public double Length => this.Line.Length;

    /// <summary><paramref name="count"/> equally spaced points along the line, in image coordinates.</summary>
    public PointD[] Resample(int count)
    {
        var points = this.Line.Resample(count);
        var offset = new PointD(this.OffsetX, this.OffsetY);
        for (var i = 0; i < points.Length; i++)
        {
            points[i] += offset;
        }

        return points;
    }
}
