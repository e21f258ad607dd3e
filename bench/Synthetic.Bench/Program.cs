using System.Diagnostics;
using System.Globalization;
using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Synthetic.Dataset;
using Dislocate.Synthetic.Recipes;
using Dislocate.Synthetic.Rendering;
using Dislocate.Synthetic.Settings;
using Dislocate.Synthetic.Streaming;

// Throughput of the synthetic generator at 512×512 with 10 dislocations per image, split into phases.
// Usage: dotnet run -c Release --project bench/Synthetic.Bench [-- images [threads]]
var images = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 400;
var threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
var settings = GeneratorSettings.Default with
{
    Microstructure = GeneratorSettings.Default.Microstructure with { Pileups = ValueRange.Fixed(2), PerPileup = ValueRange.Fixed(5) },
};
SettingsValidator.Validate(settings);
const ulong Seed = 7;

var renderer = new SampleRenderer(settings.Width, settings.Height);
var scratch = new float[settings.Width * settings.Height];

// Warm-up so the JIT's tiered compilation settles before timing.
for (var i = 0; i < 30; i++)
{
    renderer.RenderInPlace(RecipeSampler.Sample(settings, DatasetWriter.SampleSeed(Seed, i), null), null);
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
var samples = new RenderedSample[Math.Min(images, 100)];
sw.Restart();
for (var i = 0; i < images; i++)
{
    renderer.RenderInPlace(recipes[i], null);
}

var renderMs = sw.Elapsed.TotalMilliseconds / images;
for (var i = 0; i < samples.Length; i++)
{
    samples[i] = renderer.Render(recipes[i], null); // Owned copies for the writing phase.
}

var drawingMs = renderMs - backgroundMs;
var dislocations = recipes.Average(r => r.Dislocations.Count());

var dir = Path.Combine(Path.GetTempPath(), "dislocate-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
var options = new DatasetOptions(dir, samples.Length, 1.0, Seed, ImageFormat.Png8, MaskFormat.Tiff, Labelme: true, Shard.All, 1);
for (var i = 0; i < 10; i++)
{
    // Warm-up of the writers (JSON serializer metadata, zlib, TIFF encoder) into a separate folder.
    var warm = new SampleFiles(options with { Output = dir + "-warm" }, i, 1);
    SampleWriter.Write(warm, [samples[i]], new SampleDocument(SampleDocument.GeneratorName, "bench", 1, Seed, i, 0, settings, [samples[i].Recipe]), ImageFormat.Png8, MaskFormat.Tiff);
}

Directory.Delete(dir + "-warm", recursive: true);
sw.Restart();
for (var i = 0; i < samples.Length; i++)
{
    var files = new SampleFiles(options, i, 1);
    var doc = new SampleDocument(SampleDocument.GeneratorName, "bench", 1, Seed, i, 0, settings, [samples[i].Recipe]);
    SampleWriter.Write(files, [samples[i]], doc, ImageFormat.Png8, MaskFormat.Tiff);
}

var writingMs = sw.Elapsed.TotalMilliseconds / samples.Length;
Directory.Delete(dir, recursive: true);

// The writing phase per file, each file kind written for every sample on its own (same folders, same atomic writes).
var fileMs = new Dictionary<string, double>();
void TimeFiles(string name, Action<SampleFiles, RenderedSample, int> write)
{
    var timer = Stopwatch.StartNew();
    for (var i = 0; i < samples.Length; i++)
    {
        write(new SampleFiles(options, i, 1), samples[i], i);
    }

    fileMs[name] = timer.Elapsed.TotalMilliseconds / samples.Length;
}

SampleWriter.CreateFolders(new SampleFiles(options, 0, 1));
TimeFiles("image", (f, s, _) => SampleWriter.WriteImage(f.Image, [s], ImageFormat.Png8));
TimeFiles("masks", (f, s, _) => SampleWriter.WriteMasks(f.Masks, [s], MaskFormat.Tiff));
TimeFiles("union", (f, s, _) => SampleWriter.WriteUnion(f.Union, [s]));
TimeFiles("labelme", (f, s, _) => LabelmeExport.Write(f.Labelme!, s, "x.png"));
TimeFiles("params", (f, s, i) => AtomicFile.WriteAllText(f.Params, SyntheticJson.Serialize(new SampleDocument(SampleDocument.GeneratorName, "bench", 1, Seed, i, 0, settings, [s.Recipe])), durable: false));
TimeFiles("empty file", (f, _, _) => AtomicFile.WriteAllBytes(f.Params, [], durable: false));
Directory.Delete(dir, recursive: true);

// Whole pipeline in memory on all threads.
var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
sw.Restart();
var source = new SyntheticSampleSource(settings, Seed);
Parallel.For(0, images, parallel, i => source.GetView(i));
var memoryRate = images / sw.Elapsed.TotalSeconds;

// Whole pipeline with writing, as 'generate' runs it.
var dir2 = dir + "-gen";
sw.Restart();
DatasetWriter.Write(settings, options with { Output = dir2, Count = images, Threads = threads }, null, CancellationToken.None);
var diskRate = images / sw.Elapsed.TotalSeconds;
Directory.Delete(dir2, recursive: true);

// The lean variant: uncompressed 8-bit TIFF images and no labelme JSON (masks, union and params as always).
sw.Restart();
DatasetWriter.Write(settings, options with { Output = dir2, Count = images, Threads = threads, ImageFormat = ImageFormat.Tif8, Labelme = false }, null, CancellationToken.None);
var leanRate = images / sw.Elapsed.TotalSeconds;
Directory.Delete(dir2, recursive: true);

var total = geometryMs + renderMs + writingMs;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"synthetic generator, 512x512, {dislocations:0.0} dislocations/image, {images} images, {Environment.ProcessorCount} cores"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one thread, ms/image: background {backgroundMs:0.00}  geometry {geometryMs:0.00}  drawing {drawingMs:0.00}  writing {writingMs:0.00}  total {total:0.00}"));
Console.WriteLine("writing by file, ms/image: " + string.Join("  ", fileMs.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value:0.00}"))));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"in memory, {threads} threads: {memoryRate:0} images/s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generate (with writing), {threads} threads: {diskRate:0} images/s = {1000.0 * threads / diskRate:0.00} ms/image/core"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generate --format tif8 --labelme false, {threads} threads: {leanRate:0} images/s = {1000.0 * threads / leanRate:0.00} ms/image/core"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"garbage collections: gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}; pause {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"paper's Python pipeline: ~440 ms/image/core -> speed-up {440.0 / total:0}x (one thread, all phases)"));
