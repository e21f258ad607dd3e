using System.Buffers.Binary;
using System.Text;
using Dislocate.Contracts;
using Dislocate.Segment.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Dislocate.Segment.Tests.Model;

public sealed class ModelFileTests : IDisposable
{
    private readonly TempFolder scratch = new();

    public void Dispose() => this.scratch.Dispose();

    [Fact]
    public void SaveThenLoadGivesBitwiseIdenticalOutputs()
    {
        using var model = TinyModels.Create();
        TrainBatchNormStatistics(model);
        var image = TinyModels.Pattern(96, 64);
        var normalised = new float[image.Length];
        InputNormalisation.Default.Apply(image, normalised);
        var before = TinyModels.Logits(model, normalised, 96, 64);

        var path = Path.Combine(this.scratch.Path, "model.dislocate");
        var metadata = TinyModels.Metadata(model.Spec);
        ModelFile.Save(path, model, metadata);
        var (loaded, read) = ModelFile.Load(path, CPU);
        using (loaded)
        {
            Assert.False(loaded.training);
            Assert.Equal(metadata, read);
            Assert.Equal("ünïcödé ✓", read.Training["note"]);
            Assert.Equal(before, TinyModels.Logits(loaded, normalised, 96, 64));
            var expected = model.state_dict();
            Assert.All(loaded.state_dict(), kv => Assert.True(TinyModels.Same(kv.Value, expected[kv.Key]), kv.Key));
        }

        Assert.Equal(metadata, ModelFile.ReadMetadata(path));
        Assert.False(File.Exists(path + ".partial"));
        Assert.Equal(ModelFile.Magic, Encoding.ASCII.GetString(File.ReadAllBytes(path), 0, ModelFile.Magic.Length));
    }

    [Fact]
    public void MetadataRoundTripsEveryField()
    {
        using var model = TinyModels.Create(new ModelSpec(EncoderKind.ResNet18, 5, 0.3));
        var metadata = new ModelMetadata(model.Spec, InputNormalisation.Fixed(0.123456789, 0.0987654321), 96, new Dictionary<string, string>(), "9.8.7");
        var path = Path.Combine(this.scratch.Path, "fixed.dislocate");
        ModelFile.Save(path, model, metadata);
        var read = ModelFile.ReadMetadata(path);
        Assert.Equal(metadata, read);
        Assert.Equal(0.123456789, read.Normalisation.Mean);
        Assert.Equal(NormalisationMode.Fixed, read.Normalisation.Mode);
        Assert.Equal(0.3, read.Spec.DecoderScale);
        Assert.Equal(ModelMetadata.CurrentFormatVersion, read.FormatVersion);
    }

    [Fact]
    public void ANestedScale_IsWrittenOnlyWhenItIsNotOne_SoSmpShapedFilesKeepTheirBytes()
    {
        using var plain = TinyModels.Create(new ModelSpec(EncoderKind.ResNet18, 1, 0.25, Output: OutputKind.LineMap));
        using var light = TinyModels.Create(plain.Spec with { NestedScale = 0.5 });
        var plainPath = Path.Combine(this.scratch.Path, "plain.dislocate");
        var lightPath = Path.Combine(this.scratch.Path, "light.dislocate");
        ModelFile.Save(plainPath, plain, TinyModels.Metadata(plain.Spec));
        ModelFile.Save(lightPath, light, TinyModels.Metadata(light.Spec));

        Assert.DoesNotContain("nested_scale", Encoding.UTF8.GetString(ModelMetadataJson.Serialize(TinyModels.Metadata(plain.Spec))), StringComparison.Ordinal);
        Assert.Equal(1.0, ModelFile.ReadMetadata(plainPath).Spec.NestedScale);
        Assert.Equal(0.5, ModelFile.ReadMetadata(lightPath).Spec.NestedScale);
        var (loaded, _) = ModelFile.Load(lightPath, CPU);
        using (loaded)
        {
            Assert.Equal(light.ParameterCount, loaded.ParameterCount);
        }
    }

    [Fact]
    public void SaveOverwritesAtomicallyAndRefusesMismatchedMetadata()
    {
        var model = TinyModels.Shared;
        var path = Path.Combine(this.scratch.Path, "m.dislocate");
        File.WriteAllText(path, "old");
        ModelFile.Save(path, model, TinyModels.Metadata(model.Spec));
        Assert.Equal(model.Spec, ModelFile.ReadMetadata(path).Spec);

        var other = TinyModels.Metadata(model.Spec with { Outputs = 4 });
        Assert.Throws<ArgumentException>(() => ModelFile.Save(path, model, other));
        Assert.Throws<ArgumentException>(() => ModelFile.Save(path, model, TinyModels.Metadata(model.Spec, tileSize: 100)));
        Assert.Equal(model.Spec, ModelFile.ReadMetadata(path).Spec); // the failed saves left the file alone
    }

    [Theory]
    [InlineData(10)] // inside the magic line
    [InlineData(30)] // inside the header numbers
    [InlineData(100)] // inside the metadata JSON
    [InlineData(-1000)] // inside the weights
    [InlineData(-1)]
    public void TruncatedFileIsAnInputFileError(int keep)
    {
        var path = this.SaveTiny();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(keep >= 0 ? keep : bytes.Length + keep)]);
        AssertRejected(path, () => ModelFile.Load(path, CPU));
        AssertRejected(path, () => ModelFile.ReadMetadata(path));
    }

    [Fact]
    public void GarbageAndMissingFilesAreInputFileErrors()
    {
        var garbage = Path.Combine(this.scratch.Path, "garbage.dislocate");
        File.WriteAllBytes(garbage, [.. Enumerable.Range(0, 5000).Select(i => (byte)((i * 7919) % 251))]);
        var e = AssertRejected(garbage, () => ModelFile.Load(garbage, CPU));
        Assert.Contains("not a Dislocate segmentation model", e.Message, StringComparison.Ordinal);

        var empty = Path.Combine(this.scratch.Path, "empty.dislocate");
        File.WriteAllBytes(empty, []);
        AssertRejected(empty, () => ModelFile.Load(empty, CPU));

        var missing = Path.Combine(this.scratch.Path, "missing.dislocate");
        AssertRejected(missing, () => ModelFile.ReadMetadata(missing));
    }

    [Fact]
    public void NewerFormatVersionSaysSo()
    {
        var path = this.SaveTiny();
        var bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(ModelFile.Magic.Length), ModelMetadata.HalfWeightsFormatVersion + 1);
        File.WriteAllBytes(path, bytes);
        var e = AssertRejected(path, () => ModelFile.Load(path, CPU));
        Assert.Equal("format_version", e.Field);
        Assert.Contains("newer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WeightsThatDoNotMatchTheDeclaredArchitectureAreRefused()
    {
        var path = this.SaveTiny();
        RewriteMetadata(path, json => json.Replace("\"outputs\": 3", "\"outputs\": 4", StringComparison.Ordinal));
        Assert.Equal(4, ModelFile.ReadMetadata(path).Spec.Outputs); // the header alone is consistent…
        var e = AssertRejected(path, () => ModelFile.Load(path, CPU)); // …but the weights are for 3 outputs
        Assert.Equal("weights", e.Field);

        path = this.SaveTiny();
        RewriteMetadata(path, json => json.Replace("\"resnet18\"", "\"resnet34\"", StringComparison.Ordinal));
        Assert.Equal("weights", AssertRejected(path, () => ModelFile.Load(path, CPU)).Field);
    }

    [Theory]
    [InlineData("\"tile_size\": 64", "\"tile_size\": 100", "tile_size")]
    [InlineData("\"tile_size\": 64", "\"tile_size\": \"64\"", "tile_size")]
    [InlineData("\"resnet18\"", "\"resnet19\"", "spec.encoder")]
    [InlineData("\"outputs\": 3", "\"outputs\": 3.5", "spec.outputs")]
    [InlineData("\"per_image\"", "\"histogram\"", "normalisation.mode")]
    [InlineData("\"min_std\": 0.01", "\"min_std\": 0", "normalisation.min_std")]
    [InlineData("\"plugin_version\"", "\"plugin_versions\"", "plugin_version")]
    [InlineData("\"seed\": \"7\"", "\"seed\": 7", "training.seed")]
    [InlineData("{", "[", "metadata")]
    public void BadMetadataNamesTheField(string find, string replace, string field)
    {
        var path = this.SaveTiny();
        RewriteMetadata(path, json => ReplaceFirst(json, find, replace));
        var e = AssertRejected(path, () => ModelFile.ReadMetadata(path));
        Assert.Equal(field, e.Field);
    }

    private static InputFileException AssertRejected(string path, Action read)
    {
        var e = Assert.Throws<InputFileException>(read);
        Assert.Equal(path, e.Path);
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
        return e;
    }

    private static InputFileException AssertRejected(string path, Func<(UNetPlusPlus, ModelMetadata)> load) => AssertRejected(path, () =>
    {
        var (model, _) = load();
        model.Dispose();
    });

    private static InputFileException AssertRejected(string path, Func<ModelMetadata> read) => AssertRejected(path, () => { read(); });

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{find}' not in {text}");
        return string.Concat(text.AsSpan(0, at), replace, text.AsSpan(at + find.Length));
    }

    /// <summary>Rebuilds a model file with edited metadata JSON and its original weights.</summary>
    private static void RewriteMetadata(string path, Func<string, string> edit)
    {
        var bytes = File.ReadAllBytes(path);
        var at = ModelFile.Magic.Length + 4;
        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at));
        var json = edit(Encoding.UTF8.GetString(bytes, at + 4, length));
        var newJson = Encoding.UTF8.GetBytes(json);
        var rest = bytes.AsSpan(at + 4 + length).ToArray();
        var head = bytes.AsSpan(0, at).ToArray();
        var size = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(size, newJson.Length);
        File.WriteAllBytes(path, [.. head, .. size, .. newJson, .. rest]);
    }

    private static void TrainBatchNormStatistics(UNetPlusPlus model)
    {
        // A few training-mode passes move the BatchNorm running statistics away from 0/1, so the test sees them saved.
        model.train();
        using (var scope = NewDisposeScope())
        using (var noGrad = no_grad())
        {
            for (var i = 0; i < 2; i++)
            {
                model.call(rand(2, 1, 64, 64));
            }
        }

        model.eval();
    }

    private string SaveTiny()
    {
        var model = TinyModels.Shared;
        var path = Path.Combine(this.scratch.Path, Guid.NewGuid().ToString("N") + ".dislocate");
        ModelFile.Save(path, model, TinyModels.Metadata(model.Spec));
        return path;
    }
}
