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
        var source = new MaskStackSource(context.ResolvePath(parameters.GetString("input")), TrackParameters.MaskKind(parameters), settings.Lines.MaskOptions.Threshold);
        var overlay = parameters.GetOptionalString("overlay") ?? string.Empty;
        var files = new TrackFileOptions(parameters.GetBoolean("labelme"), parameters.GetBoolean("rois"), overlay.Length == 0 ? null : context.ResolvePath(overlay));
        return new TrackJob(source, parameters.GetString("out"), settings, files);
    }
}
