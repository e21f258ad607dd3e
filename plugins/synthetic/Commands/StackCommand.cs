using Dislocate.Contracts;
using Dislocate.Synthetic.Outputs;
using Dislocate.Synthetic.Rendering;
using Dislocate.Synthetic.Settings;
using Dislocate.Synthetic.Streaming;

namespace Dislocate.Synthetic.Commands;

/// <summary>
/// <c>synthetic stack</c>: synthetic images in memory as an image stack, with instance masks, a table of the
/// dislocations and their centre lines as ROIs (in ImageJ: new windows, the Results table and the ROI Manager).
/// </summary>
internal sealed class StackCommand : IPluginCommand
{
    public CommandDescriptor Descriptor { get; } = new(
        "stack",
        "Synthetic Stack",
        "Synthetic",
        "Make synthetic images as a stack with instance masks, a dislocation table and centre-line ROIs (frames > 1: one gliding sequence).",
        [
            ParameterSpec.Whole("count", "count (images)", 4, 1, 10000, "Number of images (slices); ignored for sequences (frames > 1)."),
            CommonParameters.Seed,
            CommonParameters.Threads,
            .. SettingsParameters.All,
        ]);

    public Task<CommandResult> ExecuteAsync(ParameterValues parameters, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        var settings = SettingsParameters.ToSettings(parameters);
        var source = new SyntheticSampleSource(settings, CommonParameters.ReadSeed(parameters));
        return Task.Run(
            () =>
            {
                var sequence = settings.Sequence.Frames > 1;
                IReadOnlyList<RenderedSample> samples;
                if (sequence)
                {
                    samples = source.GetFrames(0);
                }
                else
                {
                    var count = parameters.GetInt32("count");
                    var list = new List<RenderedSample>(count);
                    for (var i = 0; i < count; i++)
                    {
                        context.Cancellation.ThrowIfCancellationRequested();
                        list.Add(source.Get(i));
                        context.Progress.Report(new ProgressUpdate(i + 1, count, "Synthetic Stack"));
                    }

                    samples = list;
                }

                var outputs = SampleOutputs.Create("Synthetic", samples, asFrames: sequence);
                var lines = ((TableOutput)outputs[2]).Rows.Count;
                return new CommandResult($"Made {samples.Count} synthetic {(sequence ? "frames" : "images")} with {lines} dislocation lines.", outputs);
            },
            context.Cancellation);
    }
}
