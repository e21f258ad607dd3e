using Dislocate.Contracts;
using Dislocate.Core.Geometry;
using Dislocate.Core.IO;
using Dislocate.Synthetic.Backgrounds;
using Dislocate.Synthetic.Dataset;
using Dislocate.Synthetic.Recipes;
using Dislocate.Synthetic.Rendering;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Commands;

/// <summary><c>synthetic replay &lt;json&gt;</c>: regenerates a sample's image and masks, byte for byte, from its params JSON.</summary>
internal sealed class ReplayCommand : IPluginCommand
{
    private static readonly ParameterSpec<string> Json = Parameter.Path("json", "Generator record (params JSON)", ParameterKind.InputFile, "A params JSON written by generate, replay or twin.", required: true, positional: true);

    private static readonly ParameterSpec<string> Out = Parameter.Path("out", "Output (folder)", ParameterKind.OutputFolder, "Folder for the regenerated files.", required: true);

    private static readonly ParameterSpec<string> Backgrounds = Parameter.Path("backgrounds", "Real backgrounds (folder)", ParameterKind.InputFolder, "Where the real background images are now, if they moved (their contents must be unchanged).");

    public CommandDescriptor Descriptor { get; } = new(
        "replay",
        "Replay Synthetic Sample",
        "Synthetic",
        "Regenerate the image and masks of a sample from its params JSON (byte-identical to the original).",
        [
            Json,
            Out,
            CommonParameters.Format,
            CommonParameters.Masks,
            Backgrounds,
        ]);

    public Task<CommandResult> ExecuteAsync(ParameterValues parameters, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        var path = parameters.Get(Json);
        var document = ReadDocument(path);
        var folder = parameters.GetOptional(Backgrounds) ?? document.Settings.Background.Folder;
        var real = document.Frames.Any(f => f.Background.Kind == BackgroundKind.Real);
        if (real && folder is null)
        {
            throw new ParameterException(Backgrounds.Key, "this sample has a real background: give the folder of background images");
        }

        return Task.Run(
            () =>
            {
                var library = real ? new BackgroundLibrary(folder!) : null;
                var first = document.Frames[0];
                var renderer = SampleRenderer.ForCurrentThread(first.Width, first.Height);
                var frames = new List<RenderedSample>();
                foreach (var recipe in document.Frames)
                {
                    context.Cancellation.ThrowIfCancellationRequested();
                    frames.Add(renderer.Render(recipe, library));
                    context.Progress.Report(new ProgressUpdate(frames.Count, document.Frames.Count));
                }

                var format = CommonParameters.ReadFormat(parameters);
                if (frames.Count > 1 && format is ImageFormat.Png8 or ImageFormat.Png16)
                {
                    format = ImageFormat.Tif8; // A sequence cannot be a PNG; TIFF keeps the frames together.
                }

                var masks = frames.Count > 1 ? MaskFormat.Tiff : CommonParameters.ReadMasks(parameters);
                var files = SampleFiles.Flat(parameters.Get(Out), Path.GetFileNameWithoutExtension(path), format, masks, labelme: true, frames.Count);
                SampleWriter.Write(files, frames, document, format, masks);
                return CommandResult.Of(
                    $"Regenerated sample {document.Index} ({frames.Count} frame(s), {first.Dislocations.Count()} dislocations) into {parameters.Get(Out)}.",
                    new FileOutput("image", files.Image),
                    new FileOutput("masks", files.Masks),
                    new FileOutput("union", files.Union),
                    new FileOutput("params", files.Params));
            },
            context.Cancellation);
    }

    /// <summary>Reads and checks a params JSON; errors name the file and field.</summary>
    public static SampleDocument ReadDocument(string path)
    {
        var document = SyntheticJson.Read<SampleDocument>(path);
        if (document.Generator != SampleDocument.GeneratorName)
        {
            throw new InputFileException(path, "generator", $"'{document.Generator}' is not a Dislocate synthetic sample");
        }

        if (document.FormatVersion > SampleDocument.CurrentFormat)
        {
            throw new InputFileException(path, "format_version", $"{document.FormatVersion} is newer than this plugin understands ({SampleDocument.CurrentFormat}); update Dislocate");
        }

        if (document.Frames.Count == 0)
        {
            throw new InputFileException(path, "frames", "holds no recipe");
        }

        for (var f = 0; f < document.Frames.Count; f++)
        {
            var r = document.Frames[f];
            if (r.Width < 1 || r.Height < 1 || r.Width > 16384 || r.Height > 16384)
            {
                throw new InputFileException(path, $"frames[{f}].width", "image size must be 1..16384");
            }

            if (RecipeValidator.FindProblem(r, f) is { } problem)
            {
                throw new InputFileException(path, problem.Field, problem.Problem);
            }

            foreach (var d in r.Dislocations)
            {
                if (d.X.Length < 2 || d.X.Length != d.Y.Length || !d.X.Concat(d.Y).All(double.IsFinite)
                    || Polyline.RemoveRepeats(d.X.Zip(d.Y, (x, y) => new PointD(x, y)).ToArray()).Length < 2)
                {
                    throw new InputFileException(path, $"frames[{f}].pileups…dislocations[id {d.Id}]", "needs ≥ 2 distinct finite support points with as many x as y values");
                }
            }
        }

        try
        {
            SettingsValidator.Validate(document.Settings);
        }
        catch (ParameterException e)
        {
            throw new InputFileException(path, $"settings.{e.Key}", e.Message, e);
        }

        return document;
    }
}
