using System.Globalization;
using Dislocate.Contracts;
using Dislocate.Segment.Inference;

namespace Dislocate.Segment.Commands;

/// <summary><c>segment merge &lt;folder&gt;</c>: joins the tables of a sharded <c>segment run</c> into those of one run (<see cref="ShardMerge"/>).</summary>
internal sealed class MergeCommand : IPluginCommand
{
    private static readonly ParameterSpec<string> Folder = Parameter.Path("folder", "Run folder (every shard's output)", ParameterKind.InputFolder, "The output folder every shard wrote into.", required: true, positional: true);

    private static readonly ParameterSpec<bool> Replace = Parameter.Flag("replace", "Replace merged files", false, "Replace dislocations.csv, lines.csv and segmentation.json when they exist.");

    public CommandDescriptor Descriptor { get; } = new(
        "merge",
        "Merge Segmentation Shards",
        "Segment",
        "Join the tables of a 'segment run --shard i/N' job array (dislocations/lines/segmentation.shard-i-of-N) in one output folder into the files one unsharded run writes.",
        [
            Folder,
            Replace,
        ]);

    public Task<CommandResult> ExecuteAsync(ParameterValues parameters, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        var folder = context.ResolvePath(parameters.Get(Folder));
        var replace = parameters.Get(Replace);
        return Task.Run(
            () =>
            {
                var result = ShardMerge.Merge(folder, replace, context.Cancellation);
                return CommandResult.Of(
                    string.Create(CultureInfo.InvariantCulture, $"Merged {result.Shards} shards: {result.Frames} frame(s), {result.Dislocations} dislocations; tables in {folder}."),
                    new FileOutput("dislocations", Path.Combine(folder, "dislocations.csv")),
                    new FileOutput("lines", Path.Combine(folder, "lines.csv")),
                    new FileOutput("json", Path.Combine(folder, "segmentation.json")));
            },
            context.Cancellation);
    }
}
