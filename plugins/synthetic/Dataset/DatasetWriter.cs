using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Core.Jobs;
using Dislocate.Core.Random;
using Dislocate.Synthetic.Backgrounds;
using Dislocate.Synthetic.Recipes;
using Dislocate.Synthetic.Rendering;
using Dislocate.Synthetic.Sequences;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Dataset;

/// <summary>What a dataset run did.</summary>
/// <param name="Written">Samples generated and written by this run.</param>
/// <param name="Skipped">Samples of this shard that an earlier run had already finished.</param>
/// <param name="Owned">Samples this shard is responsible for.</param>
public sealed record DatasetRunSummary(long Written, long Skipped, long Owned);

/// <summary>
/// Writes a dataset folder: train/ and test/ with images, instance masks, union masks, labelme JSON and params JSON.
/// Samples are generated in parallel, each from its own seed (dataset seed, index), so the result does not depend on
/// the thread count, the shard split or on interruptions: finished samples are skipped, unfinished ones regenerated.
/// </summary>
public static class DatasetWriter
{
    /// <summary>The seed of sample <paramref name="index"/>.</summary>
    public static ulong SampleSeed(ulong datasetSeed, long index) => SeedDerivation.Derive(datasetSeed, (ulong)index);

    /// <summary>Generates the samples this shard owns that are not yet complete.</summary>
    public static DatasetRunSummary Write(GeneratorSettings settings, DatasetOptions options, IProgress<ProgressUpdate>? progress, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        SettingsValidator.Validate(settings);
        Validate(settings, options);
        var library = settings.Background.Kind == BackgroundKind.Real ? new BackgroundLibrary(settings.Background.Folder!) : null;
        Directory.CreateDirectory(options.Output);
        WriteOrCheckManifest(settings, options);

        var owned = new List<long>();
        for (var i = (long)options.Shard.Index; i < options.Count; i += options.Shard.Count)
        {
            owned.Add(i);
        }

        foreach (var first in new[] { 0L, options.TrainCount }.Where(i => i < options.Count).Distinct())
        {
            SampleWriter.CreateFolders(new SampleFiles(options, first, settings.Sequence.Frames));
        }

        long done = 0, written = 0, skipped = 0;
        var total = owned.Count;
        progress?.Report(new ProgressUpdate(0, total, "generating"));
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Threads), CancellationToken = cancellation };
        Parallel.ForEach(owned, parallel, index =>
        {
            var files = new SampleFiles(options, index, settings.Sequence.Frames);
            if (files.IsComplete)
            {
                Interlocked.Increment(ref skipped);
            }
            else
            {
                var (frames, document) = Generate(settings, options.Seed, index, library, inPlace: true);
                SampleWriter.Write(files, frames, document, options.ImageFormat, options.MaskFormat, createFolders: false);
                Interlocked.Increment(ref written);
            }

            progress?.Report(new ProgressUpdate(Interlocked.Increment(ref done), total));
        });
        return new DatasetRunSummary(written, skipped, total);
    }

    /// <summary>Samples and renders sample <paramref name="index"/> (all its frames) with the calling thread's renderer.</summary>
    /// <param name="settings">Generator settings.</param>
    /// <param name="datasetSeed">Dataset master seed.</param>
    /// <param name="index">Sample index.</param>
    /// <param name="library">Background images, for real backgrounds.</param>
    /// <param name="inPlace">For a single frame, return a view of the thread's canvas (valid until its next render) instead of new arrays.</param>
    /// <param name="cancellation">Checked before each frame of a sequence.</param>
    public static (IReadOnlyList<RenderedSample> Frames, SampleDocument Document) Generate(GeneratorSettings settings, ulong datasetSeed, long index, BackgroundLibrary? library, bool inPlace = false, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var seed = SampleSeed(datasetSeed, index);
        var recipes = settings.Sequence.Frames > 1
            ? SequenceSampler.Sample(settings, seed, library)
            : [RecipeSampler.Sample(settings, seed, library)];
        var renderer = SampleRenderer.ForCurrentThread(settings.Width, settings.Height);
        var frames = inPlace && recipes.Count == 1
            ? [renderer.RenderInPlace(recipes[0], library)]
            : recipes.Select(r =>
            {
                cancellation.ThrowIfCancellationRequested();
                return renderer.Render(r, library);
            }).ToList();
        var document = new SampleDocument(SampleDocument.GeneratorName, SyntheticPlugin.Version, SampleDocument.CurrentFormat, datasetSeed, index, seed, settings, recipes);
        return (frames, document);
    }

    private static void Validate(GeneratorSettings settings, DatasetOptions o)
    {
        if (o.Count < 1)
        {
            throw new ParameterException("count", "must be ≥ 1");
        }

        if (o.Split is < 0 or > 1)
        {
            throw new ParameterException("split", "must be 0..1");
        }

        if (settings.Sequence.Frames > 1 && o.ImageFormat is ImageFormat.Png8 or ImageFormat.Png16)
        {
            throw new ParameterException("format", "sequences (frames > 1) are stored as multi-page TIFF: use tif8, tif16 or tif32");
        }

        if (settings.Sequence.Frames > 1 && o.MaskFormat == MaskFormat.Png)
        {
            throw new ParameterException("masks", "sequences (frames > 1) store masks as TIFF hyperstacks: use masks=tiff");
        }
    }

    private static void WriteOrCheckManifest(GeneratorSettings settings, DatasetOptions o)
    {
        var manifest = new DatasetManifest(
            SampleDocument.GeneratorName, SyntheticPlugin.Version, SampleDocument.CurrentFormat, o.Seed, o.Count, o.Split, o.TrainCount, o.ImageFormat, o.MaskFormat, o.Labelme, settings);
        var text = SyntheticJson.Serialize(manifest);
        var path = Path.Combine(o.Output, DatasetManifest.FileName);
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path);
            if (!string.Equals(existing, text, StringComparison.Ordinal))
            {
                throw new CommandException(
                    $"{path}: this folder holds a dataset made with other parameters ({FirstDifference(existing, text)}); " +
                    "resume with the same parameters, or choose another output folder.");
            }

            return;
        }

        AtomicFile.WriteAllText(path, text);
    }

    private static string FirstDifference(string existing, string wanted)
    {
        var a = existing.Split('\n');
        var b = wanted.Split('\n');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (!string.Equals(a[i], b[i], StringComparison.Ordinal))
            {
                return $"line {i + 1}: has '{a[i].Trim()}', wanted '{b[i].Trim()}'";
            }
        }

        return "different length";
    }
}
