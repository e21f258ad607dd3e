using Dislocate.Track.Inputs;
using Dislocate.Track.Pipeline;

namespace Dislocate.Track.Commands;

/// <summary>The head of a run's JSON: what was read, with which settings, by which plugin version.</summary>
internal static class TrackHeader
{
    /// <summary>The header entries for a run of <paramref name="command"/> over <paramref name="source"/>.</summary>
    public static IReadOnlyDictionary<string, object?> Of(string command, MaskStackSource source, TrackingSettings settings) => new Dictionary<string, object?>
    {
        ["plugin"] = "track",
        ["version"] = TrackPlugin.Version,
        ["command"] = command,
        ["input"] = source.Path,
        ["kind"] = source.Kind.ToString().ToLowerInvariant(),
        ["width"] = source.Width,
        ["height"] = source.Height,
        ["settings"] = settings,
    };
}
