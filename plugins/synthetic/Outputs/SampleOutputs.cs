using System.Globalization;
using Dislocate.Contracts;
using Dislocate.Core.Geometry;
using Dislocate.Synthetic.Dataset;
using Dislocate.Synthetic.Rendering;

namespace Dislocate.Synthetic.Outputs;

/// <summary>
/// Turns rendered samples into the typed outputs hosts show: the image stack, the instance masks as a hyperstack
/// (one channel per instance id), a table with one row per dislocation and plane, and the centre lines as polyline ROIs.
/// </summary>
public static class SampleOutputs
{
    /// <summary>Columns of the dislocation table (units in the names).</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["plane", "id", "length_px", "line_width_px", "contrast", "start_x_px", "start_y_px", "end_x_px", "end_y_px"];

    /// <summary>Builds the outputs; planes are slices (<paramref name="asFrames"/> false) or time frames.</summary>
    /// <param name="title">Base window title.</param>
    /// <param name="samples">One rendered sample per plane.</param>
    /// <param name="asFrames">Planes are time frames of a sequence rather than independent slices.</param>
    /// <param name="imageValues">Maps rendered [0, 1] values back to output values (identity for synthetic images).</param>
    /// <param name="bitDepth">Bit depth of the image output.</param>
    public static IReadOnlyList<CommandOutput> Create(string title, IReadOnlyList<RenderedSample> samples, bool asFrames, Func<float, float>? imageValues = null, int bitDepth = 32)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var w = samples[0].Image.Width;
        var h = samples[0].Image.Height;
        var planes = samples.Count;
        var images = samples.Select(s => imageValues is null ? (float[])s.Image.Pixels.Clone() : s.Image.Pixels.Select(imageValues).ToArray()).ToList();
        var instances = samples.Max(s => s.Recipe.Dislocations.Select(d => d.Id).DefaultIfEmpty(0).Max());
        instances = Math.Max(1, instances);
        var masks = new List<float[]>(instances * planes);
        var rows = new List<IReadOnlyList<object>>();
        var rois = new List<PolylineRoi>();
        for (var p = 0; p < planes; p++)
        {
            var s = samples[p];
            var dislocations = s.Recipe.Dislocations.ToList();
            var byId = dislocations.Select((d, k) => (d.Id, k)).ToDictionary(x => x.Id, x => x.k);
            for (var id = 1; id <= instances; id++)
            {
                var plane = new float[w * h];
                if (byId.TryGetValue(id, out var k))
                {
                    var mask = s.Masks[k];
                    for (var i = 0; i < plane.Length; i++)
                    {
                        plane[i] = mask[i];
                    }
                }

                masks.Add(plane);
            }

            for (var k = 0; k < dislocations.Count; k++)
            {
                var d = dislocations[k];
                var parts = s.VisibleParts(k);
                if (parts.Length == 0)
                {
                    continue; // Glided out of the image in this frame.
                }

                var length = parts.Sum(part => Polyline.Length(part));
                var first = parts[0][0];
                var last = parts[^1][^1];
                rows.Add([p + 1, d.Id, length, d.LineWidth, d.Contrast, first.X, first.Y, last.X, last.Y]);
                foreach (var part in parts)
                {
                    var points = RenderedSample.Thin(part, LabelmeExport.VertexSpacing);
                    rois.Add(new PolylineRoi(
                        string.Create(CultureInfo.InvariantCulture, $"dislocation {d.Id} plane {p + 1}"),
                        points.Select(q => (float)q.X).ToArray(),
                        points.Select(q => (float)q.Y).ToArray(),
                        Frame: p + 1,
                        Channel: 0));
                }
            }
        }

        // Visible line lengths: for a sequence one curve per dislocation over the frames (how lines glide in and out
        // of view); for independent images one curve per image over the instance ids.
        var (seriesKey, xKey, seriesName) = asFrames ? (1, 0, "dislocation") : (0, 1, "image");
        var series = rows.GroupBy(r => (int)r[seriesKey])
            .OrderBy(g => g.Key)
            .Select(g => new PlotSeries(
                string.Create(CultureInfo.InvariantCulture, $"{seriesName} {g.Key}"),
                g.Select(r => (double)(int)r[xKey]).ToArray(),
                g.Select(r => (double)r[2]).ToArray()))
            .ToList();
        var (slices, frames) = asFrames ? (1, planes) : (planes, 1);
        return
        [
            new ImageStackOutput(title, w, h, 1, slices, frames, images, bitDepth, rois),
            new ImageStackOutput(title + " masks", w, h, instances, slices, frames, masks, 8),
            new TableOutput("Results", Columns, rows),
            new PlotOutput(title + " lengths", asFrames ? "frame" : "dislocation id", "visible length (px)", series),
        ];
    }
}
