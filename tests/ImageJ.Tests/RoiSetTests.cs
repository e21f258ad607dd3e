using System.Diagnostics;
using System.Globalization;
using Dislocate.Core.IO;

namespace Dislocate.ImageJ.Tests;

/// <summary>
/// A RoiSet.zip written by <see cref="ImageJRoiSet"/> opened by ImageJ 1.53t's own ROI Manager. The manager is an AWT
/// window even in batch mode, so this runs <c>dislocate imagej --macro</c> under Xvfb rather than in the headless session.
/// </summary>
public sealed class RoiSetTests : IDisposable
{
    private const double Tolerance = 1e-4;

    private readonly TempFolder scratch = new();

    public void Dispose() => this.scratch.Dispose();

    private static ImageJRoiPolyline[] Rois() =>
    [
        new("frame 1 track 3", [10.25f, 20.5f, 33.75f], [5.5f, 7.125f, 9.0625f], Position: 1),
        new("frame 2 track 3", [11.3f, 21.7f, 34.1f, 40.9f], [6.2f, 8.4f, 9.9f, 12.6f], Position: 2),
        new("frame 2 track 5 \u00b5", [50.5f, 52.5f], [40.25f, 60.75f], Position: 2),
        new("frame 5 track 5", [-2.5f, 0.125f, 63.875f], [0.5f, 31.3f, 63.5f], Position: 5),
        new("hyperstack c1 z1 t4", [1.5f, 60.5f], [1.5f, 44.5f], Channel: 1, Slice: 1, Frame: 4),
        new("hyperstack t2", [2.5f, 61.5f], [1.5f, 44.5f], Frame: 2),
        new(string.Empty, [3f, 4f], [5f, 6f]),
    ];

    [Fact]
    public void RoiSetZip_OpensInTheRoiManager_WithTheWrittenNamesTypesPositionsAndCoordinates()
    {
        Assert.True(File.Exists("/usr/bin/Xvfb"), "Xvfb is missing: scripts/setup.sh installs it (package xvfb).");
        var rois = Rois();
        var zip = Path.Combine(this.scratch.Path, "RoiSet.zip");
        ImageJRoiSet.WriteFile(zip, rois);
        var report = Path.Combine(this.scratch.Path, "rois.txt");
        var macro = Path.Combine(this.scratch.Path, "rois.ijm");

        // One line per ROI: manager label, ROI name as UTF-16 codes, selection type, the frame the manager moved the
        // hyperstack to, Roi.getPosition(c, z, t), then the vertices.
        File.WriteAllText(macro, $$"""
            function codes(s) { r = ""; for (k = 0; k < lengthOf(s); k++) r = r + charCodeAt(s, k) + " "; return r; }
            setBatchMode(true);
            newImage("frames", "8-bit black", 64, 64, 2, 1, 5);
            roiManager("reset");
            roiManager("Open", "{{zip}}");
            n = roiManager("count");
            s = "" + n + "\n";
            for (i = 0; i < n; i++) {
                Stack.setFrame(3);
                roiManager("select", i);
                Stack.getPosition(channel, slice, frame);
                getSelectionCoordinates(x, y);
                Roi.getPosition(c, z, t);
                name = Roi.getName;
                s = s + RoiManager.getName(i) + "\t" + codes(name) + "\t" + selectionType() + "\t" + frame + "\t" + c + "," + z + "," + t + "\t";
                for (j = 0; j < x.length; j++) s = s + d2s(x[j], 6) + " " + d2s(y[j], 6) + ";";
                s = s + "\n";
            }
            File.saveString(s, "{{report}}");
            call("dislocate.bridge.Gui.exit", "0");
            """);

        var (code, output, error) = RunUnderXvfb(macro);
        Assert.True(File.Exists(report), $"exit {code}\n{output}\n{error}");
        var lines = File.ReadAllLines(report);
        Assert.Equal(rois.Length.ToString(CultureInfo.InvariantCulture), lines[0]);
        for (var i = 0; i < rois.Length; i++)
        {
            var roi = rois[i];
            var f = lines[i + 1].Split('\t');
            var label = ImageJRoiSet.EntryName(i, roi.Name)[..^".roi".Length];
            Assert.Equal(label, f[0]);

            // Without a stored name ImageJ names the ROI after its file.
            var name = roi.Name.Length > 0 ? roi.Name : label;
            Assert.Equal(string.Concat(name.Select(ch => $"{(int)ch} ")), f[1]);
            Assert.Equal("6", f[2]); // polyline

            // On a hyperstack with one z slice the manager takes a plain position as the frame; none leaves frame 3.
            var frame = roi.Position > 0 ? roi.Position : roi.Frame > 0 ? roi.Frame : 3;
            Assert.True(frame.ToString(CultureInfo.InvariantCulture) == f[3], $"ROI {i} '{roi.Name}': frame {f[3]}, expected {frame} ({f[4]})");
            if (roi.Frame > 0)
            {
                Assert.Equal($"{roi.Channel},{roi.Slice},{roi.Frame}", f[4]);
            }

            var vertices = f[5].Split(';', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(roi.X.Length, vertices.Length);
            for (var j = 0; j < vertices.Length; j++)
            {
                var xy = vertices[j].Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
                Assert.True(Math.Abs(xy[0] - roi.X[j]) <= Tolerance && Math.Abs(xy[1] - roi.Y[j]) <= Tolerance, $"ROI {i} vertex {j}: ImageJ has ({vertices[j]}), written ({roi.X[j]}, {roi.Y[j]})");
            }
        }
    }

    private static (int Code, string Out, string Err) RunUnderXvfb(string macro)
    {
        // -displayfd: Xvfb picks a free display and prints its number, so parallel runs never collide.
        var info = new ProcessStartInfo("/usr/bin/Xvfb", ["-displayfd", "1", "-screen", "0", "1024x768x24", "-nolisten", "tcp"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var xvfb = Process.Start(info)!;
        try
        {
            _ = xvfb.StandardError.ReadToEndAsync();
            var displayLine = xvfb.StandardOutput.ReadLineAsync();
            Assert.True(displayLine.Wait(TimeSpan.FromSeconds(20)), "Xvfb did not report a display");
            var display = displayLine.Result?.Trim();
            Assert.False(string.IsNullOrEmpty(display), "Xvfb did not report a display");
            return ProcessRunner.Run(new Dictionary<string, string> { ["DISPLAY"] = $":{display}" }, TimeSpan.FromSeconds(60), "imagej", "--macro", macro);
        }
        finally
        {
            xvfb.Kill();
            xvfb.WaitForExit();
        }
    }
}
