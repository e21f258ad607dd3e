using System.Diagnostics;
using System.Globalization;

namespace Dislocate.ImageJ.Tests;

/// <summary>
/// The drop-in for a user's own ImageJ or Fiji: Debian's ImageJ started as a plain <c>java -jar ij.jar</c> (no .NET
/// in-process) with Dislocate_.jar in its plugins folder and the runtime beside it runs every command in a
/// <c>dislocate serve</c> worker, in <c>-batch</c> mode and in its window, and a dead worker fails the macro instead of hanging it.
/// </summary>
public sealed class DropInTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
    private readonly TempFolder scratch = new();
    private readonly string marker = Guid.NewGuid().ToString("N");

    public void Dispose() => this.scratch.Dispose();

    [Fact]
    public void BatchMacro_InPlainImageJ_SegmentsAStackThroughTheWorker_AsTheCliDoes()
    {
        var frames = this.SyntheticFrames(3);
        var cli = ProcessRunner.Run(null, Limit, "segment", "run", frames, "--out", Path.Combine(this.scratch.Path, "cli"), "--quiet");
        Assert.True(cli.Code == 0, cli.Err);
        var expected = File.ReadAllLines(Path.Combine(this.scratch.Path, "cli", "dislocations.csv")).Length - 1;
        Assert.True(expected > 3, $"the CLI found only {expected} dislocations");

        var report = Path.Combine(this.scratch.Path, "report.txt");
        var macro = this.Macro("batch.ijm", $$"""
            File.openSequence("{{frames}}/");
            input = getImageID();
            run("Segment Dislocations", "threshold=0.5");
            selectImage(input);
            run("Segment Dislocations", "threshold=0.5 roiset=[{{Path.Combine(this.scratch.Path, "RoiSet.zip")}}]");
            text = "rows=" + nResults + " slices=" + nSlices + " title=" + getTitle();
            getLut(reds, greens, blues);
            text = text + "\nlut=" + reds[0] + greens[0] + blues[0] + "," + (reds[1] != reds[2] || greens[1] != greens[2] || blues[1] != blues[2]);
            selectImage(input);
            n = Overlay.size;
            positions = "";
            for (i = 0; i < n; i++) { Overlay.activateSelection(i); positions = positions + getSliceNumber() + " "; }
            File.saveString(text + "\ninput overlay=" + n + "\n" + positions, "{{report}}");
            """);
        var (code, output) = this.ImageJ(this.Home(), "-batch", macro);

        Assert.True(code == 0, output);
        var lines = File.ReadAllLines(report);
        Assert.Equal($"rows={expected} slices=3 title={Path.GetFileName(frames)} dislocation labels", lines[0]);

        // Label stacks get a label LUT: black background, neighbouring labels in different colours.
        Assert.Equal("lut=0,1", lines[1]); // r+g+b of label 0, and whether labels 1 and 2 differ

        // The lines are on the input stack too, frame by frame; the second run replaced the first run's.
        Assert.Equal($"input overlay={expected}", lines[2]);
        var slices = lines[3].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(expected, slices.Count);
        Assert.Equal([1, 2, 3], slices.Distinct().Order());

        // Headless there is no ROI Manager: roiset= writes the lines as a RoiSet.zip, one entry per dislocation.
        using (var zip = System.IO.Compression.ZipFile.OpenRead(Path.Combine(this.scratch.Path, "RoiSet.zip")))
        {
            Assert.Equal(expected, zip.Entries.Count);
        }

        this.AssertNoWorkerLeft();
    }

    [Fact]
    public void ImageJWindow_HasTheMenusAtStartUp_AndRunsSegmentOnAnOpenStack()
    {
        var frames = this.SyntheticFrames(2);
        var report = Path.Combine(this.scratch.Path, "gui.txt");
        var model = Path.Combine(Layout.PluginsRoot, "segment", "models", "dislocate-lines-r18.dislocate");
        var macro = this.Macro("gui.ijm", $$"""
            List.setCommands;
            command = List.get("Segment Dislocations");
            tem = List.get("TEM File (DM3, DM4, SER)...");
            File.openSequence("{{frames}}/");
            run("Segment Dislocations", "threshold=0.5 model=[{{model}}]");
            File.saveString(command + "\n" + nResults + "\n" + nSlices + "\n" + call("ij.Prefs.get", "dislocate.model", "") + "\n" + tem, "{{report}}");
            while (nImages > 0) { selectImage(nImages); changes = false; close(); }
            run("Quit");
            """);
        var (code, output) = this.ImageJ(this.Home(), "-eval", $"runMacro(\"{macro}\");");

        Assert.True(code == 0, output);
        var lines = File.ReadAllLines(report);
        Assert.Equal("dislocate.bridge.Dislocate_Command(\"segment image\")", lines[0]);
        Assert.True(int.Parse(lines[1], CultureInfo.InvariantCulture) > 2, $"{lines[1]} dislocations");
        Assert.Equal("2", lines[2]);
        Assert.Equal(model, lines[3]); // the model field remembers the last model used
        Assert.Equal("dislocate.bridge.Open_TEM_File", lines[4]); // File › Import › TEM File, from the jar's plugins.config
        this.AssertNoWorkerLeft();
    }

    [Fact]
    public void PlainImageJ_OpensTemFiles_ThroughFileOpen_WithTheOpenerJar_AndThroughFileImport()
    {
        var home = this.Home();
        File.Copy(Path.Combine(Layout.Dislocate, "ij", "Dislocate_TEM_Opener.jar"), Path.Combine(home, "plugins", "Dislocate_TEM_Opener.jar"), overwrite: true);
        var dm3 = Path.Combine(SharedData.Formats, "digitalmicrograph", "test_dm_image_um_unit.dm3");
        var ser = Path.Combine(SharedData.Formats, "tia", "128x128-TEM_search_1.ser");
        var report = Path.Combine(this.scratch.Path, "tem.txt");
        var macro = this.Macro("tem.ijm", $$"""
            open("{{dm3}}");
            getPixelSize(unit, pw, ph);
            text = getTitle() + " " + getWidth() + " " + unit + " " + d2s(pw, 5);
            run("TEM File (DM3, DM4, SER)...", "open=[{{ser}}]");
            getPixelSize(unit, pw, ph);
            text = text + "\n" + getTitle() + " " + getWidth() + " " + unit;
            File.saveString(text, "{{report}}");
            """);
        var (code, output) = this.ImageJ(home, "-batch", macro);

        Assert.True(code == 0, output);
        var lines = File.ReadAllLines(report);
        Assert.Equal("test_dm_image_um_unit.dm3 68 µm 0.16867", lines[0]);
        Assert.Equal("128x128-TEM_search_1.ser 128 nm", lines[1]);
        this.AssertNoWorkerLeft();

        // A damaged file fails the batch macro with the reader's message, naming the file.
        var cut = Path.Combine(this.scratch.Path, "cut.dm3");
        File.WriteAllBytes(cut, File.ReadAllBytes(dm3)[..300]);
        var failing = this.Macro("cut.ijm", $$"""
            open("{{cut}}");
            print("not reached");
            """);
        (code, output) = this.ImageJ(home, "-batch", failing);
        Assert.Equal(1, code);
        Assert.Contains($"Dislocate error: {cut}: ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("not reached", output, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void AWorkerThatDies_FailsTheBatchMacro_WithItsExitCodeAndLastMessage()
    {
        var fake = Directory.CreateDirectory(Path.Combine(this.scratch.Path, "fake")).FullName;
        var script = Path.Combine(fake, "dislocate");
        File.WriteAllText(script, "#!/bin/sh\necho 'boom: the plugins folder is unreadable' >&2\nexit 3\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var macro = this.Macro("dies.ijm", """
            newImage("bg", "8-bit ramp", 64, 64, 1);
            run("Segment Dislocations", "threshold=0.5");
            print("not reached");
            """);
        var watch = Stopwatch.StartNew();
        var (code, output) = this.ImageJ(this.Home(runtime: false), "-batch", macro, ("DISLOCATE_HOME", fake));

        Assert.Equal(1, code);
        Assert.Contains("Dislocate error: segment image: the Dislocate worker exited (exit code 3)", output, StringComparison.Ordinal);
        Assert.Contains("boom: the plugins folder is unreadable", output, StringComparison.Ordinal);
        Assert.DoesNotContain("not reached", output, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
    }

    [Fact]
    public void WithoutTheRuntime_ACommandSaysWhereToUnpackIt()
    {
        var macro = this.Macro("missing.ijm", """
            newImage("bg", "8-bit ramp", 64, 64, 1);
            run("Segment Dislocations", "threshold=0.5");
            """);
        var (code, output) = this.ImageJ(this.Home(runtime: false), "-batch", macro, ("PATH", "/usr/bin:/bin"));

        Assert.Equal(1, code);
        Assert.Contains("the Dislocate runtime was not found", output, StringComparison.Ordinal);
        Assert.Contains("DISLOCATE_HOME", output, StringComparison.Ordinal);
    }

    /// <summary>An ImageJ folder as a user's would be after unpacking the drop-in: plugins/Dislocate_.jar and dislocate/.</summary>
    private string Home(bool runtime = true)
    {
        var home = Path.Combine(this.scratch.Path, "ImageJ");
        Directory.CreateDirectory(Path.Combine(home, "plugins"));
        File.Copy(Path.Combine(Layout.Dislocate, "ij", "Dislocate_.jar"), Path.Combine(home, "plugins", "Dislocate_.jar"), overwrite: true);
        if (runtime && !Directory.Exists(Path.Combine(home, "dislocate")))
        {
            Directory.CreateSymbolicLink(Path.Combine(home, "dislocate"), Layout.Dislocate);
        }

        return home;
    }

    private string SyntheticFrames(int count)
    {
        var data = Path.Combine(this.scratch.Path, "synthetic");
        var r = ProcessRunner.Run(null, Limit, "synthetic", "generate", "--out", data, "--count", count.ToString(CultureInfo.InvariantCulture), "--split", "0", "--seed", "7", "--quiet");
        Assert.True(r.Code == 0, r.Err);
        return Path.Combine(data, "test", "images");
    }

    private string Macro(string name, string text)
    {
        var path = Path.Combine(this.scratch.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Debian's ImageJ under xvfb-run with the given ImageJ folder; returns the exit code and all output.</summary>
    private (int Code, string Output) ImageJ(string home, string mode, string macro, params (string Key, string Value)[] environment)
    {
        Assert.True(File.Exists("/usr/bin/xvfb-run"), "xvfb-run is missing: scripts/setup.sh installs it (package xvfb).");
        var variables = environment.ToDictionary(e => e.Key, e => e.Value);
        variables.TryAdd("DISLOCATE_TEST_MARKER", this.marker);
        var (code, stdout, stderr) = ProcessRunner.RunProgram(
            "/usr/bin/xvfb-run", ["-a", "java", "-jar", "/usr/share/java/ij.jar", "-ijpath", home, mode, macro], variables, Limit, this.scratch.Path, unset: ["DISLOCATE_HOME"]);
        return (code, stdout + "\n" + stderr);
    }

    /// <summary>ImageJ stops its worker when it quits: no process with this test's marker in its environment remains.</summary>
    private void AssertNoWorkerLeft()
    {
        var wait = Stopwatch.StartNew();
        List<string> left;
        do
        {
            left = Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)).Where(this.HasMarker).ToList();
            if (left.Count == 0)
            {
                return;
            }

            Thread.Sleep(200);
        }
        while (wait.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Fail($"processes left after ImageJ quit: {string.Join(", ", left.Select(d => File.ReadAllText(Path.Combine(d, "cmdline")).Replace('\0', ' ')))}");
    }

    private bool HasMarker(string proc)
    {
        try
        {
            return File.ReadAllText(Path.Combine(proc, "environ")).Contains(this.marker, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
