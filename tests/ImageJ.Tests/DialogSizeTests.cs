using System.Globalization;
using Dislocate.ImageJ.Tests.Fixtures;

namespace Dislocate.ImageJ.Tests;

/// <summary>
/// Every page of every command's dialog, shown on a 1024×768 Xvfb screen (ImageJ 1.53's dialogs do not scroll) and
/// measured by the test-only <c>DialogSizes</c> class: it must fit with room for a title bar and a desktop panel.
/// </summary>
public sealed class DialogSizeTests
{
    /// <summary>768 px less about 30 for the window's title bar and 38 for a desktop panel.</summary>
    private const int MaxHeight = 700;

    /// <summary>1024 px less a margin.</summary>
    private const int MaxWidth = 1000;

    [Fact]
    public void Every_dialog_page_fits_a_1024_by_768_screen()
    {
        Assert.True(File.Exists("/usr/bin/xvfb-run"), "xvfb-run is missing: scripts/setup.sh installs it (package xvfb).");
        var (code, output, error) = ProcessRunner.RunProgram(
            "/usr/bin/xvfb-run",
            ["-a", "-s", "-screen 0 1024x768x24", "java", "-cp", $"{ImageJSettings.DebianIjJar}:{JavaTestClasses.Folder}", "dislocate.bridge.DialogSizes", Layout.Cli],
            null,
            TimeSpan.FromMinutes(2));
        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");

        var pages = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
        File.WriteAllText(Path.Combine(Layout.TestOutput, "dialog-sizes.tsv"), output);
        Assert.True(pages.Count >= 25, $"only {pages.Count} dialog pages measured:\n{output}");
        Assert.Contains(pages, p => p[0] == "Generate Synthetic Dataset (2 of 2)");
        foreach (var page in pages)
        {
            var (width, height) = (int.Parse(page[1], CultureInfo.InvariantCulture), int.Parse(page[2], CultureInfo.InvariantCulture));
            Assert.True(height <= MaxHeight && width <= MaxWidth, $"'{page[0]}' is {width}×{height} px, more than {MaxWidth}×{MaxHeight}");
        }
    }
}
