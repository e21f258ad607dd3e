using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Core.Jobs;
using Dislocate.Synthetic.Commands;
using Dislocate.Synthetic.Dataset;
using Dislocate.Synthetic.Presets;
using Dislocate.Synthetic.Settings;
using Dislocate.Synthetic.Streaming;
using Xunit.Abstractions;

namespace Dislocate.Synthetic.Tests.Recipes;

/// <summary>
/// The hostile-input suite for the generator's JSON files: malformed copies of a params JSON (one frame and a
/// four-frame sequence) and of a preset, plus copies hostile from the start (far geometry, zero and negative widths,
/// an empty pileup list, a NaN string, nesting 100,000 deep), damaged further by the suites' seeded mutations
/// (<see cref="HostileSuite"/>). A params file is replayed as <c>synthetic replay</c> does (read, render every frame,
/// write the files); a preset is read as <c>--preset</c> does and one sample is rendered from it. Every case must end
/// accepted or refused naming the file (or, as a usage error, naming the setting: e.g. a real background without
/// <c>--backgrounds</c>, or a slip band that fits nothing in the image), within
/// <see cref="TimeLimit"/> and <see cref="HostileSuite.AllocationLimit"/> (allocated while reading; the rendering runs on
/// the thread pool, and the command-line probe measures <c>synthetic replay</c>'s whole process).
/// </summary>
/// <remarks>
/// A file may lawfully ask for a large image (up to 16384², as the options may); the suite renders a preset at most
/// <see cref="PresetSide"/> pixels square and replays a params file only up to <see cref="MaxReplayPixels"/> pixels a
/// frame (larger ones are read and checked, not rendered), so its limits test the readers and the renderer's handling
/// of every other field rather than the size a user chose. CI runs <see cref="DefaultCases"/> cases; <c>HOSTILE_CASES=N</c>
/// runs more.
/// </remarks>
public sealed class HostileRecipeSuiteTests(ITestOutputHelper output) : IDisposable
{
    private const int DefaultCases = 120;
    private const int PresetSide = 96;
    private const long MaxReplayPixels = 256 * 256;
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(10);

    private readonly TempFolder folder = new();

    public void Dispose() => this.folder.Dispose();

    [Fact]
    public void EveryMalformedParamsOrPresetFile_IsReplayedOrRefusedNamingTheFile_InTimeAndMemory()
    {
        var seeds = this.SeedFiles();
        var report = HostileSuite.Run(seeds, HostileSuite.CaseCount(DefaultCases), this.folder.Path, Kind, TimeLimit, this.Open);
        foreach (var line in report.Describe(seeds.Count))
        {
            output.WriteLine(line);
        }

        Assert.True(report.Failures.Count == 0, string.Join("\n", report.Failures.Take(20)));
        Assert.Contains(report.Counts.Keys, k => k == "params accepted");
        Assert.Contains(report.Counts.Keys, k => k == "preset accepted");
        Assert.Contains(report.Counts.Keys, k => k == "params refused");
    }

    /// <summary>The seed file's kind in the counts: its name up to the first dash or dot (params, preset).</summary>
    private static string Kind(string name) => name.Split('-', '.')[0];

    private HostileOutcome Open(string path) => HostileSuite.WithinAllocation(() =>
    {
        try
        {
            return Path.GetFileName(path).Contains("preset", StringComparison.Ordinal) ? OpenPreset(path) : this.Replay(path);
        }
        catch (ParameterException e) when (e.Key.Length > 0 && e.Message.Length > 0)
        {
            // A clear usage error (exit 2) naming the setting, e.g. a slip band that fits nothing in the image.
            return new HostileOutcome("refused", e.Message);
        }
    });

    /// <summary>What <c>synthetic replay FILE --out F</c> does, on this thread (so its allocations are counted).</summary>
    private HostileOutcome Replay(string path)
    {
        var document = ReplayCommand.ReadDocument(path);
        if (document.Frames.Any(f => (long)f.Width * f.Height > MaxReplayPixels))
        {
            return HostileOutcome.Accepted;
        }

        var command = new ReplayCommand();
        var values = new ParameterValues(
            command.Descriptor,
            new Dictionary<string, object> { ["json"] = path, ["out"] = Path.Combine(this.folder.Path, "replayed"), ["format"] = "png8", ["masks"] = "tiff" },
            ["json", "out", "format", "masks"]);
        var result = command.ExecuteAsync(values, CommandContext.Silent()).GetAwaiter().GetResult();
        return result.Outputs.OfType<FileOutput>().All(f => File.Exists(f.Path) && new FileInfo(f.Path).Length > 0)
            ? HostileOutcome.Accepted
            : HostileOutcome.Failed("replay reported a file it did not write");
    }

    /// <summary>What <c>--preset FILE</c> does: read and check it, then render one sample from it.</summary>
    private static HostileOutcome OpenPreset(string path)
    {
        var preset = PresetFile.Read(path);
        var settings = preset.Settings with { Width = Math.Min(preset.Settings.Width, PresetSide), Height = Math.Min(preset.Settings.Height, PresetSide) };
        SettingsValidator.Validate(settings);
        var sample = new SyntheticSampleSource(settings, 7).Get(0);
        return sample.Image.Pixels.All(float.IsFinite) ? HostileOutcome.Accepted : HostileOutcome.Failed("a rendered pixel is not finite");
    }

    /// <summary>A params JSON of one frame and of a four-frame sequence, a preset, and hostile variants of each.</summary>
    private List<(string Name, byte[] Bytes)> SeedFiles()
    {
        var small = TestData.Small with { Width = 64, Height = 64 };
        var seeds = new List<(string Name, byte[] Bytes)>();
        foreach (var frames in new[] { 1, 4 })
        {
            var settings = small with { Sequence = SequenceSettings.Default with { Frames = frames } };
            var options = new DatasetOptions(Path.Combine(this.folder.Path, $"seed-{frames}"), 1, 0, 11, frames > 1 ? ImageFormat.Tif8 : ImageFormat.Png8, MaskFormat.Tiff, false, Shard.All, 1);
            DatasetWriter.Write(settings, options, null, CancellationToken.None);
            seeds.Add(($"params-{frames}.json", File.ReadAllBytes(new SampleFiles(options, 0, frames).Params)));
        }

        var presetPath = Path.Combine(this.folder.Path, "seed-preset.json");
        PresetFile.Write(presetPath, new Preset("hostile", "suite seed", small, null));
        seeds.Add(("preset.json", File.ReadAllBytes(presetPath)));

        var one = System.Text.Encoding.UTF8.GetString(seeds[0].Bytes);
        var preset = System.Text.Encoding.UTF8.GetString(seeds[2].Bytes);
        seeds.Add(("params-far.json", Utf8(ReplaceFirstNumberAfter(one, "\"x\"", "1e300"))));
        seeds.Add(("params-mask0.json", Utf8(ReplaceFirstNumberAfter(one, "\"mask_width\"", "0"))));
        seeds.Add(("params-mask-negative.json", Utf8(ReplaceFirstNumberAfter(one, "\"mask_width\"", "-3"))));
        seeds.Add(("params-nan.json", Utf8(ReplaceFirstNumberAfter(one, "\"y\"", "\"NaN\""))));
        seeds.Add(("params-deep.json", Utf8("{\"frames\": " + new string('[', 100_000) + new string(']', 100_000) + "}")));
        seeds.Add(("preset-wavelength0.json", Utf8(ReplaceFirstNumberAfter(preset, "\"wavelength1\"", "0"))));
        seeds.Add(("preset-huge-width.json", Utf8(ReplaceFirstNumberAfter(preset, "\"slip_width\"", "1e9"))));
        foreach (var (name, bytes) in seeds.Take(3))
        {
            var path = this.folder.File("check-" + name);
            File.WriteAllBytes(path, bytes);
            Assert.Equal(HostileOutcome.Accepted, this.Open(path));
        }

        return seeds;
    }

    private static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    /// <summary><paramref name="json"/> with the first number (or the first element of a list) after <paramref name="field"/> replaced.</summary>
    private static string ReplaceFirstNumberAfter(string json, string field, string replacement)
    {
        var at = json.IndexOf(field, StringComparison.Ordinal);
        Assert.True(at >= 0, $"the seed has no {field}");
        var start = json.IndexOfAny("-0123456789".ToCharArray(), at + field.Length);
        var end = start;
        while (end < json.Length && "-+.eE0123456789".Contains(json[end], StringComparison.Ordinal))
        {
            end++;
        }

        return string.Concat(json.AsSpan(0, start), replacement, json.AsSpan(end));
    }
}
