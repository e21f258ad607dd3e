using Dislocate.Core.IO;
using Dislocate.Synthetic.Rendering;

namespace Dislocate.Synthetic.Dataset;

/// <summary>
/// Exports a sample's dislocations as labelme <c>linestrip</c> shapes (label <c>dislocation</c>, group_id = instance
/// id), so generated data opens in labelme and can be mixed with hand annotations.
/// </summary>
/// <remarks>
/// Each centre line is clipped to the image (a line leaving and re-entering gives several shapes with the same
/// group_id) and thinned to a vertex every <see cref="VertexSpacing"/> pixels; coordinates are rounded to 1/1000 px.
/// </remarks>
public static class LabelmeExport
{
    /// <summary>Approximate distance between exported vertices, pixels.</summary>
    public const double VertexSpacing = 3.0;

    /// <summary>The labelme label of exported lines.</summary>
    public const string Label = "dislocation";

    /// <summary>Builds the labelme document of a rendered sample.</summary>
    public static LabelmeDocument Create(RenderedSample sample, string imagePath)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var shapes = new List<LabelmeShape>();
        var ids = sample.Recipe.Dislocations.Select(d => d.Id).ToArray();
        for (var k = 0; k < sample.CentreLines.Count; k++)
        {
            foreach (var part in sample.VisibleParts(k))
            {
                var points = RenderedSample.Thin(part, VertexSpacing)
                    .Select(p => (Math.Round(p.X, 3), Math.Round(p.Y, 3)))
                    .ToList();
                shapes.Add(new LabelmeShape(Label, LabelmeShapeTypes.LineStrip, points, ids[k]));
            }
        }

        return new LabelmeDocument(shapes, imagePath, sample.Image.Width, sample.Image.Height);
    }

    /// <summary>Writes the labelme JSON of a sample (atomically; not fsync'ed, see <see cref="SampleWriter"/>).</summary>
    public static void Write(string path, RenderedSample sample, string imagePath) =>
        LabelmeJson.Write(path, Create(sample, imagePath), durable: false);
}
