using Dislocate.Contracts;
using Dislocate.Core.Imaging;
using Dislocate.Segment.Inference;
using Dislocate.Segment.Model;
using Dislocate.Segment.Onnx;
using Dislocate.Segment.PostProcessing;
using Google.Protobuf;
using TorchSharp;
using Xunit.Abstractions;

namespace Dislocate.Segment.Tests.Model;

/// <summary>
/// The hostile-input suite for model files (issue 13): malformed copies of a float32 and a float16 <c>.dislocate</c> file
/// and of an exported <c>.onnx</c> file (the image suite's mutations), each opened as the commands open them: metadata
/// (<c>segment info</c>, the dialog), the ONNX engine (the default for <c>segment run</c>), and, for <c>.dislocate</c>
/// files, libtorch (<c>--engine torch</c>, training's <c>--init</c>). Every case must end accepted (and then segment a
/// small image) or refused with an <see cref="InputFileException"/> naming the file; never another exception, never
/// more than <see cref="TimeLimit"/>. A native crash would end the test run, which is the point of running it here.
/// </summary>
/// <remarks><c>HOSTILE_CASES=1000 dotnet test tests/Segment.Tests --filter HostileModelFile</c> is the long run.</remarks>
public sealed class HostileModelFileTests(ITestOutputHelper output) : IDisposable
{
    private const int DefaultCases = 30;
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(20);

    private readonly TempFolder scratch = new();

    public void Dispose() => this.scratch.Dispose();

    [Fact]
    public void EveryMalformedModelFile_IsOpenedOrRefusedNamingTheFile_InTime()
    {
        torch.set_num_threads(1);
        var seeds = this.SeedFiles();
        var report = HostileSuite.Run(seeds, HostileSuite.CaseCount(DefaultCases), this.scratch.Path, name => name, TimeLimit, Open);
        foreach (var line in report.Describe(seeds.Count))
        {
            output.WriteLine(line);
        }

        Assert.True(report.Failures.Count == 0, string.Join('\n', report.Failures.Take(20)));
        Assert.Contains(report.Counts.Keys, c => c.EndsWith("refused", StringComparison.Ordinal)); // the mutations do reach the readers
    }

    /// <summary>Opens the file every way a command does and segments a small image with it.</summary>
    private static HostileOutcome Open(string path)
    {
        var image = new GrayImage(64, 64, TinyModels.Pattern(64, 64, seed: 3));
        var tiling = new TilingOptions(TileSize: 64, Overlap: 0, BatchSize: 1);
        if (path.EndsWith(".dislocate", StringComparison.Ordinal))
        {
            _ = ModelFile.ReadMetadata(path);
            _ = DefaultModel.Summary(ModelFile.ReadMetadata(path), path);
            using var torchEngine = Segmenter.Open(path, InferenceEngine.Torch, "cpu", 1, tiling, PostProcessingOptions.Default);
            _ = torchEngine.Predict(image);
        }

        using var onnxEngine = Segmenter.Open(path, InferenceEngine.Onnx, "cpu", 1, tiling, PostProcessingOptions.Default);
        _ = onnxEngine.Predict(image);
        return HostileOutcome.Accepted;
    }

    private List<(string Name, byte[] Bytes)> SeedFiles()
    {
        using var model = TinyModels.Create();
        var full = Path.Combine(this.scratch.Path, "seed.dislocate");
        var half = Path.Combine(this.scratch.Path, "seed-fp16.dislocate");
        var metadata = TinyModels.Metadata(TinyModels.Spec);
        ModelFile.Save(full, model, metadata);
        ModelFile.Save(half, model, metadata, halfWeights: true);
        var (m, weights) = ModelFile.ReadWeights(full);
        return
        [
            ("float32.dislocate", File.ReadAllBytes(full)),
            ("float16.dislocate", File.ReadAllBytes(half)),
            ("model.onnx", OnnxExporter.Build(m, weights).ToByteArray()),
        ];
    }
}
