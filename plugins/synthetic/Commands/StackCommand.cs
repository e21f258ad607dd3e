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
    private static readonly ParameterSpec<long> Count = Parameter.Whole("count", "Number of images", 4, 1, 10000, "Number of images (slices); ignored for sequences (frames > 1).");

    public CommandDescriptor Descriptor { get; } = new(
        "stack",
        "Synthetic Stack",
        "Synthetic",
        "Make synthetic images as a stack with instance masks, a dislocation table and centre-line ROIs (frames > 1: one gliding sequence).",
        [
            Count,
            CommonParameters.Seed,
            CommonParameters.Threads,
            .. SettingsParameters.All,
            .. RoiParameters.Display,
        ]);

    public Task<CommandResult> ExecuteAsync(ParameterValues parameters, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        var settings = SettingsParameters.ToSettings(parameters);
        var planes = settings.Sequence.Frames > 1 ? settings.Sequence.Frames : parameters.GetInt32(Count);
        CheckMemory(settings, planes, MemoryBudget());
        var source = new SyntheticSampleSource(settings, CommonParameters.ReadSeed(parameters));
        return Task.Run(
            () =>
            {
                var sequence = settings.Sequence.Frames > 1;
                IReadOnlyList<RenderedSample> samples;
                if (sequence)
                {
                    samples = source.GetFrames(0, context.Cancellation);
                }
                else
                {
                    var count = planes;
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

    /// <summary>
    /// Bytes a stack may take: half the memory this process may use (physical memory or the container's limit), as the
    /// images live in this process and, in ImageJ, once more in Java's heap.
    /// </summary>
    public static long MemoryBudget() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2;

    /// <summary>
    /// Refuses a stack whose estimated size exceeds <paramref name="budget"/>, before anything is rendered. The estimate
    /// is an upper bound per pixel: the float image and its float output plane (8 bytes), the union mask (1), and per
    /// possible dislocation (at most <c>max_dislocations</c>) a byte mask and a float output plane (5): measured 106
    /// bytes per pixel for 200 images of 256² with the defaults (20 masks: 105 estimated).
    /// </summary>
    public static void CheckMemory(GeneratorSettings settings, long planes, long budget)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var pixels = (long)settings.Width * settings.Height * planes;
        var estimate = pixels * (9 + (5L * settings.Microstructure.MaxDislocations));
        if (estimate > budget)
        {
            throw new ParameterException(
                settings.Sequence.Frames > 1 ? SettingsParameters.Frames.Key : Count.Key,
                $"{planes} planes of {settings.Width}×{settings.Height} with up to {settings.Microstructure.MaxDislocations} masks would need about {estimate / 1e9:0.#} GB in memory, more than the {budget / 1e9:0.#} GB this stack may take; make fewer or smaller images, or write them to files with 'Generate Synthetic Dataset' (synthetic generate), which keeps one sample in memory at a time");
        }
    }
}
