namespace Dislocate.ImageJ.Tests;

/// <summary><c>dislocate macro</c> as a user runs it: a separate process, no display, exit codes.</summary>
public sealed class CliMacroTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private readonly string work = Layout.TempFolder();

    public void Dispose() => Directory.Delete(this.work, recursive: true);

    private string Macro(string text)
    {
        var path = Path.Combine(this.work, "test.ijm");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Macro_RunsHeadless_SavesResults_AndReturnsItsValue()
    {
        var csv = Path.Combine(this.work, "results.csv");
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
        var (code, _, error) = ProcessRunner.Run(null, Limit, "macro", Path.Combine(this.work, "nope.ijm"));
        Assert.Equal(2, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }
}
