using System.Globalization;
using Dislocate.Contracts;
using Dislocate.Core.Drawing;
using Dislocate.Core.IO;
using Dislocate.Track.Inputs;
using Dislocate.Track.Outputs;
using Dislocate.Track.Pipeline;

namespace Dislocate.Track.Commands;

/// <summary>
/// <c>track image</c>, ImageJ's <c>Plugins › Dislocations › Track › Track Dislocations</c>: tracks the dislocations of
/// the current mask or label stack and returns ImageJ objects: a stack of the lines coloured by track id with one
/// polyline ROI per line and frame, result tables (tracks, summary, lines, pair distances) and plots.
/// </summary>
internal sealed class TrackImageCommand : IPluginCommand
{
    private static readonly ParameterSpec<ImageData> Image = Parameter.Image("image", "Image", "The mask or label stack (ImageJ: the current image; CLI: a TIFF file).");

    public CommandDescriptor Descriptor { get; } = new(
        "image",
        "Track Dislocations",
        "Track",
        "Track dislocations through the current stack of instance masks or label images: track stack with ROIs, tables and plots.",
        [
            Image,
            .. TrackParameters.LineParameters,
            .. TrackParameters.TrackingParameters,
            TrackParameters.TrackMate,
            RoiParameters.RoiSet,
            .. RoiParameters.Display,
        ]);

    public Task<CommandResult> ExecuteAsync(ParameterValues parameters, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        var image = parameters.Get(Image);
        var settings = TrackParameters.Settings(parameters, image);
        var (kind, count, frames) = ImageStackMasks.Open(image, TrackParameters.MaskKind(parameters), settings.Lines.MaskOptions.Threshold);
        var trackmate = parameters.GetOptional(TrackParameters.TrackMate) is { Length: > 0 } file ? context.ResolvePath(file) : string.Empty;
        var roiSet = parameters.GetOptional(RoiParameters.RoiSet) is { Length: > 0 } zip ? context.ResolvePath(zip) : null;
        return Task.Run(
            () =>
            {
                var planes = new List<float[]>(count);
                var rois = new List<PolylineRoi>();
                var lineRows = new List<string>();
                var field = new PolylineDistanceField(image.Width, image.Height);
                void Collect(TrackedFrame frame)
                {
                    var plane = new float[image.Width * image.Height];
                    foreach (var line in frame.Lines)
                    {
                        var p = line.Measures.Points;
                        Draw(field, p, line.TrackId, plane);
                        rois.Add(new PolylineRoi(
                            string.Create(CultureInfo.InvariantCulture, $"track {line.TrackId} frame {frame.Index + 1}"),
                            p.Select(q => (float)q.X).ToArray(),
                            p.Select(q => (float)q.Y).ToArray(),
                            count > 1 ? frame.Index + 1 : 0));
                        lineRows.Add(TrackTables.LineRow(frame.Index, line, settings.Scale));
                    }

                    planes.Add(plane);
                }

                var result = new TrackRun().Execute(frames, count, new TrackingPipeline(settings), link: true, Collect, context)!;
                var title = Path.GetFileNameWithoutExtension(image.Title);
                var files = new List<CommandOutput>();
                if (roiSet is not null)
                {
                    ImageJRoiSet.WriteFile(roiSet, rois.Select(ImageJRoiPolyline.From).ToList());
                    files.Add(new FileOutput("RoiSet", roiSet));
                }

                if (trackmate.Length > 0)
                {
                    AtomicFile.WriteAllText(trackmate, TrackMateXml.Write(result, image.Width, image.Height, settings.Scale, image.Title));
                    files.Add(new FileOutput("TrackMate XML", trackmate));
                }

                return CommandResult.Of(
                    string.Create(CultureInfo.InvariantCulture, $"Tracked {result.Lines} lines of {image.Title} ({kind.ToString().ToLowerInvariant()}) in {result.Frames} frame(s) into {result.Tracks.Count} tracks and {result.Pileups.Count} pileups."),
                    [
                        new ImageStackOutput($"{title} tracks", image.Width, image.Height, 1, 1, count, planes, 16, rois) { IsLabels = true },
                        CsvTables.Table("Tracks", TrackTables.TracksHeader, result.Kinematics.SelectMany(TrackTables.TrackRows)),
                        CsvTables.Table("Track summary", TrackTables.SummaryHeader, TrackTables.SummaryRows(result)),
                        CsvTables.Table("Dislocation lines", TrackTables.LinesHeader, lineRows),
                        CsvTables.Table("Pair distances", TrackTables.PairsHeader, TrackTables.PairRows(result, settings.Scale)),
                        CsvTables.Plot(TrackPlots.Distances(result, settings.Scale)) with { EmptyText = "no pileup of two or more tracked dislocations, so no neighbour distances." },
                        CsvTables.Plot(TrackPlots.Velocities(result, settings.Scale)) with { EmptyText = "no dislocation was tracked over two or more frames, so no velocities." },
                        .. files,
                    ]);
            },
            context.Cancellation);
    }

    // Each line as a 1-px-wide polyline whose pixels hold its track id (later lines win where two cross).
    private static void Draw(PolylineDistanceField field, ReadOnlySpan<Core.Geometry.PointD> points, int trackId, float[] plane)
    {
        field.Compute(points, 0.75);
        var indices = field.TouchedIndices;
        var distances = field.TouchedDistances;
        for (var i = 0; i < indices.Length; i++)
        {
            if (distances[i] <= 0.75f)
            {
                plane[indices[i]] = trackId;
            }
        }

        field.Clear();
    }
}
