using Dislocate.Contracts;
using Dislocate.Segment.Commands;

namespace Dislocate.Segment;

/// <summary>The <c>segment</c> plugin: UNet++ instance segmentation of dislocations, its loss, metric, training and inference.</summary>
public sealed class SegmentPlugin : IPlugin
{
    /// <summary>The plugin's own version, written into every model and JSON it makes: "version" in plugin.json, the one place to change it (the build gives it to the assembly; plugins/Directory.Build.props).</summary>
    public static string Version { get; } = Dislocate.Core.Runtime.AssemblyVersion.Of(typeof(SegmentPlugin).Assembly);

    /// <inheritdoc/>
    public string Id => "segment";

    /// <inheritdoc/>
    public string DisplayName => "Dislocation segmentation (UNet++)";

    /// <inheritdoc/>
    public IReadOnlyList<IPluginCommand> Commands { get; } =
    [
        new TrainCommand(),
        new FineTuneCommand(),
        new SegmentImageCommand(),
        new RunCommand(),
        new MergeCommand(),
        new InfoCommand(),
        new ProbeKernelsCommand(),
        new EvaluateCommand(),
        new EvaluateMatrixCommand(),
        new ScoreCommand(),
        new ExportCommand(),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<DiagnosticCheck> Diagnose() => SegmentDiagnostics.Run();
}
