using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Core.Jobs;
using Dislocate.Synthetic.Commands;
using Dislocate.Synthetic.Dataset;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Tests.Commands;

public sealed class ReplayTests : IDisposable
{
    private readonly TempFolder scratch = new();

    public void Dispose() => this.scratch.Dispose();

    private static ParameterValues Values(ReplayCommand command, Dictionary<string, object> values) =>
        new(command.Descriptor, values.Concat(command.Descriptor.Parameters.Where(p => p.Default is not null && !values.ContainsKey(p.Key))
            .Select(p => KeyValuePair.Create(p.Key, p.Default is int i ? (object)(long)i : p.Default!))).ToDictionary(), values.Keys);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Replay_RegeneratesImageMasksAndUnion_ByteForByte(int frames)
    {
        var settings = TestData.Small with { Sequence = SequenceSettings.Default with { Frames = frames } };
        var format = frames > 1 ? ImageFormat.Tif8 : ImageFormat.Png8;
        var o = new DatasetOptions(Path.Combine(this.scratch.Path, "ds"), 3, 1, 9, format, MaskFormat.Tiff, true, Shard.All, 1);
        DatasetWriter.Write(settings, o, null, CancellationToken.None);
        var files = new SampleFiles(o, 2, frames);

        var replay = new ReplayCommand();
        var outFolder = Path.Combine(this.scratch.Path, "replayed");
        var values = Values(replay, new() { ["json"] = files.Params, ["out"] = outFolder, ["format"] = frames > 1 ? "tif8" : "png8" });
        await replay.ExecuteAsync(values, CommandContext.Silent());

        var flat = SampleFiles.Flat(outFolder, files.Name, format, MaskFormat.Tiff, labelme: true, frames);
        Assert.Equal(File.ReadAllBytes(files.Image), File.ReadAllBytes(flat.Image));
        Assert.Equal(File.ReadAllBytes(files.Masks), File.ReadAllBytes(flat.Masks));
        Assert.Equal(File.ReadAllBytes(files.Union), File.ReadAllBytes(flat.Union));
        Assert.Equal(File.ReadAllBytes(files.Params), File.ReadAllBytes(flat.Params));
    }

    [Fact]
    public void MalformedParamsJson_NamesFileAndField()
    {
        var path = Path.Combine(this.scratch.Path, "bad.json");
        File.WriteAllText(path, "{\"generator\": \"dislocate-synthetic\", \"generator_version\": \"0.1.0\", \"format_version\": \"one\"}");
        var e = Assert.Throws<InputFileException>(() => ReplayCommand.ReadDocument(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Equal("$.format_version", e.Field);
    }

    [Theory]
    [InlineData("\"format_version\": \"one\"", "expected another kind of value here")]
    [InlineData("\"format_version\": 1, \"dataset_seed\": 1, \"index\": 0, \"seed\": 1, \"frames\": [{\"width\": \"wide\"}]", "expected ")]
    [InlineData("\"format_version\": 1, \"dataset_seed\": 1, \"index\": 0, \"seed\": 1, \"frames\": [{\"pileups\": [{\"dislocations\": [{\"x\": [1, \"NaN\"]}]}]}]", "expected a number")]
    [InlineData("\"format_version\": 1, \"dataset_seed\": 1, \"index\": 0, \"seed\": 1, \"settings\": null, \"frames\": []", "must not be null")]
    [InlineData("\"format_version\": 1", "is missing")]
    [InlineData("\"format_version\": 1, \"colour\": 3", "has an unknown field 'colour'")]
    public void TypeErrors_SayWhatWasExpected_NotTheDotNetType(string fields, string expected)
    {
        var path = Path.Combine(this.scratch.Path, "typed.json");
        File.WriteAllText(path, "{\"generator\": \"dislocate-synthetic\", \"generator_version\": \"0.1.0\", " + fields + "}");
        var e = Assert.Throws<InputFileException>(() => ReplayCommand.ReadDocument(path));
        Assert.True(e.Message.Contains(expected, StringComparison.Ordinal), e.InnerException?.Message);
        Assert.DoesNotContain("System.", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Dislocate.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedJson_ReportsLine()
    {
        var path = Path.Combine(this.scratch.Path, "cut.json");
        File.WriteAllText(path, "{\n  \"generator\": \"dislocate-synthetic\",\n  \"frames\": [");
        var e = Assert.Throws<InputFileException>(() => ReplayCommand.ReadDocument(path));
        Assert.Contains("line", e.Message, StringComparison.Ordinal);
    }
}
