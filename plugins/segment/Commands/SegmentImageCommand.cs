using System.Globalization;
using Dislocate.Contracts;
using Dislocate.Core.Imaging;
using Dislocate.Core.IO;
using Dislocate.Segment.Inference;

namespace Dislocate.Segment.Commands;

/// <summary>
/// <c>segment image</c>, ImageJ's <c>Plugins › Dislocations › Segment › Segment Dislocations</c>: segments the current
/// image or stack and returns ImageJ objects: a label stack, one polyline ROI and one results-table row per dislocation.
/// </summary>
internal sealed class SegmentImageCommand : IPluginCommand
{
    private static readonly ParameterSpec<ImageData> Image = Parameter.Image("image", "Image", "The image or stack to segment (ImageJ: the current image; CLI: an image file).");

    public CommandDescriptor Descriptor { get; } = new(
        "image",
        "Segment Dislocations",
        "Segment",
        $"Segment dislocations in the current image or stack: label image, one polyline ROI and one table row per dislocation. Default model: {DefaultModel.DescribeDefault()}.",
        [
            Image,
            .. InferenceParameters.All,
            TrainingParameters.Threads,
            TrainingParameters.Device,
            RoiParameters.RoiSet,
            .. RoiParameters.Display,
        ]);

    public Task<CommandResult> ExecuteAsync(ParameterValues parameters, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        var image = parameters.Get(Image);
        var postProcessing = InferenceParameters.PostProcessing(parameters);
        var tiling = InferenceParameters.Tiling(parameters);
        var scale = InferenceParameters.ScaleOf(parameters);
        var modelPath = InferenceParameters.ModelPath(parameters);
        var roiSet = parameters.GetOptional(RoiParameters.RoiSet) is { Length: > 0 } zip ? context.ResolvePath(zip) : null;
        return Task.Run(
            () =>
            {
                using var lease = InferenceParameters.OpenSegmenter(parameters, modelPath, tiling, postProcessing);
                var segmenter = lease.Segmenter;
                context.Log.Info($"model {DefaultModel.Summary(segmenter.Metadata, modelPath)} on {segmenter.Engine}");
                var labels = new List<float[]>();
                var rois = new List<PolylineRoi>();
                var rows = new List<IReadOnlyList<object>>();
                var range = image.BitDepth switch { 8 => 255f, 16 => 65535f, _ => 1f }; // as ImageFileReader scales files
                var frames = image.PlaneCount;
                GrayImage Plane(int f) => new(image.Width, image.Height, image.Planes[f].Select(v => v / range).ToArray());
                var (factor, _) = ScaleSelection.Resolve(scale, segmenter, frames, Plane, null, context.Log, context.Cancellation);

                for (var f = 0; f < frames; f++)
                {
                    context.Cancellation.ThrowIfCancellationRequested();
                    var gray = Plane(f);
                    var result = segmenter.Segment(gray, factor, null, context.Cancellation);
                    labels.Add(result.Labels.Select(v => (float)v).ToArray());
                    foreach (var d in result.Instances)
                    {
                        var name = frames > 1 ? $"frame {f + 1} dislocation {d.Label}" : $"dislocation {d.Label}";
                        if (d.Points.Length >= 2)
                        {
                            rois.Add(new PolylineRoi(name, d.Points.Select(p => (float)p.X).ToArray(), d.Points.Select(p => (float)p.Y).ToArray(), frames > 1 ? f + 1 : 0));
                        }

                        rows.Add([f + 1, d.Label, d.Channel + 1, d.PixelCount, Math.Round(d.MeanProbability, 4), Math.Round(d.Length * image.PixelWidth, 3)]);
                    }

                    context.Progress.Report(new ProgressUpdate(f + 1, frames, $"frame {f + 1}: {result.Instances.Count} dislocations"));
                }

                if (rows.Count == 0)
                {
                    context.Log.Warn("No dislocation above the threshold in any frame.");
                }

                var unit = image.Unit is "pixel" or "pixels" or "" ? "px" : image.Unit;
                List<CommandOutput> outputs =
                [
                    new ImageStackOutput($"{Path.GetFileNameWithoutExtension(image.Title)} dislocation labels", image.Width, image.Height, 1, 1, frames, labels, 16, rois) { IsLabels = true },
                    new TableOutput("Dislocations", ["frame", "dislocation", "mask", "pixels", "mean_probability", $"length_{unit}"], rows),
                ];
                if (roiSet is not null)
                {
                    ImageJRoiSet.WriteFile(roiSet, rois.Select(ImageJRoiPolyline.From).ToList());
                    outputs.Add(new FileOutput("RoiSet", roiSet));
                }

                return CommandResult.Of(string.Create(CultureInfo.InvariantCulture, $"Found {rows.Count} dislocations in {frames} frame(s) of {image.Title}."), [.. outputs]);
            },
            context.Cancellation);
    }
}
