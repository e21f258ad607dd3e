using System.Globalization;
using System.Text.Json;
using Dislocate.Core.IO;
using Dislocate.Core.Plotting;
using Dislocate.Track.Lines;
using Dislocate.Track.Pipeline;

namespace Dislocate.Track.Outputs;

/// <summary>
/// Writes a tracking run into one folder: <c>lines.csv</c> and <c>points.csv</c> (grown frame by frame),
/// <c>labelme/&lt;frame&gt;.json</c> (written as each frame is done), and at the end <c>tracks.csv</c>,
/// <c>track_summary.csv</c>, <c>steps.csv</c>, <c>step_histogram.csv</c>, <c>pairs.csv</c>, <c>track.json</c>, <c>RoiSet.zip</c> and the plots
/// (<c>distance_vs_frame.png</c>, <c>velocity_vs_frame.png</c>, <c>overlay.png</c>).
/// </summary>
/// <remarks>
/// Tables and the ROI set grow in <c>.partial</c> files and appear only when the run completes, so an interrupted run
/// never leaves a file that looks complete; per-frame labelme files are each written atomically. Rows and ROIs go to
/// their files as each frame is done, so nothing here grows with the length of the stack.
/// </remarks>
internal sealed class TrackFiles : IDisposable
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly string folder;
    private readonly TrackFileOptions options;
    private readonly PhysicalScale scale;
    private readonly AtomicTextWriter lines;
    private readonly AtomicTextWriter points;
    private readonly ImageJRoiSetWriter? rois;
    private readonly Dictionary<string, int> issues = new(StringComparer.Ordinal);
    private readonly List<string> issueExamples = [];
    private TrackedFrame? last;

    /// <summary>Creates the folder and opens the growing tables.</summary>
    public TrackFiles(string folder, TrackFileOptions options, PhysicalScale scale)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.folder = folder;
        this.options = options;
        this.scale = scale;
        Directory.CreateDirectory(folder);
        if (options.Labelme)
        {
            Directory.CreateDirectory(Path.Combine(folder, "labelme"));
        }

        this.rois = options.Rois ? new ImageJRoiSetWriter(Path.Combine(folder, "RoiSet.zip")) : null;
        this.lines = new AtomicTextWriter(Path.Combine(folder, "lines.csv"));
        this.points = new AtomicTextWriter(Path.Combine(folder, "points.csv"));
        this.lines.WriteLine(TrackTables.LinesHeader);
        this.points.WriteLine(TrackTables.PointsHeader);
    }

    /// <summary>Number of frames written.</summary>
    public int Frames { get; private set; }

    /// <summary>Number of lines written.</summary>
    public int Lines { get; private set; }

    /// <summary>Writes one frame's rows and labelme file and keeps its ROIs.</summary>
    public void Add(TrackedFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        foreach (var line in frame.Lines)
        {
            this.lines.WriteLine(TrackTables.LineRow(frame.Index, line, this.scale));
            TrackTables.PointRows(frame.Index, line, this.scale, this.points.WriteLine);
            if (this.rois is not null)
            {
                var p = line.Measures.Points;
                var name = line.TrackId > 0
                    ? string.Create(CultureInfo.InvariantCulture, $"f{frame.Index + 1:D4}-t{line.TrackId:D4}")
                    : string.Create(CultureInfo.InvariantCulture, $"f{frame.Index + 1:D4}-l{line.Line.Label:D4}");
                this.rois.Add(new ImageJRoiPolyline(name, p.Select(q => (float)q.X).ToArray(), p.Select(q => (float)q.Y).ToArray(), Position: frame.Index + 1));
            }
        }

        foreach (var issue in frame.Extraction.Issues)
        {
            var key = issue.Kind.ToString();
            this.issues[key] = this.issues.GetValueOrDefault(key) + 1;
            if (this.issueExamples.Count < 20)
            {
                this.issueExamples.Add(issue.ToString());
            }
        }

        if (this.options.Labelme)
        {
            var shapes = frame.Lines.Select(l => new LabelmeShape(
                "dislocation",
                LabelmeShapeTypes.LineStrip,
                l.Measures.Points.Select(q => (Math.Round(q.X, 3), Math.Round(q.Y, 3))).ToList(),
                l.TrackId > 0 ? l.TrackId : l.Line.Label)).ToList();
            var document = new LabelmeDocument(shapes, frame.Name + ".tif", frame.Width, frame.Height);
            LabelmeJson.Write(Path.Combine(this.folder, "labelme", frame.Name + ".json"), document, durable: false);
        }

        this.Frames++;
        this.Lines += frame.Lines.Count;
        this.last = frame;
    }

    /// <summary>Writes the end-of-run tables, plots, ROI set and JSON, then makes the growing tables appear.</summary>
    /// <param name="result">The tracking result, or null when lines were not linked (<c>track lines</c>).</param>
    /// <param name="header">Input, settings and versions for the JSON.</param>
    public void Complete(TrackingResult? result, IReadOnlyDictionary<string, object?> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (result is not null)
        {
            this.WriteTrackTables(result);
            ChartRenderer.WritePng(Path.Combine(this.folder, "distance_vs_frame.png"), ChartRenderer.RenderPng(TrackPlots.Distances(result, this.scale)));
            ChartRenderer.WritePng(Path.Combine(this.folder, "velocity_vs_frame.png"), ChartRenderer.RenderPng(TrackPlots.Velocities(result, this.scale)));
            if (this.last is { } frame)
            {
                ChartRenderer.WritePng(Path.Combine(this.folder, "overlay.png"), TrackOverlay.RenderPng(result, frame.Index, frame.Width, frame.Height, this.options.OverlayImage));
                if (this.options.TrackMate is { } trackmate)
                {
                    AtomicFile.WriteAllText(trackmate, TrackMateXml.Write(result, frame.Width, frame.Height, this.scale, header.TryGetValue("input", out var input) && input is string s ? s : this.folder));
                }
            }
        }

        this.rois?.Commit();

        var json = new Dictionary<string, object?>(header)
        {
            ["frames"] = this.Frames,
            ["lines"] = this.Lines,
            ["issues"] = new SortedDictionary<string, int>(this.issues, StringComparer.Ordinal),
            ["issue_examples"] = this.issueExamples,
        };
        if (result is not null)
        {
            json["result"] = TrackJson.Of(result);
        }

        AtomicFile.WriteAllText(Path.Combine(this.folder, result is null ? "lines.json" : "track.json"), JsonSerializer.Serialize(json, Indented) + "\n");
        this.lines.Commit();
        this.points.Commit();
    }

    /// <summary>Deletes the partial tables of an unfinished run.</summary>
    public void Dispose()
    {
        this.lines.Dispose();
        this.points.Dispose();
        this.rois?.Dispose();
    }

    private void WriteTrackTables(TrackingResult result)
    {
        WriteTable("tracks.csv", TrackTables.TracksHeader, result.Kinematics.SelectMany(TrackTables.TrackRows));
        WriteTable("steps.csv", TrackTables.StepsHeader, result.Jerky.SelectMany(TrackTables.StepRows));
        WriteTable("step_histogram.csv", TrackTables.StepHistogramHeader, TrackTables.StepHistogramRows(result.Jerky));
        WriteTable("track_summary.csv", TrackTables.SummaryHeader, TrackTables.SummaryRows(result));
        WriteTable("pairs.csv", TrackTables.PairsHeader, TrackTables.PairRows(result, this.scale));

        void WriteTable(string name, string header, IEnumerable<string> rows)
        {
            using var writer = new AtomicTextWriter(Path.Combine(this.folder, name));
            writer.WriteLine(header);
            foreach (var row in rows)
            {
                writer.WriteLine(row);
            }

            writer.Commit();
        }
    }
}
