using System.Globalization;
using Dislocate.Contracts;

namespace Dislocate.Track.Commands;

/// <summary><c>track lines &lt;input&gt;</c>: every mask as a measured line (length, direction, curvature, stress), without linking.</summary>
internal sealed class LinesCommand : IPluginCommand
{
    public CommandDescriptor Descriptor { get; } = new(
        "lines",
        "Dislocation Lines",
        "Track",
        "Turn instance masks or label images into lines of equally spaced points with length, direction, curvature and line-tension stress.",
        [
            TrackParameters.Input,
            TrackParameters.Out,
            .. TrackParameters.LineParameters,
            TrackParameters.Labelme,
            TrackParameters.Rois,
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
                var (_, frames, lines) = job.Execute("lines", link: false, context);
                return CommandResult.Of(
                    string.Create(CultureInfo.InvariantCulture, $"Measured {lines} lines in {frames} frame(s); tables in {folder}."),
                    new FileOutput("lines", Path.Combine(folder, "lines.csv")),
                    new FileOutput("points", Path.Combine(folder, "points.csv")),
                    new FileOutput("json", Path.Combine(folder, "lines.json")));
            },
            context.Cancellation);
    }
}
