using Dislocate.Contracts;
using Dislocate.Segment.Inference;
using Dislocate.Segment.Model;
using Dislocate.Segment.PostProcessing;
using Dislocate.Segment.Training;
using TorchSharp;

namespace Dislocate.Segment.Tests.Training;

public sealed class LineMapTrainingTests : IDisposable
{
    private readonly TempFolder scratch = new();

    public LineMapTrainingTests() => torch.set_num_threads(2);

    public void Dispose() => this.scratch.Dispose();

    [Fact]
    public void The_loss_targets_the_union_of_the_masks_and_is_near_zero_for_a_perfect_map()
    {
        using var truth = torch.zeros(1, 3, 8, 8);
        truth[0, 0, 2, torch.TensorIndex.Colon] = torch.tensor(1f);
        truth[0, 2, 5, torch.TensorIndex.Colon] = torch.tensor(1f);
        using var union = LineMapLoss.Union(truth);
        Assert.Equal(new long[] { 1, 1, 8, 8 }, union.shape);
        Assert.Equal(16, union.sum().item<float>());
        using var perfect = LineMapLoss.Compute(union.clone(), truth, 1);
        Assert.InRange(perfect.item<float>(), 0, 1e-4);
        using var wrong = LineMapLoss.Compute(1 - union, truth, 1);
        Assert.True(wrong.item<float>() > 5, $"an inverted map costs {wrong.item<float>()}");
        using var none = LineMapLoss.Compute(torch.full(1, 1, 8, 8, 0.01f), torch.zeros(1, 1, 8, 8), 1);
        Assert.True(float.IsFinite(none.item<float>()));
    }

    [Fact]
    public void A_tiny_line_map_model_learns_and_its_file_says_what_it_is()
    {
        var (train, test) = TinySynthetic.Data(4, 2);
        var options = TinySynthetic.Options(epochs: 4, steps: 6, rate: 5e-3) with
        {
            Spec = new ModelSpec(EncoderKind.ResNet18, Outputs: 1, DecoderScale: 0.25, Output: OutputKind.LineMap),
        };
        var summary = new Trainer(options, train, test, torch.CPU).Run(Path.Combine(this.scratch.Path, "run"), null, resume: false, CommandContext.Silent());
        Assert.True(summary.Records[^1].TrainLoss < 0.8 * summary.Records[0].TrainLoss, $"loss {summary.Records[0].TrainLoss:F3} → {summary.Records[^1].TrainLoss:F3}");
        Assert.All(summary.Records, r => Assert.InRange(r.TestMetric, 0, 1));
        var metadata = ModelFile.ReadMetadata(summary.ModelPath);
        Assert.Equal(OutputKind.LineMap, metadata.Spec.Output);
        Assert.Contains("oneDNN", metadata.Training["kernels"], StringComparison.Ordinal);
    }

    [Fact]
    public void Line_map_specs_have_one_output_and_post_processing_keeps_every_piece()
    {
        Assert.NotNull(new ModelSpec(Outputs: 2, Output: OutputKind.LineMap).FindProblem());
        Assert.Null(new ModelSpec(Outputs: 1, Output: OutputKind.LineMap).FindProblem());
        var options = Segmenter.ForOutput(PostProcessingOptions.Default, OutputKind.LineMap);
        Assert.Equal(int.MaxValue, options.MaxPieces);
        Assert.Equal(PostProcessingOptions.Default, Segmenter.ForOutput(PostProcessingOptions.Default, OutputKind.Instances));
    }
}
