namespace Dislocate.ImageJ.Tests;

/// <summary><c>dislocate macro</c> as a user runs it: a separate process, no display, exit codes.</summary>
public sealed class CliMacroTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private readonly TempFolder scratch = new();

    public void Dispose() => this.scratch.Dispose();

    private string Macro(string text)
    {
        var path = Path.Combine(this.scratch.Path, "test.ijm");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Macro_RunsHeadless_SavesResults_AndReturnsItsValue()
    {
        var csv = Path.Combine(this.scratch.Path, "results.csv");
        var path = this.Macro($$"""
            run("Synthetic Stack", "count=2 width=64 height=64 slip_width=20..40 seed=" + getArgument());
            saveAs("Results", "{{csv}}");
            return "" + nSlices + " " + nResults;
            """);
        var env = new Dictionary<string, string> { ["DISPLAY"] = string.Empty };
        var (code, output, error) = ProcessRunner.Run(env, Limit, "macro", path, "11");
        Assert.True(code == 0, error);
        var parts = output.Trim().Split(' ');
        Assert.Equal("2", parts[0]);
        var rows = File.ReadAllLines(csv);
        Assert.Equal(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + 1, rows.Length);
        Assert.Contains("length_px", rows[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_StopsTheRunningCommandAndTheMacro_Exit130_AfterProgressLinesOnStandardError()
    {
        var data = Path.Combine(this.scratch.Path, "data");
        var path = this.Macro($$"""
            run("Generate Synthetic Dataset", "out=[{{data}}] count=100000 split=1 seed=3");
            print("not reached");
            """);
        var info = new System.Diagnostics.ProcessStartInfo(Layout.Cli, ["macro", path]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var lines = new List<string>();
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            lines.Add(line);
            if (line.StartsWith("progress ", StringComparison.Ordinal))
            {
                using var kill = System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
                kill.WaitForExit();
                break;
            }
        }

        var rest = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("dislocate macro did not stop within 60 s of SIGTERM");
        }

        Assert.Equal(130, process.ExitCode);
        Assert.Contains(lines, l => l.StartsWith("progress ", StringComparison.Ordinal) && l.Contains("Generate Synthetic Dataset", StringComparison.Ordinal));
        Assert.Contains("cancelled", await rest, StringComparison.Ordinal);
        Assert.DoesNotContain("not reached", await stdout, StringComparison.Ordinal);
        Assert.True(Directory.GetFiles(data, "*", SearchOption.AllDirectories).Length < 100_000, "it stopped early");
    }

    [Fact]
    public void ABuiltInCommandThatNeedsADialog_FailsTheMacro_WithWhatToDo()
    {
        var path = this.Macro("""
            newImage("a", "8-bit ramp", 64, 64, 1);
            run("Duplicate...", "title=b");
            print("not reached");
            """);
        var (code, output, error) = ProcessRunner.Run(null, Limit, "macro", path);
        Assert.Equal(1, code);
        Assert.Contains("needs a dialog, which headless ImageJ cannot create", error, StringComparison.Ordinal);
        Assert.Contains("xvfb-run dislocate imagej --macro", error, StringComparison.Ordinal);
        Assert.Contains("(line 2)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("not reached", output, StringComparison.Ordinal);
        Assert.DoesNotContain("at java.desktop", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public void ImageJWindowMacro_UnderXvfb_ExitsWithTheMacrosStatus_NeverHangsOnADialog()
    {
        Assert.True(File.Exists("/usr/bin/xvfb-run"), "xvfb-run is missing: scripts/setup.sh installs it (package xvfb).");
        var ok = Path.Combine(this.scratch.Path, "ok.ijm");
        File.WriteAllText(ok, "run(\"Synthetic Stack\", \"count=2 width=64 height=64 seed=1\");\n");
        var failing = Path.Combine(this.scratch.Path, "fails.ijm");
        File.WriteAllText(failing, "run(\"Synthetic Stack\", \"count=0\");\nprint(\"not reached\");\n");

        Assert.Equal(0, XvfbImageJ(ok).Code);
        var (code, output) = XvfbImageJ(failing);
        Assert.Equal(1, code);
        Assert.Contains("error: fails.ijm: count: 0 is outside 1..10000", output, StringComparison.Ordinal);
    }

    private static (int Code, string Output) XvfbImageJ(string macro)
    {
        var (code, stdout, stderr) = ProcessRunner.RunProgram("/usr/bin/xvfb-run", ["-a", Layout.Cli, "imagej", "--macro", macro], null, Limit);
        return (code, stdout + stderr);
    }

    [Fact]
    public void OpeningAMissingFile_FailsTheMacro_NamingTheFile()
    {
        var missing = Path.Combine(this.scratch.Path, "nope.tif");
        var path = this.Macro($$"""
            open("{{missing}}");
            print("not reached");
            """);
        var (code, output, error) = ProcessRunner.Run(null, Limit, "macro", path);
        Assert.Equal(1, code);
        Assert.Contains($"file not found: {missing}", error, StringComparison.Ordinal);
        Assert.DoesNotContain("not reached", output, StringComparison.Ordinal);
    }

    [Fact]
    public void TemFiles_OpenWithTheirCalibration_ThroughOpenAndFileImport_AndACutOffFileFailsTheMacro()
    {
        var dm = Path.Combine(SharedData.Formats, "digitalmicrograph");
        var ser = Path.Combine(SharedData.Formats, "tia", "128x128-TEM_search_1.ser");
        var path = this.Macro($$"""
            function describe() {
                getPixelSize(unit, pw, ph);
                return getTitle() + " " + getWidth() + "x" + getHeight() + "x" + nSlices + " " + bitDepth() + "-bit " + unit + " " + d2s(pw, 5) + " " + getPixel(0, 0) + "," + getPixel(1, 1);
            }
            open("{{Path.Combine(dm, "test_dm_image_um_unit.dm3")}}");
            text = describe();
            open("{{Path.Combine(dm, "3D", "test-10.dm4")}}");
            setSlice(2);
            text = text + "\n" + describe();
            run("TEM File (DM3, DM4, SER)...", "open=[{{ser}}]");
            return text + "\n" + describe();
            """);
        var (code, output, error) = ProcessRunner.Run(null, Limit, "macro", path);
        Assert.True(code == 0, error);
        var lines = output.Trim().Split('\n');

        // The files' known contents (formats/README.md): a 68² TEM image at 0.16867 µm, a 2-frame 2×2 uint16 stack
        // holding 1..8 (frame 2 = 5..8), and a 128² TIA image in nm.
        Assert.StartsWith("test_dm_image_um_unit.dm3 68x68x1 32-bit µm 0.16867 ", lines[0], StringComparison.Ordinal);
        Assert.Equal("test-10.dm4 2x2x2 32-bit pixels 1.00000 5,8", lines[1]);
        Assert.StartsWith("128x128-TEM_search_1.ser 128x128x1 32-bit nm ", lines[2], StringComparison.Ordinal);

        var cut = Path.Combine(this.scratch.Path, "cut.dm3");
        File.WriteAllBytes(cut, File.ReadAllBytes(Path.Combine(dm, "2D", "test-1.dm3"))[..300]);
        var failing = this.Macro($$"""
            open("{{cut}}");
            print("not reached");
            """);
        (code, output, error) = ProcessRunner.Run(null, Limit, "macro", failing);
        Assert.Equal(1, code);
        Assert.Contains($"{cut}: tag ", error, StringComparison.Ordinal);
        Assert.Contains("the file ends inside it (line 1)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("not reached", output, StringComparison.Ordinal);
    }

    [Fact]
    public void FailingMacro_ExitsWithOne_AndTheMessage()
    {
        var path = this.Macro("run(\"Synthetic Stack\", \"count=0\");");
        var (code, _, error) = ProcessRunner.Run(null, Limit, "macro", path);
        Assert.Equal(1, code);
        Assert.Contains("count: 0 is outside 1..10000", error, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingMacroFile_IsAUsageError()
    {
        var (code, _, error) = ProcessRunner.Run(null, Limit, "macro", Path.Combine(this.scratch.Path, "nope.ijm"));
        Assert.Equal(2, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }
}
