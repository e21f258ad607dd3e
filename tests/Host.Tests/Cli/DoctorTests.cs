using Dislocate.Cli;
using Dislocate.Cli.Commands;
using Dislocate.Contracts;

namespace Dislocate.Host.Tests.Cli;

/// <summary><c>dislocate doctor</c>: every check of a working layout passes; problems come with their fix and fail the run.</summary>
public sealed class DoctorTests : IDisposable
{
    private readonly TempFolder scratch = new();

    public void Dispose() => this.scratch.Dispose();

    [Fact]
    public async Task TheBuiltLayout_PassesEveryRequiredCheck_IncludingTheSegmentPluginsOwn()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CliApplication.RunAsync(["doctor", "--plugins", Layout.PluginsRoot], output, error);

        var text = output.ToString();
        Assert.True(code == ExitCodes.Success, text + error);
        foreach (var check in new[] { "plugins", "segment: default model", "segment: ONNX Runtime", "segment: libtorch" }) // libtorch is optional, but present in a build
        {
            Assert.Contains($"ok      {check}: ", text, StringComparison.Ordinal);
        }

        Assert.Matches(@"ok      segment: default model: dislocate-lines-r18 \d+\.\d+\.\d+, ", text);
        Assert.EndsWith("Everything Dislocate needs works here.", text.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APluginThatCannotLoad_IsAProblemWithItsFix_AndFailsTheRun()
    {
        var plugins = Directory.CreateDirectory(Path.Combine(this.scratch.Path, "plugins")).FullName;
        var broken = Directory.CreateDirectory(Path.Combine(plugins, "broken")).FullName;
        await File.WriteAllTextAsync(Path.Combine(broken, "plugin.json"), """{"id": "broken", "name": "Broken", "version": "1.0.0", "assembly": "Broken.dll", "minHostApi": "1.0"}""");
        await File.WriteAllBytesAsync(Path.Combine(broken, "Broken.dll"), [0x4d, 0x5a, 1, 2, 3]);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CliApplication.RunAsync(["doctor", "--plugins", plugins], output, error);

        Assert.Equal(ExitCodes.Failure, code);
        var text = output.ToString();
        Assert.Contains("PROBLEM plugins: ", text, StringComparison.Ordinal);
        Assert.Contains("Broken.dll", text, StringComparison.Ordinal);
        Assert.Contains("        fix: reinstall Dislocate", text, StringComparison.Ordinal);
        Assert.Contains("1 problem(s) found", text, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionalChecks_AreNotes_ThatDoNotCountAsProblems()
    {
        using var output = new StringWriter();

        DoctorCommand.Write([new DiagnosticCheck("display", false, "none", "use xvfb-run", Required: false), new DiagnosticCheck("model", true, "m 1.0")], output);

        Assert.Equal(
            ["note    display: none", "        fix: use xvfb-run", "ok      model: m 1.0", "Everything Dislocate needs works here."],
            output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
    }
}
