using Dislocate.Contracts;
using Dislocate.Segment.Commands;
using Dislocate.Segment.Model;
using Dislocate.Segment.Tests.Training;
using Dislocate.Synthetic.Presets;
using Dislocate.Synthetic.Streaming;

namespace Dislocate.Segment.Tests.Commands;

/// <summary><c>segment train --mix</c>: more presets whose images alternate with the preset's in one run.</summary>
public sealed class TrainCommandMixTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => this.folder.Dispose();

    [Fact]
    public async Task AMissingMixedPreset_IsNamed_BeforeAnythingIsWritten()
    {
        var command = new TrainCommand();
        var values = CommandValues.Of(command, ("out", this.folder.File("bad")), ("mix", "defaults, nothere.json"), ("crop", "64"));

        var e = await Assert.ThrowsAsync<ParameterException>(() => command.ExecuteAsync(values, this.Context()));

        Assert.Equal("mix", e.Key);
        Assert.Contains(this.folder.File("nothere.json") + "' does not exist", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(this.folder.File("bad")));
    }

    [Fact]
    public async Task APresetMixedWithTheDefaults_TrainsOnBoth_AndTheRecordSaysSo()
    {
        var preset = this.folder.File("small.json");
        PresetFile.Write(preset, new Preset("small", "64² test images", TinySynthetic.Settings, null));
        var command = new TrainCommand();
        var run = this.folder.File("run");
        var values = CommandValues.Of(
            command,
            ("out", run), ("preset", preset), ("mix", "defaults"), ("output", "lines"), ("encoder", "resnet18"), ("decoder", "0.125"),
            ("crop", "64"), ("batch", "2"), ("epochs", "1"), ("steps", "1"), ("train-count", "2"), ("test-count", "2"), ("threads", "1"), ("warmup", "0"));

        await command.ExecuteAsync(values, this.Context());

        var record = ModelFile.ReadMetadata(Path.Combine(run, "model.dislocate")).Training;
        var members = record["train_data"].Split(" | ");
        Assert.Equal(2, members.Length);
        Assert.Contains("(preset small.json, seed 1,", members[0], StringComparison.Ordinal);
        Assert.Contains("(M2 defaults, seed 2,", members[1], StringComparison.Ordinal);
        Assert.EndsWith(" (in turn), indices 0..1", record["train_data"], StringComparison.Ordinal);
        Assert.EndsWith(" (in turn), indices 2..3", record["test_data"], StringComparison.Ordinal);
    }

    private CommandContext Context() => new(new Progress<ProgressUpdate>(), NullCommandLog.Instance, this.folder.Path, CancellationToken.None)
    {
        Services = new HostServices([new SyntheticSampleProvider()]),
    };
}
