using System.Globalization;
using System.Text.Json.Nodes;
using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Hosting.Parameters;
using Dislocate.Segment.Commands;

namespace Dislocate.Segment.Tests.Commands;

/// <summary><c>segment merge</c>: the shards of a job array joined equal one unsharded run.</summary>
public sealed class MergeCommandTests(TinyModel models) : IClassFixture<TinyModel>, IDisposable
{
    private readonly TempFolder scratch = new();

    public void Dispose() => this.scratch.Dispose();

    [Fact]
    public async Task ThreeShardsMerged_EqualOneRun_ByteForByte()
    {
        var tiff = TinyModel.WriteTiff(Path.Combine(this.scratch.Path, "stack.tif"), TinyModel.Frames(5));
        var whole = Path.Combine(this.scratch.Path, "whole");
        var sharded = Path.Combine(this.scratch.Path, "sharded");
        await this.Segment(("input", tiff), ("out", whole));
        for (var i = 0; i < 3; i++)
        {
            await this.Segment(("input", tiff), ("out", sharded), ("shard", $"{i}/3"));
        }

        var result = await Merge(sharded);

        Assert.Contains("Merged 3 shards: 5 frame(s)", result.Summary, StringComparison.Ordinal);
        Assert.True(File.ReadAllLines(Path.Combine(whole, "dislocations.csv")).Length > 3, "the seed-1 model should find dislocations, or the comparison proves little");
        foreach (var table in new[] { "dislocations.csv", "lines.csv" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(whole, table)), File.ReadAllBytes(Path.Combine(sharded, table)));
        }

        // The JSON too, but for the phase times (the shards' summed, not one run's).
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(whole, "segmentation.json")))!;
        var merged = JsonNode.Parse(File.ReadAllText(Path.Combine(sharded, "segmentation.json")))!;
        Assert.Equal(expected["options"]!["phases_seconds"]!.AsObject().Select(p => p.Key), merged["options"]!["phases_seconds"]!.AsObject().Select(p => p.Key));
        expected["options"]!.AsObject().Remove("phases_seconds");
        merged["options"]!.AsObject().Remove("phases_seconds");
        Assert.Equal(expected.ToJsonString(), merged.ToJsonString());
        Assert.Equal("0/1", merged["options"]!["shard"]!.GetValue<string>());
    }

    [Fact]
    public async Task AMissingShard_IsAnErrorNamingIt_AndNothingIsWritten()
    {
        var tiff = TinyModel.WriteTiff(Path.Combine(this.scratch.Path, "stack.tif"), TinyModel.Frames(3));
        var sharded = Path.Combine(this.scratch.Path, "sharded");
        await this.Segment(("input", tiff), ("out", sharded), ("shard", "0/3"));
        await this.Segment(("input", tiff), ("out", sharded), ("shard", "2/3"));

        var e = await Assert.ThrowsAsync<InputFileException>(() => Merge(sharded));

        Assert.Contains("lacks shard(s) 1/3 of 3", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(sharded, "dislocations.csv")));
        Assert.False(File.Exists(Path.Combine(sharded, "segmentation.json")));
    }

    [Fact]
    public async Task MergedFiles_AreReplacedOnlyWhenAsked()
    {
        var tiff = TinyModel.WriteTiff(Path.Combine(this.scratch.Path, "stack.tif"), TinyModel.Frames(2));
        var sharded = Path.Combine(this.scratch.Path, "sharded");
        await this.Segment(("input", tiff), ("out", sharded), ("shard", "0/2"));
        await this.Segment(("input", tiff), ("out", sharded), ("shard", "1/2"));
        await Merge(sharded);
        var first = File.ReadAllBytes(Path.Combine(sharded, "lines.csv"));

        var e = await Assert.ThrowsAsync<ParameterException>(() => Merge(sharded));
        Assert.Equal("replace", e.Key);
        await Merge(sharded, ("replace", "true"));

        Assert.Equal(first, File.ReadAllBytes(Path.Combine(sharded, "lines.csv")));
    }

    [Fact]
    public async Task AFolderWithoutShards_IsAnErrorNamingIt()
    {
        var empty = Directory.CreateDirectory(Path.Combine(this.scratch.Path, "empty")).FullName;

        var e = await Assert.ThrowsAsync<InputFileException>(() => Merge(empty));

        Assert.Contains(empty, e.Message, StringComparison.Ordinal);
        Assert.Contains("no shard", e.Message, StringComparison.Ordinal);
    }

    private static async Task<CommandResult> Merge(string folder, params (string Key, string Value)[] options)
    {
        var command = new MergeCommand();
        var raw = new Dictionary<string, string> { ["folder"] = folder };
        foreach (var (key, value) in options)
        {
            raw[key] = value;
        }

        return await command.ExecuteAsync(ParameterBinder.Bind(command.Descriptor, raw, Path.GetTempPath()), CommandContext.Silent());
    }

    private Task<CommandResult> Segment(params (string Key, string Value)[] options) => models.SegmentRun(this.scratch.Path, options);
}
