using System.Diagnostics;

namespace Dislocate.ImageJ.Tests;

/// <summary>ImageJ's window under Xvfb: the Dislocations menu is there, a command runs on an open stack, a screenshot is kept.</summary>
public sealed class GuiTests : IDisposable
{
    private readonly TempFolder scratch = new();

    public void Dispose() => this.scratch.Dispose();

    [Fact]
    public void ImageJWindow_ShowsTheDislocationsMenu_AndRunsACommandOnAnOpenStack()
    {
        Assert.True(File.Exists("/usr/bin/Xvfb"), "Xvfb is missing: scripts/setup.sh installs it (package xvfb).");
        var display = 90 + (Environment.ProcessId % 100);
        using var xvfb = Process.Start(new ProcessStartInfo("/usr/bin/Xvfb", [$":{display}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"]) { UseShellExecute = false, RedirectStandardError = true })!;
        try
        {
            var socket = $"/tmp/.X11-unix/X{display}";
            var wait = Stopwatch.StartNew();
            while (!File.Exists(socket) && wait.Elapsed < TimeSpan.FromSeconds(10))
            {
                Thread.Sleep(100);
            }

            var screenshot = Path.Combine(this.scratch.Path, "imagej-gui.png");
            var report = Path.Combine(this.scratch.Path, "gui.txt");
            var macro = Path.Combine(this.scratch.Path, "gui.ijm");
            File.WriteAllText(macro, $$"""
                menu = call("dislocate.bridge.Registry.menuText");
                newImage("bg", "8-bit ramp", 160, 120, 3);
                run("Add Synthetic Dislocations", "seed=2 slip_width=20..50 per_pileup=2..3");
                title = getTitle();
                n = nSlices;
                rois = roiManager("count");
                if (isOpen("Log")) { selectWindow("Log"); run("Close"); }
                wait(1000);
                run("Capture Screen");
                saveAs("PNG", "{{screenshot}}");
                selectImage("bg");
                run("Add Synthetic Dislocations", "seed=2 slip_width=20..50 per_pileup=2..3 keep");
                kept = roiManager("count");
                selectImage("bg");
                run("Add Synthetic Dislocations", "seed=2 slip_width=20..50 per_pileup=2..3 overlays");
                overlay = Overlay.size;
                unchanged = roiManager("count");
                selectImage("bg");
                run("Add Synthetic Dislocations", "seed=2 slip_width=20..50 per_pileup=2..3");
                replaced = roiManager("count");
                File.saveString(menu + "\n" + title + "\n" + n + "\n" + rois + "\n" + kept + " " + overlay + " " + unchanged + " " + replaced, "{{report}}");
                call("dislocate.bridge.Gui.exit", "0");
                """);
            var (code, output, error) = ProcessRunner.Run(new Dictionary<string, string> { ["DISPLAY"] = $":{display}" }, TimeSpan.FromSeconds(120), "imagej", "--macro", macro);
            Assert.True(File.Exists(report), $"exit {code}\n{output}\n{error}");
            var lines = File.ReadAllLines(report);
            Assert.Contains(lines, l => l.Contains("Dislocations>Synthetic>Generate Synthetic Dataset", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("Dislocations>Synthetic>Add Synthetic Dislocations", StringComparison.Ordinal));
            Assert.Contains("File>Import>TEM File (DM3, DM4, SER)...", lines);
            Assert.Equal("bg + dislocations", lines[^4]);
            Assert.Equal("3", lines[^3]);
            var rois = int.Parse(lines[^2], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(rois > 0, "no ROIs in the ROI Manager");

            // keep: the earlier lines stay beside the new ones; overlays: the new lines go on the new image, the
            // ROI Manager is left alone; neither box: the earlier Dislocate lines are replaced.
            Assert.Equal($"{2 * rois} {rois} {2 * rois} {rois}", lines[^1]);
            Assert.True(new FileInfo(screenshot).Length > 10_000, "screenshot is empty");
            File.Copy(screenshot, Path.Combine(Layout.TestOutput, "imagej-gui.png"), overwrite: true);
        }
        finally
        {
            xvfb.Kill();
        }
    }
}
