using System.Diagnostics;
using System.Globalization;
using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Hosting.Parameters;
using Dislocate.Track.Bench;
using Dislocate.Track.Commands;
using Dislocate.Track.Inputs;
using Dislocate.Track.Linking;
using Dislocate.Track.Pipeline;

// Benchmark of the track plugin (a program, not a test): extract and track lines of a stack of label images.
//   dotnet run -c Release --project bench/Track.Bench -- [frames=1000] [lines=20] [size=512]
// Prints the time of (a) the engine on frames held in memory, (b) 'track run' on the same stack written as a 16-bit
// TIFF (reading, extraction, linking, analysis and every output file), the peak working set, and the id accuracy
// against the scene's true ids.
var frames = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var lines = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
var size = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 512;
var folder = Path.Combine(Path.GetTempPath(), "dislocate-track-bench");
Directory.CreateDirectory(folder);
var stack = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"labels-{frames}x{lines}-{size}.tif"));
var scene = new MovingLines(size, lines, seed: 7);
if (!File.Exists(stack))
{
    Console.WriteLine($"writing {stack} …");
    var pages = new List<ReadOnlyMemory<ushort>>(frames);
    for (var f = 0; f < frames; f++)
    {
        var labels = new ushort[size * size];
        scene.Draw(f, labels);
        pages.Add(labels);
    }

    TiffStackWriter.Write(stack, pages, size, size, TiffCompression.PackBits);
}

Console.WriteLine($"machine: {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
Console.WriteLine($"stack: {frames} frames × {lines} lines, {size}×{size}, {new FileInfo(stack).Length / 1e6:F1} MB");

// (a) Engine only: frames drawn in batches into reused buffers (drawing not timed), extraction (parallel over the
// cores, as 'track run' does) + linking + analysis timed.
var threads = Environment.ProcessorCount;
var buffers = Enumerable.Range(0, 4 * threads).Select(_ => new ushort[size * size]).ToArray();
var pipeline = new TrackingPipeline(TrackingSettings.Default);
var observed = new List<ScoredObservation>();
var engine = Stopwatch.StartNew();
var drawTime = TimeSpan.Zero;
for (var start = 0; start < frames; start += buffers.Length)
{
    var draw = Stopwatch.StartNew();
    var batch = new List<MaskFrame>();
    for (var f = start; f < Math.Min(frames, start + buffers.Length); f++)
    {
        scene.Draw(f, buffers[f - start]);
        batch.Add(new MaskFrame(f, "f", size, size, buffers[f - start], null));
    }

    drawTime += draw.Elapsed;
    foreach (var tracked in pipeline.AddRange(batch, threads))
    {
        observed.AddRange(tracked.Lines.Select(l => new ScoredObservation(tracked.Index, l.TrackId, l.Line.Label)));
    }
}

var result = pipeline.Complete();
engine.Stop();
var engineSeconds = (engine.Elapsed - drawTime).TotalSeconds;
var score = TrackingScore.Compute(observed);
Console.WriteLine($"(a) engine (extract + link + analyse, frames in memory): {engineSeconds:F2} s = {engineSeconds * 1000 / frames:F2} ms/frame; {result.Lines} lines, {result.Tracks.Count} tracks (true {lines}), {result.Pileups.Count} pileups");
Console.WriteLine($"    tracking vs truth: {score}");

// (b) The command on the TIFF, every output written.
var output = Path.Combine(folder, "run");
if (Directory.Exists(output))
{
    Directory.Delete(output, recursive: true);
}

var command = new RunCommand();
var values = ParameterBinder.Bind(command.Descriptor, new Dictionary<string, string> { ["input"] = stack, ["out"] = output }, folder);
var run = Stopwatch.StartNew();
await command.ExecuteAsync(values, CommandContext.Silent());
run.Stop();
Console.WriteLine($"(b) track run on the TIFF (read + extract + link + analyse + all files): {run.Elapsed.TotalSeconds:F2} s = {run.Elapsed.TotalMilliseconds / frames:F2} ms/frame");
Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB");
