using Dislocate.Cli.Execution;
using Dislocate.Contracts;

namespace Dislocate.Host.Tests.Cli;

/// <summary>Every output type of the contract has its files in the CLI; an unknown one is an error, never dropped.</summary>
public sealed class OutputTypesTests : IDisposable
{
    private readonly TempFolder scratch = new();

    /// <summary>One output of each type and the files the CLI writes for it (adding a type to the contract fails until it is here).</summary>
    public static TheoryData<string> Kinds => [.. Samples.Keys.Select(t => t.Name)];

    private static Dictionary<Type, (CommandOutput Output, string[] Files)> Samples { get; } = new()
    {
        [typeof(ImageStackOutput)] = (new ImageStackOutput("stack", 2, 1, 1, 1, 1, [new float[] { 0, 1 }], 16, [new PolylineRoi("line", [0, 1], [0, 0], 0)]), ["stack.tif", "stack.rois.csv"]),
        [typeof(TableOutput)] = (new TableOutput("table", ["a"], [[1]]), ["table.csv"]),
        [typeof(PlotOutput)] = (new PlotOutput("plot", "x", "y", [new PlotSeries("s", [0, 1], [1, 2])]), ["plot.plot.csv"]),
        [typeof(FileOutput)] = (new FileOutput("file", "/elsewhere/file.txt"), []),
    };

    public void Dispose() => this.scratch.Dispose();

    [Fact]
    public void TheSamples_CoverEveryOutputTypeOfTheContract()
    {
        var contract = typeof(CommandOutput).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CommandOutput)) && !t.IsAbstract).OrderBy(t => t.Name);
        Assert.Equal(contract.Select(t => t.Name), Samples.Keys.Select(t => t.Name).Order());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EachOutputType_GetsItsFiles(string kind)
    {
        var (output, files) = Samples.Single(s => s.Key.Name == kind).Value;
        var written = OutputFiles.Write(this.scratch.Path, [output]);
        Assert.Equal(files.Select(f => Path.Combine(this.scratch.Path, f)), written);
        Assert.All(written, f => Assert.True(File.Exists(f), f));
    }

    [Fact]
    public void AnOutputTypeTheCliDoesNotKnow_IsAnErrorNamingIt()
    {
        var e = Assert.Throws<NotSupportedException>(() => OutputFiles.Write(this.scratch.Path, [new TableOutput("t", ["a"], []), new FutureOutput("movie")]));
        Assert.Contains("FutureOutput ('movie')", e.Message, StringComparison.Ordinal);
    }

    private sealed record FutureOutput(string Name) : CommandOutput(Name);
}
