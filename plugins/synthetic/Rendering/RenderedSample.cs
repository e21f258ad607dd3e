using Dislocate.Core.Geometry;
using Dislocate.Core.Imaging;
using Dislocate.Synthetic.Recipes;

namespace Dislocate.Synthetic.Rendering;

/// <summary>One rendered sample: the image, one binary mask per dislocation (0/255), their union, and the centre lines.</summary>
/// <param name="Recipe">The recipe that was rendered.</param>
/// <param name="Image">Gray image with values in [0, 1].</param>
/// <param name="Masks">Instance masks, width × height bytes each, in instance-id order (page k is id k + 1).</param>
/// <param name="Union">The union of all masks (0/255).</param>
/// <param name="CentreLines">Each dislocation's centre line as a dense polyline (0.5 px steps), in image coordinates.</param>
public sealed record RenderedSample(
    ImageRecipe Recipe,
    GrayImage Image,
    IReadOnlyList<byte[]> Masks,
    byte[] Union,
    IReadOnlyList<PointD[]> CentreLines)
{
    /// <summary>The parts of dislocation <paramref name="k"/>'s centre line inside the image (several when it leaves and re-enters).</summary>
    public PointD[][] VisibleParts(int k) =>
        Polyline.ClipToRect(this.CentreLines[k], 0, 0, this.Image.Width, this.Image.Height).Where(p => p.Length >= 2).ToArray();

    /// <summary>A dense line part thinned to vertices about <paramref name="spacing"/> pixels apart (ends kept), for ROIs and annotations.</summary>
    public static PointD[] Thin(PointD[] part, double spacing) =>
        Polyline.ResampleEquidistant(part, Math.Max(2, (int)Math.Ceiling(Polyline.Length(part) / spacing) + 1));
}
