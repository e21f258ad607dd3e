using Dislocate.Contracts;
using Dislocate.ImageJ.Bridge;
using Dislocate.ImageJ.Tests.Fixtures;
using Dislocate.ImageJ.Worker;

namespace Dislocate.ImageJ.Tests;

/// <summary>The result text the Java side parses, and the worker's request parsing: known lines for known outputs.</summary>
/// <remarks>
/// In the ImageJ collection because the worker configures the bridge's one (static) command registry: run beside the
/// macro tests with another registry, it replaced theirs mid-run (CI: "No Dislocate command 'synthetic stack' is loaded").
/// </remarks>
[Collection(ImageJGroup.Name)]
public sealed class ProtocolTextTests(ImageJFixture fixture)
{
    [Fact]
    public void LabelStacks_CalibratedImages_AndEmptyPlots_CarryTheirFlag_Calibration_AndWhyTheyAreEmpty()
    {
        var labels = new ImageStackOutput("stack labels", 2, 1, 1, 1, 1, [new float[] { 0, 1 }], 16) { IsLabels = true };
        var values = new ImageStackOutput("stack", 2, 1, 1, 1, 1, [new float[] { 0.5f, 1 }]) { PixelWidth = 0.25, PixelHeight = 0.5, Unit = "nm", FrameInterval = 2 };
        var plot = new PlotOutput("Distances", "frame", "distance (px)", []) { EmptyText = "no pileup\tof two." };
        var text = ProtocolText.Result(CommandResult.Of("done", labels, values, plot), [labels, values]);

        Assert.Equal(
            "S\tdone\nI\t0\tstack labels\t2\t1\t1\t1\t1\t16\tlabels\t1\t1\tpixel\t0\nI\t1\tstack\t2\t1\t1\t1\t1\t32\tvalues\t0.25\t0.5\tnm\t2\nG\t0\tDistances\tframe\tdistance (px)\tno pileup\\tof two.\n",
            text);
    }

    [Fact]
    public void EveryOutputTypeOfTheContract_HasProtocolLines_AndAnUnknownOneIsAnError()
    {
        var contract = typeof(CommandOutput).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CommandOutput)) && !t.IsAbstract).Select(t => t.Name).Order();
        var image = new ImageStackOutput("stack", 1, 1, 1, 1, 1, [new float[] { 0 }]);
        CommandOutput[] samples = [image, new TableOutput("table", ["a"], [[1]]), new PlotOutput("plot", "x", "y", []), new FileOutput("file", "/f")];
        Assert.Equal(contract, samples.Select(o => o.GetType().Name).Order()); // a new type fails here until the bridge shows it

        var lines = ProtocolText.Result(new CommandResult("done", samples), [image]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[0]).ToArray();
        Assert.Equal(['S', 'I', 'T', 'R', 'G', 'F'], lines);

        var e = Assert.Throws<NotSupportedException>(() => ProtocolText.Result(CommandResult.Of("done", new FutureOutput("movie")), []));
        Assert.Contains("FutureOutput ('movie')", e.Message, StringComparison.Ordinal);
        Assert.Contains("FutureOutput ('movie')", BridgeHost.Message(e), StringComparison.Ordinal);
    }

    [Fact]
    public void WorkerRequests_SplitAtTabs_AndUndoEveryEscape()
    {
        Assert.Equal(["run", "segment image", "model=[a\tb] x=1", "c:\\dir\\n", "\\q"], ProtocolText.Fields("run\tsegment image\tmodel=[a\\tb] x=1\tc:\\\\dir\\\\n\t\\q"));
        Assert.Equal([string.Empty], ProtocolText.Fields(string.Empty));
        Assert.Equal(["a", string.Empty, string.Empty], ProtocolText.Fields("a\t\t"));
    }

    [Fact]
    public void TheWorker_AnswersUnknownRequests_ReleasesUnknownHandles_AndStopsAtQuit()
    {
        using var input = new StringReader("hello\trequest\nrelease\t42\nrelease\tx\nquit\ndescribe\n");
        using var output = new StringWriter();
        Assert.Equal(0, ImageJWorker.Serve(fixture.Registry, Path.GetTempPath(), input, output));
        Assert.Equal("E\tunknown request 'hello\trequest'\nK\nE\tunknown request 'release\tx'\n", output.ToString().Replace("\\t", "\t", StringComparison.Ordinal));
    }

    private sealed record FutureOutput(string Name) : CommandOutput(Name);
}
