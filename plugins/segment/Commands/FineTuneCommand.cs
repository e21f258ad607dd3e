using Dislocate.Contracts;
using Dislocate.Segment.Model;
using Dislocate.Segment.Training;

namespace Dislocate.Segment.Commands;

/// <summary>
/// <c>segment finetune</c>: continues training a model on a few real images (paper section 5.4), annotated with labelme
/// polylines or as union line masks (one mask image per frame; instances are its connected pieces).
/// </summary>
internal sealed class FineTuneCommand : IPluginCommand
{
    private static readonly ParameterSpec<string> Model = Parameter.Path("model", "Model (empty = shipped default)", ParameterKind.InputFile, "The model to start from (a .dislocate file).", required: true);

    private static readonly ParameterSpec<string> Annotations = Parameter.Path("annotations", "Annotated frames (labelme folder)", ParameterKind.InputFolder, "Labelme JSON files with their images (the paper used 10); or give images and masks instead.");

    private static readonly ParameterSpec<string> Test = Parameter.Path("test", "Held-out frames (labelme folder)", ParameterKind.InputFolder, "Held-out annotated images for the per-epoch metric; empty = the training images themselves.");

    private static readonly ParameterSpec<string> Images = Parameter.Path("images", "Frames (folder)", ParameterKind.InputFolder, "With masks: the frames, paired with mask files by file stem.");

    private static readonly ParameterSpec<string> Masks = Parameter.Path("masks", "Line masks (folder)", ParameterKind.InputFolder, "Line masks of some frames (any value but the background is a line; instances are 8-connected pieces).");

    private static readonly ParameterSpec<string> TestMasks = Parameter.Path("test-masks", "Held-out masks (folder)", ParameterKind.InputFolder, "With masks: held-out masks of other frames (images from 'images') for the per-epoch metric; empty = the training frames.");

    private static readonly ParameterSpec<long> Synthetic = Parameter.Whole("synthetic", "Synthetic images mixed in", 0, 0, 1000000, "Synthetic images rendered in memory and interleaved with the real ones (one to one unless synthetic-per-real says otherwise), so the model keeps what it learned on synthetic data; 0 = real images only.");

    private static readonly ParameterSpec<long> SyntheticPerReal = Parameter.Whole("synthetic-per-real", "Synthetic images per real one", 1, 1, 64, "With synthetic images: how many come after each real one (1 = one to one); more weights the synthetic data, e.g. once the real frames are learned.");

    private static readonly ParameterSpec<double> MaskWidth = Parameter.Real("mask-width", "Mask line width (px)", 3, 0.5, 50, "Width of the masks rasterised from the polylines.");

    public CommandDescriptor Descriptor { get; } = new(
        "finetune",
        "Fine-tune Segmentation Model",
        "Segment",
        "Fine-tune a model on real images annotated in labelme (one polyline per dislocation) or as line masks (all dislocations of a frame in one mask image).",
        [
            Model,
            Annotations,
            Test,
            Images,
            Masks,
            TestMasks,
            Synthetic,
            SyntheticPerReal,
            TrainingParameters.Preset,
            TrainingParameters.Mix,
            MaskWidth,
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
        var modelPath = parameters.Get(Model);
        var metadata = ModelFile.ReadMetadata(modelPath);
        var options = TrainingParameters.Options(parameters, metadata.Spec, metadata.Normalisation);
        var (train, test) = Sources(parameters);
        if (parameters.Get(Synthetic) is > 0 and var synthetic)
        {
            var images = TrainingParameters.SyntheticImages(context, parameters, options.Seed);
            train = new MixedSamples(train, new StreamedSamples(images, 0, synthetic), (int)parameters.Get(SyntheticPerReal));
        }

        var folder = parameters.Get(TrainingParameters.Out);
        return Task.Run(
            () =>
            {
                var device = TrainingParameters.Prepare(parameters);
                var summary = new Trainer(options, train, test, device).Run(folder, modelPath, parameters.Get(TrainingParameters.Resume), context, TrainingParameters.ReadTimeLimit(parameters));
                return TrainingParameters.Result(summary, folder);
            },
            context.Cancellation);
    }

    // Labelme annotations, or images with union masks: exactly one of the two.
    private static (ITrainingSamples Train, ITrainingSamples Test) Sources(ParameterValues v)
    {
        var annotations = v.GetOptional(Annotations) is { Length: > 0 } a ? a : null;
        var masks = v.GetOptional(Masks) is { Length: > 0 } m ? m : null;
        if ((annotations is null) == (masks is null))
        {
            throw new ParameterException(annotations is null ? Annotations.Key : Masks.Key, "give either annotations (labelme folder) or images and masks, not both and not neither");
        }

        if (annotations is not null)
        {
            var width = v.Get(MaskWidth);
            var train = new LabelmeFolderSamples(annotations, width);
            return (train, v.GetOptional(Test) is { Length: > 0 } t ? new LabelmeFolderSamples(t, width) : train);
        }

        var images = v.GetOptional(Images) is { Length: > 0 } i ? i : throw new ParameterException(Images.Key, "masks need the folder of their images");
        var trainMasks = new MaskFolderSamples(images, masks!);
        return (trainMasks, v.GetOptional(TestMasks) is { Length: > 0 } tm ? new MaskFolderSamples(images, tm) : trainMasks);
    }
}
