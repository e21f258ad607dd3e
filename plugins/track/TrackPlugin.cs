using Dislocate.Contracts;
using Dislocate.Track.Commands;

namespace Dislocate.Track;

/// <summary>The <c>track</c> plugin: dislocation lines as splines, linked into tracks through in-situ TEM stacks.</summary>
public sealed class TrackPlugin : IPlugin
{
    /// <summary>The plugin's own version, written into every JSON it makes: "version" in plugin.json, the one place to change it (the build gives it to the assembly; plugins/Directory.Build.props).</summary>
    public static string Version { get; } = Dislocate.Core.Runtime.AssemblyVersion.Of(typeof(TrackPlugin).Assembly);

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
