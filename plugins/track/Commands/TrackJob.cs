using Dislocate.Contracts;
using Dislocate.Track.Inputs;
using Dislocate.Track.Outputs;
using Dislocate.Track.Pipeline;

namespace Dislocate.Track.Commands;

/// <summary>What <c>track lines</c> and <c>track run</c> read their parameters into, validated before any work starts.</summary>
/// <param name="Source">The mask input, opened and its kind resolved.</param>
/// <param name="Folder">The output folder.</param>
/// <param name="Settings">The tracking settings.</param>
/// <param name="Files">Which optional files to write.</param>
internal sealed record TrackJob(MaskStackSource Source, string Folder, TrackingSettings Settings, TrackFileOptions Files)
{
    /// <summary>Reads and checks the parameters; errors name the parameter or file.</summary>
    public static TrackJob From(ParameterValues parameters, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        var settings = TrackParameters.Settings(parameters);
        var source = new MaskStackSource(context.ResolvePath(parameters.Get(TrackParameters.Input)), TrackParameters.MaskKind(parameters), settings.Lines.MaskOptions.Threshold);
        var overlay = parameters.GetOptional(TrackParameters.Overlay) ?? string.Empty;
        var trackmate = parameters.GetOptional(TrackParameters.TrackMate) ?? string.Empty;
        var files = new TrackFileOptions(parameters.Get(TrackParameters.Labelme), parameters.Get(TrackParameters.Rois), overlay.Length == 0 ? null : context.ResolvePath(overlay), trackmate.Length == 0 ? null : context.ResolvePath(trackmate));
        return new TrackJob(source, parameters.Get(TrackParameters.Out), settings, files);
    }

    /// <summary>
    /// Reads every frame, writes the files, and returns the tracking result (null when <paramref name="link"/> is
    /// false) with the frames and lines written.
    /// </summary>
    /// <param name="command">The command's id, recorded in the JSON.</param>
    /// <param name="link">Link lines into tracks and analyse them (<c>run</c>), or only measure them (<c>lines</c>).</param>
    /// <param name="context">Progress, log and cancellation.</param>
    public (TrackingResult? Result, int Frames, int Lines) Execute(string command, bool link, CommandContext context)
    {
        using var files = new TrackFiles(this.Folder, this.Files, this.Settings.Scale);
        var result = new TrackRun().Execute(this.Source.Frames(), this.Source.Count, new TrackingPipeline(this.Settings, link), link, files.Add, context);
        files.Complete(result, TrackHeader.Of(command, this.Source, this.Settings));
        return (result, files.Frames, files.Lines);
    }
}
