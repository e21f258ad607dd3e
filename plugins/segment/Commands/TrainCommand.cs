using Dislocate.Contracts;
using Dislocate.Segment.Model;
using Dislocate.Segment.Training;

namespace Dislocate.Segment.Commands;

/// <summary><c>segment train</c>: trains the UNet++ on synthetic data, from a dataset folder or straight from the generator's stream.</summary>
internal sealed class TrainCommand : IPluginCommand
{
    private static readonly ParameterSpec<string> Data = Parameter.Path("data", "Training dataset (folder)", ParameterKind.InputFolder, "A folder written by 'synthetic generate' (train/ and test/); empty = generate samples in memory.");

    private static readonly ParameterSpec<string> Init = Parameter.Path("init", "Start from model", ParameterKind.InputFile, "Start from this model's weights instead of random ones, e.g. to train the shipped model further; with another decoder (same encoder), its tensors that match.");

    private static readonly ParameterSpec<long> TrainCount = Parameter.Whole("train-count", "Training images", 4000, 1, long.MaxValue, "In-memory training images (paper: 4000); they repeat after this many.");

    private static readonly ParameterSpec<long> TestCount = Parameter.Whole("test-count", "Test images", 100, 1, 1000000, "In-memory test images evaluated after every epoch (paper: 1000).");

    public CommandDescriptor Descriptor { get; } = new(
        "train",
        "Train Segmentation Model",
        "Segment",
        "Train the UNet++ on synthetic images (a dataset folder, or generated on the fly) with the matching Dice loss.",
        [
            TrainingParameters.Out,
            Data,
            TrainingParameters.Preset,
            TrainingParameters.Mix,
            Init,
            TrainCount,
            TestCount,
            TrainingParameters.Encoder,
            TrainingParameters.Output,
            TrainingParameters.Outputs,
            TrainingParameters.DecoderScale,
            TrainingParameters.NestedScale,
            TrainingParameters.Crop,
            TrainingParameters.Batch,
            TrainingParameters.Epochs,
            TrainingParameters.Steps,
            TrainingParameters.Rate,
            TrainingParameters.Schedule,
            TrainingParameters.Warmup,
            .. TrainingParameters.RunControls,
        ]);

    public Task<CommandResult> ExecuteAsync(ParameterValues parameters, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        var spec = TrainingParameters.ReadSpec(parameters);
        var options = TrainingParameters.Options(parameters, spec, InputNormalisation.Default);
        var (train, test) = Sources(parameters, context, options.Seed);
        var folder = parameters.Get(TrainingParameters.Out);
        return Task.Run(
            () =>
            {
                var device = TrainingParameters.Prepare(parameters);
                var init = parameters.GetOptional(Init) is { Length: > 0 } i ? context.ResolvePath(i) : null;
                var summary = new Trainer(options, train, test, device).Run(folder, init, parameters.Get(TrainingParameters.Resume), context, TrainingParameters.ReadTimeLimit(parameters));
                return TrainingParameters.Result(summary, folder);
            },
            context.Cancellation);
    }

    private static (ITrainingSamples Train, ITrainingSamples Test) Sources(ParameterValues v, CommandContext context, ulong seed)
    {
        if (v.GetOptional(Data) is { Length: > 0 } data)
        {
            return (new DatasetFolderSamples(data, "train"), new DatasetFolderSamples(data, "test"));
        }

        var images = TrainingParameters.SyntheticImages(context, v, seed);
        var trainCount = v.Get(TrainCount);
        return (new StreamedSamples(images, 0, trainCount), new StreamedSamples(images, trainCount, v.Get(TestCount)));
    }
}
