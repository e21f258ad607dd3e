using System.Globalization;
using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Hosting.Parameters;
using Dislocate.Synthetic.Dataset;
using Dislocate.Synthetic.Settings;
using Dislocate.Synthetic.Streaming;
using Dislocate.Track.Commands;
using Dislocate.Track.Linking;

namespace Dislocate.Track.Tests.Commands;

/// <summary>The track commands end to end on a generated sequence whose mask channels are the true dislocation ids.</summary>
public sealed class TrackCommandTests : IDisposable
{
    private const int Frames = 12;

    private static readonly GeneratorSettings Settings = GeneratorSettings.Default with
    {
        Width = 192,
        Height = 192,
        Microstructure = GeneratorSettings.Default.Microstructure with
        {
            Pileups = new ValueRange(1, 1),
            PerPileup = new ValueRange(4, 4),
            SlipWidth = new ValueRange(60, 100),
            Spacing = new ValueRange(10, 14),
        },
        Sequence = SequenceSettings.Default with { Frames = Frames },
    };

    private readonly TempFolder temp = new();
    private readonly string masks;

    public TrackCommandTests()
    {
        var frames = new SyntheticSampleSource(Settings, 3).GetFrames(0);
        this.masks = this.temp.File("masks.tif");
        SampleWriter.WriteMasks(this.masks, frames, MaskFormat.Tiff);
    }

    public void Dispose() => this.temp.Dispose();

    [Fact]
    public async Task Run_tracks_a_generated_pileup_with_the_true_ids_and_writes_every_table()
    {
        var folder = this.temp.File("run");
        var result = await Run(new RunCommand(), ("input", this.masks), ("out", folder), ("pixel", "2.5"), ("interval", "0.5"), ("modulus", "80"), ("burgers", "0.25"));

        Assert.Contains("into 4 tracks", result.Summary, StringComparison.Ordinal);
        foreach (var file in new[] { "lines.csv", "points.csv", "tracks.csv", "track_summary.csv", "steps.csv", "step_histogram.csv", "pairs.csv", "track.json", "RoiSet.zip", "distance_vs_frame.png", "velocity_vs_frame.png" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), file);
        }

        Assert.Equal(Frames, Directory.GetFiles(Path.Combine(folder, "labelme")).Length);
        Assert.Empty(Directory.GetFiles(folder, "*.partial", SearchOption.AllDirectories));

        // Label = mask channel = true id; every line of a track carries the same label: no identity switch.
        var lines = Csv(Path.Combine(folder, "lines.csv"));
        var score = TrackingScore.Compute(lines.Select(r => new ScoredObservation(Int(r["frame"]), Int(r["track"]), Int(r["label"]))).ToList());
        Assert.Equal(0, score.IdentitySwitches);
        Assert.Equal(1.0, score.IdAccuracy);
        Assert.Equal(4 * Frames, lines.Count);

        // Units: nm = px × 2.5; stress = 1000·0.5·80·0.25 / R[nm] MPa at the smallest radius.
        var row = lines[0];
        Assert.Equal(Real(row["length_px"]) * 2.5, Real(row["length_nm"]), 4);
        Assert.Equal(10_000.0 / Real(row["min_radius_nm"]), Real(row["max_abs_stress_mpa"]), 2);
        Assert.Equal(10_000.0 * Real(row["mean_curvature_per_px"]) / 2.5, Real(row["mean_stress_mpa"]), 0.01);

        // Each track's steps fall into the shared bins: 20 rows a track whose counts add up to its steps.
        var histogram = Csv(Path.Combine(folder, "step_histogram.csv"));
        var steps = Csv(Path.Combine(folder, "steps.csv"));
        Assert.Equal(4 * 20, histogram.Count);
        foreach (var track in histogram.GroupBy(r => r["track"]))
        {
            Assert.Equal(steps.Count(s => s["track"] == track.Key), track.Sum(r => Int(r["steps"])));
        }

        // One pileup of the four, three neighbour pairs, each measured in every frame.
        var pairs = Csv(Path.Combine(folder, "pairs.csv"));
        Assert.Equal(3 * Frames, pairs.Count);
        Assert.All(pairs, p => Assert.Equal(1, Int(p["pileup"])));
        var summary = Csv(Path.Combine(folder, "track_summary.csv"));
        Assert.Equal([1, 2, 3, 4], summary.Select(r => Int(r["rank"])).Order());

        // Frames count from 1 in every table, as ImageJ counts slices: the run's frames are 1..Frames.
        var all = Enumerable.Range(1, Frames).ToArray();
        Assert.Equal(all, lines.Select(r => Int(r["frame"])).Distinct().Order());
        Assert.Equal(all, pairs.Select(r => Int(r["frame"])).Distinct().Order());
        Assert.Equal(all, Csv(Path.Combine(folder, "tracks.csv")).Select(r => Int(r["frame"])).Distinct().Order());
        Assert.Equal(all, Csv(Path.Combine(folder, "points.csv")).Select(r => Int(r["frame"])).Distinct().Order());
        Assert.All(summary, r => Assert.Equal((1, Frames), (Int(r["first_frame"]), Int(r["last_frame"]))));
        Assert.All(steps, r => Assert.Equal(Int(r["from_frame"]) + 1, Int(r["to_frame"])));
        Assert.Equal(1, steps.Min(r => Int(r["from_frame"])));
    }

    [Fact]
    public async Task Run_writes_a_trackmate_xml_whose_spots_edges_and_tracks_match_the_tables()
    {
        var folder = this.temp.File("tm");
        var xmlPath = this.temp.File("tracks.xml");
        await Run(new RunCommand(), ("input", this.masks), ("out", folder), ("pixel", "2.5"), ("interval", "0.5"), ("trackmate", xmlPath));

        var doc = System.Xml.Linq.XDocument.Load(xmlPath);
        var model = doc.Root!.Element("Model")!;
        Assert.Equal(("nm", "s"), ((string)model.Attribute("spatialunits")!, (string)model.Attribute("timeunits")!));
        var spots = model.Descendants("Spot").ToList();
        var lines = Csv(Path.Combine(folder, "lines.csv"));
        Assert.Equal(lines.Count, spots.Count);
        Assert.Equal(spots.Count, (int)model.Element("AllSpots")!.Attribute("nspots")!);

        // Each spot: at its line's centroid in nm, frame 0-based (TrackMate's), 50 ROI points relative to the spot.
        foreach (var spot in spots)
        {
            var frame = (int)spot.Attribute("FRAME")!;
            var track = (int)spot.Attribute("TRACK_ID_DISLOCATE")!;
            var row = lines.Single(r => Int(r["frame"]) == frame + 1 && Int(r["track"]) == track);
            Assert.Equal(Real(row["x_centroid_px"]) * 2.5, (double)spot.Attribute("POSITION_X")!, 2);
            Assert.Equal(Real(row["y_centroid_px"]) * 2.5, (double)spot.Attribute("POSITION_Y")!, 2);
            Assert.Equal(frame * 0.5, (double)spot.Attribute("POSITION_T")!, 9);
            Assert.Equal(50, (int)spot.Attribute("ROI_N_POINTS")!);
            var roi = spot.Value.Split(' ').Select(Real).ToArray();
            Assert.Equal(100, roi.Length);
            Assert.Equal(0, roi.Where((_, i) => i % 2 == 0).Average(), 6); // relative to the centroid
        }

        // Four tracks over every frame: Frames - 1 edges each, from one frame to the next of the same track.
        var tracks = model.Element("AllTracks")!.Elements("Track").ToList();
        Assert.Equal(4, tracks.Count);
        var byId = spots.ToDictionary(s => (int)s.Attribute("ID")!);
        foreach (var t in tracks)
        {
            var edges = t.Elements("Edge").ToList();
            Assert.Equal(Frames - 1, edges.Count);
            Assert.All(edges, e =>
            {
                var a = byId[(int)e.Attribute("SPOT_SOURCE_ID")!];
                var b = byId[(int)e.Attribute("SPOT_TARGET_ID")!];
                Assert.Equal((int)a.Attribute("FRAME")! + 1, (int)b.Attribute("FRAME")!);
                Assert.Equal((int)t.Attribute("TRACK_ID")!, (int)a.Attribute("TRACK_ID_DISLOCATE")!);
                Assert.Equal((int)t.Attribute("TRACK_ID")!, (int)b.Attribute("TRACK_ID_DISLOCATE")!);
            });
        }

        Assert.Equal(tracks.Select(t => (int)t.Attribute("TRACK_ID")!), model.Element("FilteredTracks")!.Elements("TrackID").Select(t => (int)t.Attribute("TRACK_ID")!));
        var image = doc.Root.Element("Settings")!.Element("ImageData")!;
        Assert.Equal(Frames, (int)image.Attribute("nframes")!);
        Assert.Equal(2.5, (double)image.Attribute("pixelwidth")!);

        // The same run gives the same bytes.
        var again = this.temp.File("tracks2.xml");
        await Run(new RunCommand(), ("input", this.masks), ("out", this.temp.File("tm2")), ("pixel", "2.5"), ("interval", "0.5"), ("trackmate", again));
        Assert.Equal(File.ReadAllBytes(xmlPath), File.ReadAllBytes(again));
    }

    [Fact]
    public async Task Runs_are_byte_identical_on_one_thread_and_on_all()
    {
        var a = this.temp.File("a");
        var b = this.temp.File("b");
        await Run(new RunCommand(), ("input", this.masks), ("out", a));
        var pipeline = new Track.Pipeline.TrackingPipeline(Track.Pipeline.TrackingSettings.Default);
        var source = new Track.Inputs.MaskStackSource(this.masks);
        var one = source.Frames().Select(pipeline.Add).ToList();
        var all = new Track.Pipeline.TrackingPipeline(Track.Pipeline.TrackingSettings.Default).AddRange(source.Frames().ToList(), 4);
        Assert.Equal(one.SelectMany(f => f.Lines.SelectMany(l => l.Measures.Points)), all.SelectMany(f => f.Lines.SelectMany(l => l.Measures.Points)));
        Assert.Equal(one.SelectMany(f => f.Lines.Select(l => l.TrackId)), all.SelectMany(f => f.Lines.Select(l => l.TrackId)));

        await Run(new RunCommand(), ("input", this.masks), ("out", b));
        foreach (var file in Directory.GetFiles(a).Select(Path.GetFileName))
        {
            Assert.True(File.ReadAllBytes(Path.Combine(a, file!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, file!))), file);
        }
    }

    [Fact]
    public async Task Lines_measures_without_linking_and_pairs_reads_a_run_back()
    {
        var lines = this.temp.File("lines");
        await Run(new LinesCommand(), ("input", this.masks), ("out", lines), ("labelme", "false"), ("rois", "false"));
        Assert.All(Csv(Path.Combine(lines, "lines.csv")), r => Assert.Equal(0, Int(r["track"])));
        Assert.False(Directory.Exists(Path.Combine(lines, "labelme")));
        Assert.False(File.Exists(Path.Combine(lines, "RoiSet.zip")));

        var run = this.temp.File("run");
        await Run(new RunCommand(), ("input", this.masks), ("out", run));
        var pairs = this.temp.File("pairs");
        await Run(new PairsCommand(), ("input", run), ("out", pairs), ("tracks", "1-2, 1-4"));
        var rows = Csv(Path.Combine(pairs, "pairs.csv"));
        Assert.Equal(2 * Frames, rows.Count);

        // The same neighbour distances as the run computed, read back from points.csv (whose 6 decimals may move the
        // last digit).
        var neighbours = this.temp.File("neighbours");
        await Run(new PairsCommand(), ("input", run), ("out", neighbours));
        var expected = Csv(Path.Combine(run, "pairs.csv"));
        var actual = Csv(Path.Combine(neighbours, "pairs.csv"));
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i]["track_b"], actual[i]["track_b"]);
            Assert.Equal(Real(expected[i]["distance_px"]), Real(actual[i]["distance_px"]), 1e-5);
        }

        // The run scored against itself as truth (its labels are the true ids): every line found, identity perfect.
        var score = this.temp.File("score.json");
        var scored = await Run(new ScoreCommand(), ("input", run), ("truth", run), ("out", score));
        Assert.Contains($"{4 * Frames} of {4 * Frames} true lines found (0 spurious)", scored.Summary, StringComparison.Ordinal);
        Assert.Contains("\"id_accuracy\": 1", File.ReadAllText(score), StringComparison.Ordinal);

        var unknown = await Assert.ThrowsAsync<ParameterException>(() => Run(new PairsCommand(), ("input", run), ("out", pairs), ("tracks", "1-99")));
        Assert.Equal("tracks", unknown.Key);
        var notLinked = await Assert.ThrowsAsync<InputFileException>(() => Run(new PairsCommand(), ("input", lines), ("out", pairs)));
        Assert.Contains("not linked", notLinked.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_imagej_command_returns_a_track_stack_with_one_roi_per_line_tables_and_plots()
    {
        var file = TiffStackReader.Read(this.masks);
        var planes = file.Pages.Select(p => p.Bytes!.Select(v => (float)v).ToArray()).ToList();
        var image = new ImageData("masks.tif", file.Width, file.Height, file.Pages.Count / Frames, 1, Frames, planes, 8);
        var command = new TrackImageCommand();
        var values = ParameterBinder.Bind(command.Descriptor, new Dictionary<string, string>(), this.temp.Path, images: new Dictionary<string, ImageData> { ["image"] = image });

        var result = await command.ExecuteAsync(values, CommandContext.Silent());

        var stack = Assert.Single(result.Outputs.OfType<ImageStackOutput>());
        Assert.Equal(Frames, stack.Frames);
        Assert.Equal(4 * Frames, stack.Rois!.Count);
        Assert.Equal([0f, 1f, 2f, 3f, 4f], stack.Planes[0].Distinct().Order());
        Assert.Equal(["Tracks", "Track summary", "Dislocation lines", "Pair distances"], result.Outputs.OfType<TableOutput>().Select(t => t.Name));
        Assert.Equal(2, result.Outputs.OfType<PlotOutput>().Count());
        Assert.True(stack.IsLabels);

        // roiset= writes the same lines as an ImageJ RoiSet.zip.
        var zipPath = this.temp.File("tracks-rois.zip");
        var withZip = ParameterBinder.Bind(command.Descriptor, new Dictionary<string, string> { ["roiset"] = zipPath }, this.temp.Path, images: new Dictionary<string, ImageData> { ["image"] = image });
        var zipped = await command.ExecuteAsync(withZip, CommandContext.Silent());
        using (var zip = System.IO.Compression.ZipFile.OpenRead(zipPath))
        {
            Assert.Equal(4 * Frames, zip.Entries.Count);
        }

        Assert.Contains(zipped.Outputs.OfType<FileOutput>(), f => f.Path == zipPath);

        // Calibrated in µm with a frame interval, and pixel/interval left at 0: the nm and nm/s columns come from it.
        var calibrated = image with { PixelWidth = 0.002, PixelHeight = 0.002, Unit = "µm", FrameInterval = 0.5 };
        values = ParameterBinder.Bind(command.Descriptor, new Dictionary<string, string>(), this.temp.Path, images: new Dictionary<string, ImageData> { ["image"] = calibrated });
        var settings = TrackParameters.Settings(values, calibrated);
        Assert.Equal(2.0, settings.Scale.PixelSizeNm!.Value, 9);
        Assert.Equal(0.5, settings.Scale.FrameIntervalSeconds);
        var tracks = (await command.ExecuteAsync(values, CommandContext.Silent())).Outputs.OfType<TableOutput>().First();
        Assert.Contains(tracks.Rows, r => r[tracks.Columns.ToList().IndexOf("speed_nm_per_s")] is double v && double.IsFinite(v));

        // Given values win over the calibration; uncalibrated or non-square pixels give none.
        var given = ParameterBinder.Bind(command.Descriptor, new Dictionary<string, string> { ["pixel"] = "3" }, this.temp.Path, images: new Dictionary<string, ImageData> { ["image"] = calibrated });
        Assert.Equal(3.0, TrackParameters.Settings(given, calibrated).Scale.PixelSizeNm);
        Assert.Null(TrackParameters.PixelSizeNm(image));
        Assert.Null(TrackParameters.PixelSizeNm(calibrated with { PixelHeight = 0.003 }));
        Assert.Equal(0.5, TrackParameters.PixelSizeNm(calibrated with { Unit = "Å", PixelWidth = 5, PixelHeight = 5 }));
    }

    [Fact]
    public async Task A_stack_without_any_line_completes_with_no_tracks_and_says_so()
    {
        var empty = this.temp.File("empty.tif");
        TiffStackWriter.Write(empty, Enumerable.Range(0, 3).Select(_ => (ReadOnlyMemory<ushort>)new ushort[32 * 32]).ToList(), 32, 32);
        var log = new RecordingLog();
        var folder = this.temp.File("empty");

        var result = await new RunCommand().ExecuteAsync(Bind(new RunCommand(), ("input", empty), ("out", folder)), new CommandContext(new Progress<ProgressUpdate>(), log, this.temp.Path, CancellationToken.None));

        Assert.Contains("into 0 tracks", result.Summary, StringComparison.Ordinal);
        Assert.Contains("3 of 3 frames had no line.", log.Warnings);
        Assert.Single(File.ReadAllLines(Path.Combine(folder, "tracks.csv"))); // header only
    }

    [Fact]
    public void Stress_needs_both_material_constants_and_the_pixel_size()
    {
        Assert.Equal("burgers", Assert.Throws<ParameterException>(() => TrackParameters.Settings(Bind(new RunCommand(), ("input", "x"), ("out", "y"), ("modulus", "80")))).Key);
        Assert.Equal("pixel", Assert.Throws<ParameterException>(() => TrackParameters.Settings(Bind(new RunCommand(), ("input", "x"), ("out", "y"), ("modulus", "80"), ("burgers", "0.25")))).Key);
    }

    [Fact]
    public void Manifest_version_is_the_plugin_version()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Plugins.sln")))
        {
            root = root.Parent!;
        }

        var manifest = File.ReadAllText(Path.Combine(root.FullName, "plugins", "track", "plugin.json"));
        Assert.Contains($"\"version\": \"{TrackPlugin.Version}\"", manifest, StringComparison.Ordinal);
    }

    private static ParameterValues Bind(IPluginCommand command, params (string Key, string Text)[] given) =>
        ParameterBinder.Bind(command.Descriptor, given.ToDictionary(g => g.Key, g => g.Text), Path.GetTempPath());

    private static Task<CommandResult> Run(IPluginCommand command, params (string Key, string Text)[] given) =>
        command.ExecuteAsync(Bind(command, given), CommandContext.Silent());

    private static List<Dictionary<string, string>> Csv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    private static double Real(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private sealed class RecordingLog : ICommandLog
    {
        public List<string> Warnings { get; } = [];

        public void Info(string message)
        {
        }

        public void Warn(string message) => this.Warnings.Add(message);
    }
}
