using Dislocate.Contracts;

namespace Dislocate.Core.IO;

/// <summary>
/// One polyline ROI for an ImageJ ROI set: vertices in pixel units (pixel (c, r) covers [c, c+1) × [r, r+1), the
/// convention of this project and of ImageJ's sub-pixel polylines, so no shift), and where it sits in a stack.
/// </summary>
/// <remarks>
/// A ROI sits either on a plain stack slice (<see cref="Position"/>, as <c>Roi.setPosition(n)</c>) or on a hyperstack
/// position (<see cref="Channel"/>, <see cref="Slice"/>, <see cref="Frame"/>, as <c>Roi.setPosition(c, z, t)</c>),
/// never both; all zero means every plane. All positions are 1-based.
/// </remarks>
/// <param name="Name">The ROI name (ImageJ's <c>Roi.getName</c>); empty for none.</param>
/// <param name="X">Vertex x coordinates, at least two.</param>
/// <param name="Y">Vertex y coordinates, as many as <paramref name="X"/>.</param>
/// <param name="Position">1-based slice of a plain stack, 0 for none.</param>
/// <param name="Channel">1-based hyperstack channel, 0 for none.</param>
/// <param name="Slice">1-based hyperstack z slice, 0 for none.</param>
/// <param name="Frame">1-based hyperstack time frame, 0 for none.</param>
public sealed record ImageJRoiPolyline(string Name, float[] X, float[] Y, int Position = 0, int Channel = 0, int Slice = 0, int Frame = 0)
{
    /// <summary>
    /// The ImageJ ROI of a plugin <see cref="PolylineRoi"/>, placed as the ImageJ bridge places it on a single-channel
    /// stack: a frame alone becomes the plain stack position; with a channel, the hyperstack position (channel, 0, frame).
    /// </summary>
    public static ImageJRoiPolyline From(PolylineRoi roi)
    {
        ArgumentNullException.ThrowIfNull(roi);
        return roi.Channel > 0
            ? new ImageJRoiPolyline(roi.Name, roi.X, roi.Y, Channel: roi.Channel, Frame: roi.Frame)
            : new ImageJRoiPolyline(roi.Name, roi.X, roi.Y, Position: roi.Frame);
    }
}
