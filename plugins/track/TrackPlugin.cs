using Dislocate.Contracts;
using Dislocate.Track.Commands;

namespace Dislocate.Track;

/// <summary>The <c>track</c> plugin: dislocation lines as splines, linked into tracks through in-situ TEM stacks.</summary>
public sealed class TrackPlugin : IPlugin
{
    /// <summary>The plugin's own version; equals <c>version</c> in plugin.json and is written into every JSON it makes.</summary>
    public const string Version = "0.1.0";

    /// <inheritdoc/>
    public string Id => "track";

    /// <inheritdoc/>
    public string DisplayName => "Dislocation tracking";

    /// <inheritdoc/>
    public IReadOnlyList<IPluginCommand> Commands { get; } =
    [
        new LinesCommand(),
        new RunCommand(),
        new TrackImageCommand(),
        new PairsCommand(),
        new ScoreCommand(),
    ];
}
