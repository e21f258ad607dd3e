using Dislocate.Contracts;
using Dislocate.Segment.Model;
using Dislocate.Segment.Training;

namespace Dislocate.Segment.Commands;

/// <summary><c>segment finetune</c>: continues training a model on a few real images annotated with labelme polylines (paper section 5.4).</summary>
internal sealed class FineTuneCommand : IPluginCommand
{
    public CommandDescriptor Descriptor { get; } = new(
        "finetune",
        "Fine-tune Segmentation Model",
        "Segment",
        "Fine-tune a model on real images annotated in labelme (one polyline per dislocation).",
        [
            ParameterSpec.Path("model", "model (file)", ParameterKind.InputFile, "The model to start from (a .dislocate file).", required: true),
            ParameterSpec.Path("annotations", "annotations (labelme folder)", ParameterKind.InputFolder, "Labelme JSON files with their images (the paper used 10).", required: true),
            ParameterSpec.Path("test", "test (labelme folder)", ParameterKind.InputFolder, "Held-out annotated images for the per-epoch metric; empty = the training images themselves."),
            ParameterSpec.Real("mask-width", "mask-width (px)", 3, 0.5, 50, "Width of the masks rasterised from the polylines."),
            TrainingParameters.Out,
            TrainingParameters.Crop with { Default = 256L },
            TrainingParameters.Batch with { Default = 2L },
            TrainingParameters.Epochs with { Default = 30L },
            TrainingParameters.Steps with { Default = 10L },
            TrainingParameters.Rate with { Default = 1e-4 },
            TrainingParameters.Schedule,
            TrainingParameters.Warmup with { Default = 10L },
            .. TrainingParameters.RunControls,
        ]);

    public Task<CommandResult> ExecuteAsync(ParameterValues parameters, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        var modelPath = parameters.GetString("model");
        var metadata = ModelFile.ReadMetadata(modelPath);
        var options = TrainingParameters.Options(parameters, metadata.Spec, metadata.Normalisation);
        var width = parameters.GetReal("mask-width");
        var train = new LabelmeFolderSamples(parameters.GetString("annotations"), width);
        var test = parameters.GetOptionalString("test") is { Length: > 0 } t ? new LabelmeFolderSamples(t, width) : train;
        var folder = parameters.GetString("out");
        return Task.Run(
            () =>
            {
                var device = TrainingParameters.Prepare(parameters);
                var summary = new Trainer(options, train, test, device).Run(folder, modelPath, parameters.GetBoolean("resume"), context, TrainingParameters.ReadTimeLimit(parameters));
                return TrainingParameters.Result(summary, folder);
            },
            context.Cancellation);
    }
}
