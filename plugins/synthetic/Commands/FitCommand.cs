using System.Globalization;
using Dislocate.Contracts;
using Dislocate.Synthetic.Presets;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Commands;

/// <summary><c>synthetic fit &lt;annotations&gt;</c>: writes a fitted preset (microstructure M1) from labelme annotations or union line masks of real images.</summary>
internal sealed class FitCommand : IPluginCommand
{
    private static readonly ParameterSpec<string> Annotations = Parameter.Path("annotations", "Annotations (labelme or mask folder)", ParameterKind.InputFolder, "Folder of labelme JSON files with dislocations annotated as polylines, or, when it holds none, of union line masks (one image per frame; each connected piece is one dislocation; touching lines become one).", required: true, positional: true);

    private static readonly ParameterSpec<string> Out = Parameter.Path("out", "Output preset (JSON)", ParameterKind.OutputFile, "Preset file to write; use it with preset=<file>.", required: true);

    private static readonly ParameterSpec<double> LinkDistance = Parameter.Real("link_distance", "Largest link distance (px)", 80, 1, 100000, "Lines with similar direction whose centroids are closer than this belong to one pileup.");

    private static readonly ParameterSpec<double> MaxAngle = Parameter.Real("max_angle", "Largest turn (°)", 20, 0, 90, "Largest chord-direction difference within a pileup.");

    public CommandDescriptor Descriptor { get; } = new(
        "fit",
        "Fit Synthetic Preset",
        "Synthetic",
        "Fit microstructure distributions (pileups, dislocations per pileup, slip width, direction, spacing, line shapes) to labelme annotations or union line masks.",
        [
            Annotations,
            Out,
            LinkDistance,
            MaxAngle,
        ]);

    public Task<CommandResult> ExecuteAsync(ParameterValues parameters, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var preset = PresetFitter.Fit(parameters.Get(Annotations), GeneratorSettings.Default, parameters.Get(LinkDistance), parameters.Get(MaxAngle));
        var path = parameters.Get(Out);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        PresetFile.Write(path, preset);
        var e = preset.Settings.Microstructure.Empirical!;
        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"{preset.Description} Slip width {e.SlipWidth.Min():0}..{e.SlipWidth.Max():0} px, {e.Spacing.Length} spacings. Wrote {path}.");
        return Task.FromResult(CommandResult.Of(summary, new FileOutput("preset", path)));
    }
}
