using Dislocate.Contracts;
using Dislocate.Synthetic.Outputs;
using Dislocate.Synthetic.Recipes;
using Dislocate.Synthetic.Rendering;
using Dislocate.Synthetic.Sequences;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Commands;

/// <summary>
/// <c>synthetic overlay &lt;image&gt;</c>: draws synthetic dislocations onto a real micrograph or stack, which serves as
/// the background (paper section 2.2 with the user's own image), and returns the new stack, its masks, the table and
/// ROIs. The input is never modified. A single time series (frames &gt; 1) gets gliding pileups across its frames.
/// </summary>
/// <remarks>
/// The stack is scaled to [0, 1] by its global minimum and maximum for drawing, and the result is scaled back to the
/// input's range and bit depth, so the output looks like the input with lines added.
/// </remarks>
internal sealed class OverlayCommand : IPluginCommand
{
    private static readonly ParameterSpec<ImageData> Image = Parameter.Image("image", "Background image", "Image or stack to draw on; ImageJ uses the current image.");

    public CommandDescriptor Descriptor { get; } = new(
        "overlay",
        "Add Synthetic Dislocations",
        "Synthetic",
        "Draw synthetic dislocations onto the current image or stack (used as background); returns a new stack with masks, table and ROIs.",
        [
            Image,
            CommonParameters.Seed,
            .. SettingsParameters.All.Where(p => p.Key is not (SettingsKeys.Width or SettingsKeys.Height or SettingsKeys.Background or SettingsKeys.Backgrounds or SettingsKeys.Frames)),
            .. RoiParameters.Display,
        ]);

    public Task<CommandResult> ExecuteAsync(ParameterValues parameters, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        var image = parameters.Get(Image);
        var isSequence = image.Frames > 1;
        var settings = SettingsParameters.ToSettings(parameters) with { Width = image.Width, Height = image.Height };
        settings = settings with { Sequence = settings.Sequence with { Frames = isSequence ? image.PlaneCount : 1 } };
        SettingsValidator.Validate(settings);
        var seed = CommonParameters.ReadSeed(parameters);
        return Task.Run(
            () =>
            {
                var (min, max) = Range(image);
                var scale = max > min ? 1f / (max - min) : 0f;
                var recipes = isSequence
                    ? SequenceSampler.Sample(settings, seed, null)
                    : Enumerable.Range(0, image.PlaneCount).Select(p => RecipeSampler.Sample(settings, Dataset.DatasetWriter.SampleSeed(seed, p), null)).ToList();
                var renderer = new SampleRenderer(image.Width, image.Height);
                var samples = new List<RenderedSample>(recipes.Count);
                for (var p = 0; p < recipes.Count; p++)
                {
                    context.Cancellation.ThrowIfCancellationRequested();
                    var background = image.Planes[p].Select(v => (v - min) * scale).ToArray();
                    samples.Add(renderer.RenderOnto(recipes[p], background));
                    context.Progress.Report(new ProgressUpdate(p + 1, recipes.Count, "Add Synthetic Dislocations"));
                }

                var outputs = SampleOutputs.Create(Path.GetFileNameWithoutExtension(image.Title) + " + dislocations", samples, asFrames: isSequence, v => min + (v * (max - min)), image.BitDepth);
                var lines = ((TableOutput)outputs[2]).Rows.Count;
                return new CommandResult($"Drew {lines} dislocation lines on {samples.Count} plane(s) of {image.Title}.", outputs);
            },
            context.Cancellation);
    }

    private static (float Min, float Max) Range(ImageData image)
    {
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        foreach (var plane in image.Planes)
        {
            foreach (var v in plane)
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        return (min, max);
    }
}
