using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Dislocate.Contracts;
using Dislocate.Segment.Commands;
using Dislocate.Segment.Model;
using Dislocate.Segment.Onnx;
using Dislocate.Segment.Tests.Commands;
using Dislocate.Segment.Tests.Model;
using Microsoft.ML.OnnxRuntime;

namespace Dislocate.Segment.Tests.Onnx;

/// <summary>A bioimage.io package read back: its fields, checksums, and test tensors reproduced by ONNX Runtime.</summary>
public sealed class BioImageIoPackageTests : IDisposable
{
    private readonly TempFolder scratch = new();

    public void Dispose() => this.scratch.Dispose();

    [Fact]
    public async Task ThePackage_HoldsItsRequiredFields_AndOnnxRuntimeReproducesItsTestOutput()
    {
        var model = this.Model();
        var zip = Path.Combine(this.scratch.Path, "model.zip");
        var command = new ExportCommand();
        await command.ExecuteAsync(CommandValues.Of(command, ("model", model), ("out", zip), ("format", "bioimageio"), ("license", "CC-BY-4.0"), ("record", "name=tiny")), CommandContext.Silent());

        using var archive = ZipFile.OpenRead(zip);
        byte[] Read(string name)
        {
            using var stream = archive.GetEntry(name)?.Open() ?? throw new InvalidOperationException($"no {name} in the package");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }

        var rdf = Encoding.UTF8.GetString(Read("rdf.yaml"));
        foreach (var field in new[] { "format_version: 0.5", "type: model", "name: \"tiny\"", "license: \"CC-BY-4.0\"", "documentation: README.md", "covers:", "cite:", "doi: 10.48550/arXiv.2307.06322", "inputs:", "outputs:", "weights:", "onnx:", "opset_version: 17", "zero_mean_unit_variance", "- id: sigmoid" })
        {
            Assert.Contains(field, rdf, StringComparison.Ordinal);
        }

        foreach (var file in new[] { "weights.onnx", "test_input.npy", "test_output.npy" })
        {
            Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(Read(file))), rdf, StringComparison.Ordinal);
        }

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], Read("cover.png")[..4]);
        Assert.Contains("Govind", Encoding.UTF8.GetString(Read("README.md")), StringComparison.Ordinal);

        // As a bioimage.io consumer runs it: zero_mean_unit_variance over x and y, the ONNX weights, then a sigmoid.
        var (inputShape, input) = NpyFile.ReadFloat32(Read("test_input.npy"), "test_input.npy");
        var (outputShape, expected) = NpyFile.ReadFloat32(Read("test_output.npy"), "test_output.npy");
        Assert.Equal([1, 1, BioImageIoPackage.TestSize, BioImageIoPackage.TestSize], inputShape);
        Assert.Equal([1, TinyModels.Spec.Outputs, BioImageIoPackage.TestSize, BioImageIoPackage.TestSize], outputShape);
        var mean = input.Average();
        var std = Math.Sqrt(input.Select(v => (v - mean) * (v - mean)).Average());
        var normalised = input.Select(v => (float)((v - mean) / (std + 1e-6))).ToArray();
        using var session = new InferenceSession(Read("weights.onnx"));
        using var options = new RunOptions();
        using var tensor = OrtValue.CreateTensorValueFromMemory(normalised, [1, 1, inputShape[2], inputShape[3]]);
        using var outputs = session.Run(options, [session.InputNames[0]], [tensor], [session.OutputNames[0]]);
        var actual = outputs[0].GetTensorDataAsSpan<float>().ToArray().Select(v => 1f / (1f + MathF.Exp(-v))).ToArray();
        Assert.True(expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max() <= 1e-4);
    }

    [Fact]
    public async Task TheSameModel_GivesTheSameBytes_AndAPackageWithoutALicenceIsRefused()
    {
        var model = this.Model();
        var command = new ExportCommand();
        async Task<byte[]> Export(string name)
        {
            var zip = Path.Combine(this.scratch.Path, name);
            await command.ExecuteAsync(CommandValues.Of(command, ("model", model), ("out", zip), ("format", "bioimageio"), ("license", "MIT")), CommandContext.Silent());
            return await File.ReadAllBytesAsync(zip);
        }

        Assert.Equal(await Export("a.zip"), await Export("b.zip"));
        var e = await Assert.ThrowsAsync<ParameterException>(() => command.ExecuteAsync(CommandValues.Of(command, ("model", model), ("out", Path.Combine(this.scratch.Path, "c.zip")), ("format", "bioimageio")), CommandContext.Silent()));
        Assert.Equal("license", e.Key);
        Assert.False(File.Exists(Path.Combine(this.scratch.Path, "c.zip")));
    }

    private string Model()
    {
        using var model = TinyModels.Create();
        var path = Path.Combine(this.scratch.Path, "tiny.dislocate");
        ModelFile.Save(path, model, TinyModels.Metadata(TinyModels.Spec));
        return path;
    }
}
