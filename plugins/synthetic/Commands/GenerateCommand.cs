using Dislocate.Contracts;
using Dislocate.Core.Jobs;
using Dislocate.Synthetic.Dataset;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Commands;

/// <summary><c>synthetic generate</c>: writes a train/test dataset; resumable and shardable.</summary>
internal sealed class GenerateCommand : IPluginCommand
{
    private static readonly ParameterSpec<string> Out = Parameter.Path("out", "Output dataset (folder)", ParameterKind.OutputFolder, "Dataset folder; an interrupted run resumes in it.", required: true);

    private static readonly ParameterSpec<long> Count = Parameter.Whole("count", "Number of samples", 100, 1, 100_000_000, "Samples in the whole dataset (all shards together).");

    private static readonly ParameterSpec<double> Split = Parameter.Real("split", "Training fraction", 0.8, 0, 1, "Fraction of samples in train/; the rest go to test/.");

    private static readonly ParameterSpec<bool> Labelme = Parameter.Flag("labelme", "Also write labelme JSON", true, "Also write labelme JSON of the centre lines (single frames).");

    private static readonly ParameterSpec<string> ShardParameter = Parameter.Text("shard", "Shard (i/N)", "0/1", "Write only samples with index mod N = i, for job arrays; shards may share the folder.");

    public CommandDescriptor Descriptor { get; } = new(
        "generate",
        "Generate Synthetic Dataset",
        "Synthetic",
        "Write a synthetic dataset (images, instance masks, union masks, labelme and params JSON) into train/ and test/.",
        [
            Out,
            Count,
            Split,
            CommonParameters.Seed,
            CommonParameters.Format,
            CommonParameters.Masks,
            Labelme,
            ShardParameter,
            CommonParameters.Threads,
            .. SettingsParameters.All,
        ]);

    public Task<CommandResult> ExecuteAsync(ParameterValues parameters, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        var settings = SettingsParameters.ToSettings(parameters);
        var options = new DatasetOptions(
            parameters.Get(Out),
            parameters.Get(Count),
            parameters.Get(Split),
            CommonParameters.ReadSeed(parameters),
            CommonParameters.ReadFormat(parameters),
            CommonParameters.ReadMasks(parameters),
            parameters.Get(Labelme),
            Shard.Parse(parameters.Get(ShardParameter)),
            CommonParameters.ReadThreads(parameters));
        return Task.Run(
            () =>
            {
                var summary = DatasetWriter.Write(settings, options, context.Progress, context.Cancellation);
                var text = $"Wrote {summary.Written} samples to {options.Output} (shard {options.Shard}: {summary.Owned} samples, {summary.Skipped} already done).";
                return CommandResult.Of(text, new FileOutput("dataset", options.Output));
            },
            context.Cancellation);
    }
}
