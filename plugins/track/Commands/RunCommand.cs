using System.Globalization;
using Dislocate.Contracts;

namespace Dislocate.Track.Commands;

/// <summary><c>track run &lt;input&gt;</c>: lines of every frame, linked into tracks; tables, plots, labelme files and an ImageJ ROI set.</summary>
internal sealed class RunCommand : IPluginCommand
{
    public CommandDescriptor Descriptor { get; } = new(
        "run",
        "Track Files",
        "Track",
        "Turn a stack of instance masks or label images into lines, link them into tracks, and write tables and plots.",
        [
            TrackParameters.Input,
            TrackParameters.Out,
            .. TrackParameters.LineParameters,
            .. TrackParameters.TrackingParameters,
            TrackParameters.Labelme,
            TrackParameters.Rois,
            TrackParameters.TrackMate,
            TrackParameters.Overlay,
        ]);

    public Task<CommandResult> ExecuteAsync(ParameterValues parameters, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        var job = TrackJob.From(parameters, context);
        var folder = job.Folder;
        return Task.Run(
            () =>
            {
                var result = job.Execute("run", link: true, context).Result!;
                context.Log.Info(string.Create(CultureInfo.InvariantCulture, $"{result.Pileups.Count} pileups, {result.Pairs.Count} neighbour pairs."));
                return CommandResult.Of(
                    string.Create(CultureInfo.InvariantCulture, $"Tracked {result.Lines} lines in {result.Frames} frame(s) into {result.Tracks.Count} tracks; tables and plots in {folder}."),
                    new FileOutput("tracks", Path.Combine(folder, "tracks.csv")),
                    new FileOutput("summary", Path.Combine(folder, "track_summary.csv")),
                    new FileOutput("lines", Path.Combine(folder, "lines.csv")),
                    new FileOutput("pairs", Path.Combine(folder, "pairs.csv")),
                    new FileOutput("overlay", Path.Combine(folder, "overlay.png")),
                    new FileOutput("json", Path.Combine(folder, "track.json")));
            },
            context.Cancellation);
    }
}
