using Dislocate.Contracts;
using Dislocate.Core.Geometry;
using Dislocate.Core.IO;
using Dislocate.Core.Random;
using Dislocate.Synthetic.Backgrounds;
using Dislocate.Synthetic.Dataset;
using Dislocate.Synthetic.Microstructure;
using Dislocate.Synthetic.Recipes;
using Dislocate.Synthetic.Rendering;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Commands;

/// <summary>
/// <c>synthetic twin &lt;labelme.json&gt;</c>: the synthetic twin of one annotated real image (paper section 5.3,
/// Fig. 14): every annotated line becomes a dislocation through exactly its annotated points, lines are grouped into
/// pileups for the slip traces, and background and line drawing are sampled from the settings.
/// </summary>
internal sealed class TwinCommand : IPluginCommand
{
    private static readonly ParameterSpec<string> Annotation = Parameter.Path("annotation", "Annotation (labelme JSON)", ParameterKind.InputFile, "labelme JSON of the real image, dislocations as polylines.", required: true, positional: true);

    private static readonly ParameterSpec<string> Out = Parameter.Path("out", "Output (folder)", ParameterKind.OutputFolder, "Folder for the twin's files.", required: true);

    public CommandDescriptor Descriptor { get; } = new(
        "twin",
        "Synthetic Twin",
        "Synthetic",
        "Make the synthetic twin of an annotated real image: its labelme lines drawn on a synthetic background, with masks and params JSON.",
        [
            Annotation,
            Out,
            CommonParameters.Seed,
            CommonParameters.Format,
            CommonParameters.Masks,
            .. SettingsParameters.All,
        ]);

    public Task<CommandResult> ExecuteAsync(ParameterValues parameters, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        var path = parameters.Get(Annotation);
        var doc = LabelmeJson.Read(path);
        var settings = SettingsParameters.ToSettings(parameters) with { Width = doc.ImageWidth, Height = doc.ImageHeight };
        SettingsValidator.Validate(settings);
        var seed = CommonParameters.ReadSeed(parameters);
        var library = settings.Background.Kind == BackgroundKind.Real ? new BackgroundLibrary(settings.Background.Folder!) : null;
        var recipe = Recipe(doc, path, settings, seed, library);
        var sample = SampleRenderer.ForCurrentThread(settings.Width, settings.Height).Render(recipe, library);
        var format = CommonParameters.ReadFormat(parameters);
        var masks = CommonParameters.ReadMasks(parameters);
        var files = SampleFiles.Flat(parameters.Get(Out), Path.GetFileNameWithoutExtension(path) + "_twin", format, masks, labelme: true, frames: 1);
        var document = new SampleDocument(SampleDocument.GeneratorName, SyntheticPlugin.Version, SampleDocument.CurrentFormat, seed, 0, seed, settings, [recipe]);
        SampleWriter.Write(files, [sample], document, format, masks);
        return Task.FromResult(CommandResult.Of(
            $"Wrote the synthetic twin of {Path.GetFileName(path)} ({sample.Masks.Count} dislocations in {recipe.Pileups.Count} pileups) to {parameters.Get(Out)}.",
            new FileOutput("image", files.Image),
            new FileOutput("masks", files.Masks),
            new FileOutput("params", files.Params)));
    }

    /// <summary>The twin's recipe: annotated lines as dislocations, grouped into pileups, drawn with sampled parameters.</summary>
    public static ImageRecipe Recipe(LabelmeDocument doc, string path, GeneratorSettings settings, ulong seed, BackgroundLibrary? library)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(settings);
        // Repeated clicks on one spot are common in hand annotations; a line that collapses to a point is not a dislocation.
        var lines = LabelmeJson.LinePolylines(doc)
            .Select(l => Polyline.RemoveRepeats(l.Select(p => new PointD(p.X, p.Y)).ToArray()))
            .Where(l => l.Length >= 2)
            .ToList();
        if (lines.Count == 0)
        {
            throw new InputFileException(path, "shapes", "no line annotations (linestrip, line or polygon with two distinct points) to make a twin from");
        }

        var drawing = new Rng(SeedDerivation.Derive(seed, "drawing"));
        var m = settings.Microstructure;
        var pileups = new List<PileupRecipe>();
        var nextId = 1;
        foreach (var p in PileupClustering.Cluster(lines, linkDistance: 80, maxAngle: 20))
        {
            var dislocations = p.Lines.Select(i => RecipeSampler.Dislocation(drawing, settings.Drawing, nextId++, lines[i])).ToList();
            var lead = lines[p.Lines[0]];
            var traces = RecipeSampler.Traces(drawing, m, lead[0], lead[^1], p.AngleDegrees);

            pileups.Add(new PileupRecipe(p.AngleDegrees, p.SlipWidth, lead[0].X, lead[0].Y, 1, traces, dislocations));
        }

        var background = RecipeSampler.SampleBackground(settings, seed, library);
        var recipe = new ImageRecipe(settings.Width, settings.Height, seed, background, pileups, settings.Drawing.Profile, settings.Drawing.MaskWidth);
        if (RecipeValidator.FindProblem(recipe, 0) is { } problem)
        {
            // Far-away or non-finite annotation points: refused before rasterising (they hung the twin before).
            throw new InputFileException(path, "shapes", problem.Problem);
        }

        return recipe;
    }
}
