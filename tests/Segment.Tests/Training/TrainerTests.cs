using Dislocate.Contracts;
using Dislocate.Segment.Model;
using Dislocate.Segment.Training;
using TorchSharp;

namespace Dislocate.Segment.Tests.Training;

public sealed class TrainerTests : IDisposable
{
    private readonly TempFolder scratch = new();

    public TrainerTests() => torch.set_num_threads(2);

    [Fact]
    public void A32PixelCropWithBatch1_IsRefusedUpFront_NotANaNLoss()
    {
        var (train, test) = TinySynthetic.Data(2, 1);

        var e = Assert.Throws<ParameterException>(() => new Trainer(TinySynthetic.Options(epochs: 1, steps: 1, batch: 1) with { Crop = 32 }, train, test, torch.CPU));

        Assert.Equal("batch", e.Key);
        Assert.Contains("--batch 2", e.Message, StringComparison.Ordinal);
        _ = new Trainer(TinySynthetic.Options(epochs: 1, steps: 1, batch: 2) with { Crop = 32 }, train, test, torch.CPU);
    }

    [Fact]
    public void Tiny_model_brings_the_matching_loss_down_clearly()
    {
        // Four images seen over and over: the loss must fall far below its start (≈ 0.95 for an untrained network).
        var (train, test) = TinySynthetic.Data(4, 2);
        var summary = new Trainer(TinySynthetic.Options(epochs: 6, steps: 8, rate: 5e-3), train, test, torch.CPU)
            .Run(this.Path("run"), null, resume: false, CommandContext.Silent());
        var first = summary.Records[0].TrainLoss;
        var last = summary.Records[^1].TrainLoss;
        Assert.True(first > 0.8, $"first-epoch loss {first:F3}");
        Assert.True(last < 0.75 * first, $"loss went from {first:F3} to only {last:F3}");
        Assert.True(File.Exists(summary.ModelPath));
        Assert.True(File.Exists(this.Path("run", "curves.png")));
        Assert.Equal(7, File.ReadAllLines(this.Path("run", "curves.csv")).Length);
        Assert.All(summary.Records, r => Assert.InRange(r.TestMetric, 0, 1));
    }

    [Fact]
    public void Same_seed_gives_the_same_run_and_the_saved_model_reproduces_its_test_figures()
    {
        var (train, test) = TinySynthetic.Data(6, 3);
        var options = TinySynthetic.Options(epochs: 2, steps: 2, batch: 2);
        var a = new Trainer(options, train, test, torch.CPU).Run(this.Path("a"), null, false, CommandContext.Silent());
        var b = new Trainer(options, train, test, torch.CPU).Run(this.Path("b"), null, false, CommandContext.Silent());
        Assert.Equal(a.Records.Select(r => (r.TrainLoss, r.TestLoss, r.TestMetric)), b.Records.Select(r => (r.TrainLoss, r.TestLoss, r.TestMetric)));
        Assert.Equal(File.ReadAllBytes(a.ModelPath), File.ReadAllBytes(b.ModelPath));

        // The latest epoch's model sits beside the best one, with its own epoch and metric.
        var last = ModelFile.ReadMetadata(this.Path("a", Trainer.LastModelFileName));
        Assert.Equal("2", last.Training["epoch"]);
        Assert.Equal(a.Records[^1].TestMetric.ToString("R", System.Globalization.CultureInfo.InvariantCulture), last.Training["test_metric"]);
        Assert.Equal(File.ReadAllBytes(this.Path("a", Trainer.LastModelFileName)), File.ReadAllBytes(this.Path("b", Trainer.LastModelFileName)));

        // Train → save → load → evaluate gives back the best epoch's test loss and metric.
        var (model, metadata) = ModelFile.Load(a.ModelPath, torch.CPU);
        using (model)
        {
            Assert.Equal(options.Spec, metadata.Spec);
            var (loss, metric) = new Trainer(options, train, test, torch.CPU).Evaluate(model, CancellationToken.None);
            var best = a.Records.Single(r => r.Epoch == a.BestEpoch);
            Assert.Equal(best.TestLoss, loss, 5);
            Assert.Equal(best.TestMetric, metric, 9);
        }
    }

    [Fact]
    public void An_interrupted_run_resumes_to_the_same_result_as_an_uninterrupted_one()
    {
        var (train, test) = TinySynthetic.Data(6, 2);
        var options = TinySynthetic.Options(epochs: 3, steps: 2, batch: 2);
        var straight = new Trainer(options, train, test, torch.CPU).Run(this.Path("straight"), null, false, CommandContext.Silent());

        // Cancel during epoch 2: epoch 1's checkpoint stays, nothing half-written.
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(u =>
        {
            if (u.Done == 3)
            {
                cancel.Cancel();
            }
        });
        var context = new CommandContext(progress, NullCommandLog.Instance, this.scratch.Path, cancel.Token);
        Assert.ThrowsAny<OperationCanceledException>(() => new Trainer(options, train, test, torch.CPU).Run(this.Path("resumed"), null, true, context));
        Assert.Equal(2, File.ReadAllLines(this.Path("resumed", "curves.csv")).Length);
        Assert.Empty(Directory.GetFiles(this.Path("resumed"), "*.partial"));

        var resumed = new Trainer(options, train, test, torch.CPU).Run(this.Path("resumed"), null, true, CommandContext.Silent());
        Assert.Equal(1, resumed.ResumedFromEpoch);
        Assert.Equal(straight.Records.Select(r => (r.TrainLoss, r.TestLoss, r.TestMetric)), resumed.Records.Select(r => (r.TrainLoss, r.TestLoss, r.TestMetric)));
        Assert.Equal(File.ReadAllBytes(this.Path("straight", Checkpoint.FileName)), File.ReadAllBytes(this.Path("resumed", Checkpoint.FileName)));

        // Other options must not continue this checkpoint.
        var other = options with { LearningRate = 1e-2 };
        Assert.Throws<InputFileException>(() => new Trainer(other, train, test, torch.CPU).Run(this.Path("resumed"), null, true, CommandContext.Silent()));
    }

    [Fact]
    public void AnInitialModelWithAnotherDecoder_GivesItsMatchingTensors_AndAnotherEncoderIsRefused()
    {
        var (train, test) = TinySynthetic.Data(4, 1);
        var options = TinySynthetic.Options(epochs: 1, steps: 1, batch: 2);
        var first = new Trainer(options, train, test, torch.CPU).Run(this.Path("first"), null, false, CommandContext.Silent());
        var lighter = options with { Spec = options.Spec with { NestedScale = 0.5 }, LearningRate = 1e-7 };

        var second = new Trainer(lighter, train, test, torch.CPU).Run(this.Path("second"), first.ModelPath, false, CommandContext.Silent());

        var (before, _) = ModelFile.Load(first.ModelPath, torch.CPU);
        var (after, metadata) = ModelFile.Load(second.ModelPath, torch.CPU);
        using (before)
        using (after)
        {
            Assert.Equal(0.5, metadata.Spec.NestedScale);
            var parts = metadata.Training["initial_tensors"].Split(" of ");
            var (taken, total) = (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
            Assert.InRange(taken, before.state_dict().Count(kv => kv.Key.StartsWith("encoder.", StringComparison.Ordinal)), total - 1);
            var was = before.state_dict();
            var now = after.state_dict();

            // One step at rate 1e-7 moves a weight by about 1e-7: the encoder is the initial model's.
            Assert.True(now["encoder.layer4.1.conv2.weight"].sub(was["encoder.layer4.1.conv2.weight"]).abs().max().item<float>() < 1e-5);
            Assert.NotEqual(was["decoder.blocks.x_1_3.conv1.0.weight"].shape, now["decoder.blocks.x_1_3.conv1.0.weight"].shape);
        }

        var otherEncoder = options with { Spec = options.Spec with { Encoder = EncoderKind.ResNet34 } };
        var e = Assert.Throws<InputFileException>(() => new Trainer(otherEncoder, train, test, torch.CPU).Run(this.Path("third"), first.ModelPath, false, CommandContext.Silent()));
        Assert.Equal("spec", e.Field);
        Assert.Contains("encoder and input channels", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => this.scratch.Dispose();

    private string Path(params string[] parts) => System.IO.Path.Combine([this.scratch.Path, .. parts]);

    /// <summary>Reports on the calling thread, so the test can cancel at an exact step.</summary>
    private sealed class SynchronousProgress(Action<ProgressUpdate> report) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value) => report(value);
    }
}
