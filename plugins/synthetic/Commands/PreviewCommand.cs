using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Synthetic.Rendering;
using Dislocate.Synthetic.Settings;
using Dislocate.Synthetic.Streaming;

namespace Dislocate.Synthetic.Commands;

/// <summary><c>synthetic preview</c>: a contact-sheet PNG of the first samples of a dataset, rendered in memory.</summary>
internal sealed class PreviewCommand : IPluginCommand
{
    private static readonly ParameterSpec<string> Out = Parameter.Path("out", "Output (PNG file)", ParameterKind.OutputFile, "Contact sheet PNG to write.", required: true);

    private static readonly ParameterSpec<long> Count = Parameter.Whole("count", "Number of samples", 12, 1, 400, "Number of samples shown (indices 0 … count−1).");

    private static readonly ParameterSpec<long> Columns = Parameter.Whole("columns", "Columns", 3, 1, 40, "Samples per row.");

    private static readonly ParameterSpec<long> Downscale = Parameter.Whole("downscale", "Downscale (factor)", 2, 1, 16, "Integer downscale of each tile.");

    public CommandDescriptor Descriptor { get; } = new(
        "preview",
        "Synthetic Preview",
        "Synthetic",
        "Write a contact sheet PNG: each sample's image beside its instance masks in colour (same samples as 'generate' with the same seed).",
        [
            Out,
            Count,
            Columns,
            Downscale,
            CommonParameters.Seed,
            CommonParameters.Threads,
            .. SettingsParameters.All,
        ]);

    public Task<CommandResult> ExecuteAsync(ParameterValues parameters, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        var settings = SettingsParameters.ToSettings(parameters);
        var path = parameters.Get(Out);
        return Task.Run(
            () =>
            {
                var stream = new SyntheticSampleSource(settings, CommonParameters.ReadSeed(parameters));
                var samples = stream.GetBatch(0, parameters.GetInt32(Count), CommonParameters.ReadThreads(parameters), context.Cancellation);
                var (rgb, w, h) = ContactSheet.Build(samples, parameters.GetInt32(Columns), parameters.GetInt32(Downscale));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                AtomicFile.Write(path, s => PngEncoder.WriteRgb8(s, rgb, w, h));
                var lines = samples.Sum(s => s.Masks.Count);
                return CommandResult.Of($"Wrote a {w}×{h} contact sheet of {samples.Length} samples ({lines} dislocations) to {path}.", new FileOutput("preview", path));
            },
            context.Cancellation);
    }
}
