using System.Text.Json;
using Dislocate.Contracts;
using Dislocate.Segment.Commands;
using Dislocate.Segment.Model;
using Dislocate.Segment.Tests.Commands;
using Dislocate.Segment.Training;
using TorchSharp;

namespace Dislocate.Segment.Tests.Training;

public sealed class MixedPrecisionTrainingTests : IDisposable
{
    private readonly TempFolder scratch = new();

    public MixedPrecisionTrainingTests() => torch.set_num_threads(2);

    [Fact]
    public void Bfloat16_autocast_training_on_the_cpu_brings_the_matching_loss_down()
    {
        // CPU autocast: bfloat16 convolutions, float32 loss, no scaler. Two images memorised with a high rate: bfloat16
        // convolutions run ~5× slower than float32 ones on this CPU (no bfloat16 units, oneDNN off), so the run is short.
        var (train, test) = TinySynthetic.Data(2, 1);
        var options = TinySynthetic.Options(epochs: 4, steps: 6, batch: 2, rate: 2e-2) with { Precision = TrainingPrecision.Mixed };
        var summary = new Trainer(options, train, test, torch.CPU).Run(this.Path("mixed"), null, resume: false, CommandContext.Silent());
        var first = summary.Records[0].TrainLoss;
        var last = summary.Records[^1].TrainLoss;
        Assert.All(summary.Records, r => Assert.True(double.IsFinite(r.TrainLoss) && double.IsFinite(r.TestLoss), $"epoch {r.Epoch}: loss {r.TrainLoss}, test {r.TestLoss}"));
        Assert.True(first > 0.8, $"first-epoch loss {first:F3}");
        Assert.True(last < 0.75 * first, $"loss went from {first:F3} to only {last:F3}");
        Assert.Equal("mixed-bfloat16", ModelFile.ReadMetadata(summary.ModelPath).Training["precision"]);
    }

    [Fact]
    public void Mixed_precision_changes_the_arithmetic_and_stays_repeatable()
    {
        // One step each: the first loss is the untrained network's, so float32 and bfloat16 differ only by rounding.
        var (train, test) = TinySynthetic.Data(2, 1);
        var fp32 = TinySynthetic.Options(epochs: 1, steps: 1, batch: 2);
        var mixed = fp32 with { Precision = TrainingPrecision.Mixed };
        var a = new Trainer(fp32, train, test, torch.CPU).Run(this.Path("fp32"), null, false, CommandContext.Silent());
        var b = new Trainer(mixed, train, test, torch.CPU).Run(this.Path("bf16-a"), null, false, CommandContext.Silent());
        var c = new Trainer(mixed, train, test, torch.CPU).Run(this.Path("bf16-b"), null, false, CommandContext.Silent());
        var loss32 = a.Records[0].TrainLoss;
        var loss16 = b.Records[0].TrainLoss;
        Assert.NotEqual(loss32, loss16);
        Assert.True(Math.Abs(loss32 - loss16) < 0.02, $"float32 loss {loss32:F5}, bfloat16 loss {loss16:F5}");
        Assert.Equal(b.Records[0].TrainLoss, c.Records[0].TrainLoss);
        Assert.Equal(File.ReadAllBytes(b.ModelPath), File.ReadAllBytes(c.ModelPath));
        Assert.Equal("float32", ModelFile.ReadMetadata(a.ModelPath).Training["precision"]);
    }

    [Fact]
    public void The_precision_parameter_is_shared_by_train_and_finetune_and_reaches_the_options()
    {
        foreach (IPluginCommand command in new IPluginCommand[] { new TrainCommand(), new FineTuneCommand() })
        {
            var spec = command.Descriptor.Find("precision")!;
            Assert.Equal("auto", spec.Default);
            Assert.Equal(TrainingPrecision.Auto, TrainingParameters.ReadPrecision(Values(command, [])));
            Assert.Equal(TrainingPrecision.Float32, TrainingParameters.ReadPrecision(Values(command, ("precision", "fp32"))));
            Assert.Equal(TrainingPrecision.Mixed, TrainingParameters.ReadPrecision(Values(command, ("precision", "mixed"))));
            Assert.ThrowsAny<ParameterException>(() => spec.Parse("half"));
        }

        var options = TrainingParameters.Options(Values(new TrainCommand(), ("precision", "mixed")), TinySynthetic.Options(1, 1).Spec, InputNormalisation.Default);
        Assert.Equal(TrainingPrecision.Mixed, options.Precision);
    }

    [Fact]
    public void Auto_precision_leaves_the_fingerprint_text_as_before_so_older_checkpoints_resume()
    {
        var auto = TinySynthetic.Options(1, 1);
        Assert.DoesNotContain("Precision", JsonSerializer.Serialize(auto), StringComparison.Ordinal);
        Assert.Contains("\"Precision\":2", JsonSerializer.Serialize(auto with { Precision = TrainingPrecision.Mixed }), StringComparison.Ordinal);
    }

    public void Dispose() => this.scratch.Dispose();

    private static ParameterValues Values(IPluginCommand command, params (string Key, string Text)[] given) => CommandValues.Of(command, given);

    private string Path(params string[] parts) => System.IO.Path.Combine([this.scratch.Path, .. parts]);
}
