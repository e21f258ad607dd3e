using System.Globalization;
using System.Text.Json;
using Dislocate.Core.IO;
using Dislocate.Segment.Model;
using Dislocate.Segment.PostProcessing;

namespace Dislocate.Segment.Inference;

/// <summary>
/// Writes what <c>segment run</c> finds, frame by frame, into one output folder:
/// <c>labels/&lt;frame&gt;.tif</c> (16-bit instance label image), <c>masks/&lt;frame&gt;.tif</c> (one 8-bit page per
/// dislocation, 0/255), <c>labelme/&lt;frame&gt;.json</c> (the lines as labelme linestrips, to correct and fine-tune on),
/// and for the whole input <c>dislocations.csv</c> (one row per dislocation), <c>lines.csv</c> (the ordered points) and
/// <c>segmentation.json</c> (everything, with the model and options).
/// </summary>
/// <remarks>
/// Per-frame files are written atomically as each frame is done; the tables grow in <c>.partial</c> files and appear
/// only when the whole input is done (<see cref="Complete"/>), so memory stays bounded by one frame plus the JSON's
/// line points. With a shard i/N the tables get the suffix <c>.shard-i-of-N</c>.
/// </remarks>
internal sealed class SegmentationOutputs : IDisposable
{
    /// <summary>Header of dislocations.csv (coordinates in pixels, pixel (x, y) covering [x, x+1) × [y, y+1)).</summary>
    public const string DislocationsHeader = "frame,name,dislocation,channel,component,pixels,mean_probability,length_px,x_start_px,y_start_px,x_end_px,y_end_px";

    /// <summary>Header of lines.csv.</summary>
    public const string LinesHeader = "frame,dislocation,point,x_px,y_px";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly string folder;
    private readonly string suffix;
    private readonly AtomicTextWriter dislocations;
    private readonly AtomicTextWriter lines;
    private readonly List<object> frames = [];

    /// <summary>Creates the folder and opens the tables.</summary>
    public SegmentationOutputs(string folder, string suffix)
    {
        this.folder = folder;
        this.suffix = suffix;
        foreach (var sub in new[] { "labels", "masks", "labelme" })
        {
            Directory.CreateDirectory(Path.Combine(folder, sub));
        }

        this.dislocations = new AtomicTextWriter(Path.Combine(folder, $"dislocations{suffix}.csv"));
        this.lines = new AtomicTextWriter(Path.Combine(folder, $"lines{suffix}.csv"));
        this.dislocations.WriteLine(DislocationsHeader);
        this.lines.WriteLine(LinesHeader);
    }

    /// <summary>Dislocations written so far.</summary>
    public int DislocationCount { get; private set; }

    /// <summary>Frames written so far.</summary>
    public int FrameCount => this.frames.Count;

    /// <summary>Writes one frame's files and rows.</summary>
    public void Add(InputFrame frame, PostProcessedImage result)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(result);
        var w = result.Width;
        var h = result.Height;
        TiffStackWriter.Write(Path.Combine(this.folder, "labels", frame.Name + ".tif"), [result.Labels], w, h, TiffCompression.PackBits, durable: false);
        if (result.Instances.Count > 0)
        {
            var pages = new InstanceMaskPages(result.Instances, w, h);
            TiffStackWriter.Write(Path.Combine(this.folder, "masks", frame.Name + ".tif"), pages, w, h, TiffCompression.PackBits, TiffStackWriter.ImageJDescription(pages.Count), durable: false);
        }

        var c = CultureInfo.InvariantCulture;
        var shapes = new List<LabelmeShape>();
        var items = new List<object>();
        foreach (var d in result.Instances)
        {
            var start = d.Points.Length > 0 ? d.Points[0] : default;
            var end = d.Points.Length > 0 ? d.Points[^1] : default;
            this.dislocations.WriteLine(string.Create(c, $"{frame.Index + 1},{Csv(frame.Name)},{d.Label},{d.Channel + 1},{d.Component},{d.PixelCount},{d.MeanProbability:0.####},{d.Length:0.###},{start.X:0.###},{start.Y:0.###},{end.X:0.###},{end.Y:0.###}"));
            for (var k = 0; k < d.Points.Length; k++)
            {
                this.lines.WriteLine(string.Create(c, $"{frame.Index + 1},{d.Label},{k + 1},{d.Points[k].X:0.###},{d.Points[k].Y:0.###}"));
            }

            if (d.Points.Length >= 2)
            {
                shapes.Add(new LabelmeShape("dislocation", LabelmeShapeTypes.LineStrip, d.Points.Select(p => (Math.Round(p.X, 3), Math.Round(p.Y, 3))).ToList(), d.Label));
            }

            items.Add(new
            {
                label = d.Label,
                channel = d.Channel + 1,
                component = d.Component,
                pixels = d.PixelCount,
                mean_probability = Math.Round(d.MeanProbability, 4),
                length_px = Math.Round(d.Length, 3),
                points = d.Points.Select(p => new[] { Math.Round(p.X, 3), Math.Round(p.Y, 3) }).ToArray(),
            });
        }

        var labelmePath = Path.Combine(this.folder, "labelme", frame.Name + ".json");
        var relativeImage = frame.File is null ? frame.Name : Path.GetRelativePath(Path.GetDirectoryName(labelmePath)!, Path.GetFullPath(frame.File));
        LabelmeJson.Write(labelmePath, new LabelmeDocument(shapes, relativeImage, w, h), durable: false);
        this.DislocationCount += result.Instances.Count;
        this.frames.Add(new { frame = frame.Index + 1, name = frame.Name, dislocations = items });
    }

    /// <summary>Moves the tables into place and writes <c>segmentation.json</c>.</summary>
    public void Complete(string input, string modelPath, ModelMetadata model, object options)
    {
        this.dislocations.Commit();
        this.lines.Commit();
        var document = new
        {
            generator = "dislocate segment run",
            plugin_version = SegmentPlugin.Version,
            input = Path.GetFullPath(input),
            model = new { file = Path.GetFullPath(modelPath), architecture = ModelFile.Describe(model.Spec), training = model.Training },
            options,
            coordinates = "pixels; pixel (x, y) covers [x, x+1) × [y, y+1)",
            frames = this.frames,
        };
        AtomicFile.WriteAllBytes(Path.Combine(this.folder, $"segmentation{this.suffix}.json"), JsonSerializer.SerializeToUtf8Bytes(document, Indented));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        this.dislocations.Dispose();
        this.lines.Dispose();
    }

    private static string Csv(string text) => text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal) ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
}
