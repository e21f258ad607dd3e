using System.Diagnostics;
using System.Globalization;
using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Core.Jobs;
using Dislocate.Synthetic.Dataset;
using Dislocate.Synthetic.Recipes;
using Dislocate.Synthetic.Rendering;
using Dislocate.Synthetic.Settings;
using Dislocate.Synthetic.Streaming;

// Throughput of the synthetic generator at 512×512 with 10 dislocations per image, split into phases.
// Usage: dotnet run -c Release --project bench/Synthetic.Bench [-- images [threads [folder]]]
// Files go to a new folder under `folder` (default: the temp folder), removed at the end. Nothing is deleted between
// phases: ext4 skips recently freed inodes when it creates files, which would slow the phases after a deletion.
var images = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 400;
var threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
var parent = args.Length > 2 ? args[2] : Path.GetTempPath();
var settings = GeneratorSettings.Default with
{
    Microstructure = GeneratorSettings.Default.Microstructure with { Pileups = ValueRange.Fixed(2), PerPileup = ValueRange.Fixed(5) },
};
SettingsValidator.Validate(settings);
const ulong Seed = 7;
const int Owned = 100; // rendered samples kept for the writing phase (each holds ~3.5 MB)

var renderer = new SampleRenderer(settings.Width, settings.Height);
var scratch = new float[settings.Width * settings.Height];
var root = Path.Combine(parent, "dislocate-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
var options = new DatasetOptions(Path.Combine(root, "write"), images, 1.0, Seed, ImageFormat.Png8, MaskFormat.Tiff, Labelme: true, Shard.All, 1);

// Warm-up, so that tiered compilation has settled: with dynamic PGO the JSON writers, for one, need ~3000 calls
// (about 0.5 s) before they reach their final speed (0.2 → 0.045 ms per labelme file, measured).
const int WarmUp = 300;
var samples = new RenderedSample[Owned];
for (var i = 0; i < WarmUp; i++)
{
    var recipe = RecipeSampler.Sample(settings, DatasetWriter.SampleSeed(Seed, images + i), null);
    renderer.RenderBackground(recipe.Background, null, scratch);
    if (i < Owned)
    {
        samples[i] = renderer.Render(recipe, null);
    }
}

var warm = options with { Output = Path.Combine(root, "warm"), Count = WarmUp };
SampleWriter.CreateFolders(new SampleFiles(warm, 0, 1));
for (var i = 0; i < WarmUp; i++)
{
    SampleWriter.Write(new SampleFiles(warm, i, 1), [samples[i % Owned]], Document(i, samples[i % Owned]), ImageFormat.Png8, MaskFormat.Tiff, createFolders: false);
}

// Phase split on one thread.
var recipes = new ImageRecipe[images];
var sw = Stopwatch.StartNew();
for (var i = 0; i < images; i++)
{
    recipes[i] = RecipeSampler.Sample(settings, DatasetWriter.SampleSeed(Seed, i), null);
}

var geometryMs = sw.Elapsed.TotalMilliseconds / images;
sw.Restart();
for (var i = 0; i < images; i++)
{
    renderer.RenderBackground(recipes[i].Background, null, scratch);
}

var backgroundMs = sw.Elapsed.TotalMilliseconds / images;

sw.Restart();
for (var i = 0; i < images; i++)
{
    renderer.RenderInPlace(recipes[i], null);
}

var renderMs = sw.Elapsed.TotalMilliseconds / images;
var drawingMs = renderMs - backgroundMs;
var dislocations = recipes.Average(r => r.Dislocations.Count());
for (var i = 0; i < Owned; i++)
{
    samples[i] = renderer.Render(recipes[i], null); // Owned copies for the writing phase.
}

// Writing: every image's five files, as 'generate' writes them (the samples repeat every 100 images).
SampleWriter.CreateFolders(new SampleFiles(options, 0, 1));
sw.Restart();
for (var i = 0; i < images; i++)
{
    SampleWriter.Write(new SampleFiles(options, i, 1), [samples[i % Owned]], Document(i, samples[i % Owned]), ImageFormat.Png8, MaskFormat.Tiff, createFolders: false);
}

var writingMs = sw.Elapsed.TotalMilliseconds / images;

// The writing phase per file kind, each written for every image on its own, into folders of its own.
var fileMs = new Dictionary<string, double>();
void TimeFiles(string name, Action<SampleFiles, RenderedSample, int> write)
{
    var kind = options with { Output = Path.Combine(root, "by-file", name) };
    SampleWriter.CreateFolders(new SampleFiles(kind, 0, 1));
    var timer = Stopwatch.StartNew();
    for (var i = 0; i < images; i++)
    {
        write(new SampleFiles(kind, i, 1), samples[i % Owned], i);
    }

    fileMs[name] = timer.Elapsed.TotalMilliseconds / images;
}

TimeFiles("image", (f, s, _) => SampleWriter.WriteImage(f.Image, [s], ImageFormat.Png8));
TimeFiles("masks", (f, s, _) => SampleWriter.WriteMasks(f.Masks, [s], MaskFormat.Tiff));
TimeFiles("union", (f, s, _) => SampleWriter.WriteUnion(f.Union, [s]));
TimeFiles("labelme", (f, s, _) => LabelmeExport.Write(f.Labelme!, s, "x.png"));
TimeFiles("params", (f, s, i) => AtomicFile.WriteAllText(f.Params, SyntheticJson.Serialize(Document(i, s)), durable: false));
TimeFiles("empty", (f, _, _) => AtomicFile.WriteAllBytes(f.Params, [], durable: false));

// Whole pipeline in memory on all threads.
var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
sw.Restart();
var source = new SyntheticSampleSource(settings, Seed);
Parallel.For(0, images, parallel, i => source.GetView(i));
var memoryRate = images / sw.Elapsed.TotalSeconds;

// Whole pipeline with writing, as 'generate' runs it.
sw.Restart();
DatasetWriter.Write(settings, options with { Output = Path.Combine(root, "generate"), Threads = threads }, null, CancellationToken.None);
var diskRate = images / sw.Elapsed.TotalSeconds;

// The lean variant: uncompressed 8-bit TIFF images and no labelme JSON (masks, union and params as always).
sw.Restart();
DatasetWriter.Write(settings, options with { Output = Path.Combine(root, "generate-lean"), Threads = threads, ImageFormat = ImageFormat.Tif8, Labelme = false }, null, CancellationToken.None);
var leanRate = images / sw.Elapsed.TotalSeconds;
Directory.Delete(root, recursive: true);

var total = geometryMs + renderMs + writingMs;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"synthetic generator, 512x512, {dislocations:0.0} dislocations/image, {images} images, {Environment.ProcessorCount} cores, files under {parent}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one thread, ms/image: background {backgroundMs:0.00}  geometry {geometryMs:0.00}  drawing {drawingMs:0.00}  writing {writingMs:0.00}  total {total:0.00}"));
Console.WriteLine("writing by file, ms/image: " + string.Join("  ", fileMs.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value:0.00}"))) + "  (empty: create + rename of an empty file)");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"in memory, {threads} threads: {memoryRate:0} images/s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generate (with writing), {threads} threads: {diskRate:0} images/s = {1000.0 * threads / diskRate:0.00} ms/image/core"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generate --format tif8 --labelme false, {threads} threads: {leanRate:0} images/s = {1000.0 * threads / leanRate:0.00} ms/image/core"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"garbage collections: gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}; pause {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"paper's Python pipeline: ~440 ms/image/core -> speed-up {440.0 / total:0}x (one thread, all phases)"));

SampleDocument Document(int index, RenderedSample sample) =>
    new(SampleDocument.GeneratorName, "bench", SampleDocument.CurrentFormat, Seed, index, 0, settings, [sample.Recipe]);
