using System.Globalization;
using Dislocate.Contracts;
using Dislocate.Core.Jobs;
using Dislocate.Segment.Inference;

namespace Dislocate.Segment.Commands;

/// <summary><c>segment run &lt;input&gt;</c>: segments an image, a TIFF stack or a folder of frames with a trained model, frame by frame, into files.</summary>
internal sealed class RunCommand : IPluginCommand
{
    private static readonly ParameterSpec<string> Input = Parameter.RequiredText("input", "Images (file, stack or folder)", "An image file, a multi-page TIFF (every page a frame) or a folder of frames.", positional: true);

    private static readonly ParameterSpec<string> Out = Parameter.Path("out", "Output (folder)", ParameterKind.OutputFolder, "Folder for labels/, masks/, labelme/, dislocations.csv, lines.csv and segmentation.json.", required: true);

    private static readonly ParameterSpec<string> ShardParameter = Parameter.Text("shard", "Shard (i/N)", "0/1", "Process only frames with index % N == i (for job arrays); tables get a .shard-i-of-N suffix.");

    public CommandDescriptor Descriptor { get; } = new(
        "run",
        "Segment Files",
        "Segment",
        "Segment dislocations in an image, a multi-page TIFF stack or a folder of frames; write masks, label images and polylines.",
        [
            // Text, not InputFile: the input may be a file or a folder; FrameSource checks it and names it in errors.
            Input,
            Out,
            .. InferenceParameters.All,
            TrainingParameters.Threads,
            TrainingParameters.Device,
            ShardParameter,
        ]);

    public Task<CommandResult> ExecuteAsync(ParameterValues parameters, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        var input = context.ResolvePath(parameters.Get(Input));
        var folder = parameters.Get(Out);
        var shard = Shard.Parse(parameters.Get(ShardParameter));
        var source = new FrameSource(input);
        var postProcessing = InferenceParameters.PostProcessing(parameters);
        var tiling = InferenceParameters.Tiling(parameters);
        var scale = InferenceParameters.ScaleOf(parameters);
        var modelPath = InferenceParameters.ModelPath(parameters);
        return Task.Run(
            () =>
            {
                using var lease = InferenceParameters.OpenSegmenter(parameters, modelPath, tiling, postProcessing);
                var segmenter = lease.Segmenter;
                context.Log.Info($"model {DefaultModel.Summary(segmenter.Metadata, modelPath)} on {segmenter.Engine}");
                var suffix = shard.Count > 1 ? $".shard-{shard.Index}-of-{shard.Count}" : string.Empty;
                using var outputs = new SegmentationOutputs(folder, suffix);
                var mine = Enumerable.Range(0, source.Count).Count(i => shard.Owns(i));
                var empty = 0;
                var phases = new InferencePhases();
                var (factor, selection) = ScaleSelection.Resolve(scale, segmenter, source.Count, i => source.Frame(i).Image, phases, context.Log, context.Cancellation);

                var decode = phases.Time("decode");
                foreach (var frame in source.Frames())
                {
                    decode.Dispose();
                    context.Cancellation.ThrowIfCancellationRequested();
                    if (!shard.Owns(frame.Index))
                    {
                        decode = phases.Time("decode");
                        continue;
                    }

                    var result = segmenter.Segment(frame.Image, factor, phases, context.Cancellation);
                    empty += result.Instances.Count == 0 ? 1 : 0;
                    using (phases.Time("write"))
                    {
                        outputs.Add(frame, result);
                    }

                    context.Progress.Report(new ProgressUpdate(outputs.FrameCount, mine, $"frame {frame.Index + 1}: {result.Instances.Count} dislocations"));
                    decode = phases.Time("decode");
                }

                decode.Dispose();
                context.Log.Info($"time per phase: {phases.Describe(outputs.FrameCount)}");

                outputs.Complete(input, modelPath, segmenter.Metadata, new { post_processing = segmenter.PostProcessing, tiling = segmenter.Tiling, scale = new { requested = scale.ToString(), factor, candidates = selection?.Candidates }, engine = segmenter.Engine, phases_seconds = phases.Seconds(), shard = shard.ToString() });
                if (empty > 0)
                {
                    context.Log.Warn($"{empty} of {outputs.FrameCount} frames had no dislocation above the threshold.");
                }

                return CommandResult.Of(
                    string.Create(CultureInfo.InvariantCulture, $"Segmented {outputs.FrameCount} frame(s): {outputs.DislocationCount} dislocations; tables and masks in {folder}."),
                    new FileOutput("dislocations", Path.Combine(folder, $"dislocations{suffix}.csv")),
                    new FileOutput("lines", Path.Combine(folder, $"lines{suffix}.csv")),
                    new FileOutput("json", Path.Combine(folder, $"segmentation{suffix}.json")));
            },
            context.Cancellation);
    }
}
