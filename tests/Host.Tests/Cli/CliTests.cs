using Dislocate.Cli;

namespace Dislocate.Host.Tests.Cli;

public sealed class CliTests : IDisposable
{
    private readonly TempFolder scratch = new();

    public void Dispose() => this.scratch.Dispose();

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApplication.RunAsync([.. args, "--plugins", Layout.PluginsRoot, "--quiet"], output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task List_ShowsPluginsVersionsAndCommands()
    {
        var (code, output, _) = await Run("list");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("synthetic 0.1.0", output, StringComparison.Ordinal);
        Assert.Contains("\"Generate Synthetic Dataset\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_NamesTheHostAndEveryPluginWithItsOwnVersion()
    {
        // As users type it: alone (System.CommandLine refuses --version beside other options), so through the layout's
        // own launcher, which finds the plugins beside itself.
        var launcher = Path.Combine(Path.GetDirectoryName(Layout.PluginsRoot)!, "dislocate");
        var start = new System.Diagnostics.ProcessStartInfo(launcher, ["--version"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment.Remove("DISLOCATE_PLUGINS");
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(ExitCodes.Success, process.ExitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("dislocate 0.1.0", lines[0], StringComparison.Ordinal);
        Assert.Contains($"host API {Contracts.HostApi.Current}", lines[0], StringComparison.Ordinal);
        Assert.Equal(["segment 0.1.0", "synthetic 0.1.0", "track 0.1.0"], lines.Skip(1).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Help_IsDerivedFromTheParameterDescriptions()
    {
        var (code, output, _) = await Run("synthetic", "generate", "--help");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("--o1", output, StringComparison.Ordinal);
        Assert.Contains("Table 1: 10..100", output, StringComparison.Ordinal);
        Assert.Contains("--shard", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_ThenReplay_GivesTheSameBytes()
    {
        var data = Path.Combine(this.scratch.Path, "data");
        var (code, output, error) = await Run("synthetic", "generate", "--out", data, "--count", "2", "--width", "64", "--height", "64", "--slip_width", "20..40", "--seed", "5");
        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("Wrote 2 samples", output, StringComparison.Ordinal);

        var replayed = Path.Combine(this.scratch.Path, "replayed");
        var json = Path.Combine(data, "train", "params", "000001.json");
        (code, _, error) = await Run("synthetic", "replay", json, "--out", replayed);
        Assert.True(code == ExitCodes.Success, error);
        Assert.Equal(File.ReadAllBytes(Path.Combine(data, "train", "images", "000001.png")), File.ReadAllBytes(Path.Combine(replayed, "000001.png")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(data, "train", "masks", "000001.tif")), File.ReadAllBytes(Path.Combine(replayed, "000001_masks.tif")));
    }

    [Fact]
    public async Task Run_AcceptsARecordedImageJOptionString()
    {
        var data = Path.Combine(this.scratch.Path, "with space");
        var (code, output, error) = await Run("run", "Generate Synthetic Dataset", $"out=[{data}] count=1 width=64 height=64 slip_width=20..40 o1=20..30");
        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("Wrote 1 samples", output, StringComparison.Ordinal);

        // labelme is a checkbox: absent from the option string means unchecked, as in ImageJ.
        Assert.False(Directory.Exists(Path.Combine(data, "train", "labelme")));
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(data, "dataset.json")));
        var o1 = manifest.RootElement.GetProperty("settings").GetProperty("background").GetProperty("wavelength1");
        Assert.Equal([20.0, 30.0], o1.EnumerateArray().Select(e => e.GetDouble()));
    }

    [Theory]
    [InlineData(ExitCodes.Usage, "out-of-range", "synthetic", "generate", "--out", "x", "--o1", "0..5")]
    [InlineData(ExitCodes.Usage, "unknown option", "synthetic", "generate", "--out", "x", "--bogus", "1")]
    [InlineData(ExitCodes.Usage, "is required", "synthetic", "generate")]
    [InlineData(ExitCodes.Unavailable, "no command", "run", "No Such Command", "")]
    [InlineData(ExitCodes.Usage, "closing", "run", "synthetic generate", "out=[x")]
    public async Task Errors_HaveMeaningfulExitCodes(int expected, string _, params string[] args)
    {
        var (code, output, error) = await Run(args);
        Assert.True(expected == code, $"exit {code}\n{output}\n{error}");
        Assert.NotEmpty(error);
    }

    [Fact]
    public async Task BadInputFile_IsAFailure_NamingTheFile()
    {
        var bad = Path.Combine(this.scratch.Path, "bad.json");
        await File.WriteAllTextAsync(bad, "{ not json");
        var (code, _, error) = await Run("synthetic", "replay", bad, "--out", Path.Combine(this.scratch.Path, "o"));
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains(bad, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("empty.tif", new byte[0])]
    [InlineData("garbage.png", new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 })]
    [InlineData("garbage.tif", new byte[] { (byte)'I', (byte)'I', 42, 0, 255, 255, 255, 0 })]
    public async Task AnUnreadableImageArgument_IsAFailureNamingTheFile_NotAStackTrace(string name, byte[] bytes)
    {
        var path = Path.Combine(this.scratch.Path, name);
        await File.WriteAllBytesAsync(path, bytes);

        var (code, _, error) = await Run("track", "image", path);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains(path, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyOutputDir_IsAUsageError()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CliApplication.RunAsync(["--output-dir=", "list", "--plugins", Layout.PluginsRoot], output, error);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--output-dir", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOutputNamingAnInput_IsRefused_AndTheInputIsKept()
    {
        var annotations = Directory.CreateDirectory(Path.Combine(this.scratch.Path, "annotations")).FullName;
        var annotation = Path.Combine(annotations, "000000.json");
        await File.WriteAllTextAsync(annotation, "{}");
        var before = await File.ReadAllBytesAsync(annotation);

        var (code, _, error) = await Run("synthetic", "fit", annotations, "--out", annotation);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("input folder", error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(annotation));
    }
}
