using System.Text.Json;
using Dislocate.Segment.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dislocate.Segment.Tests.Training;

public sealed class GradScalerTests
{
    [Fact]
    public void Finite_gradients_are_unscaled_in_place_and_the_step_is_taken()
    {
        // loss = 3·p0 + 4·p1 → gradient (3, 4); backward on the scaled loss gives (3072, 4096).
        using var p = new Parameter(torch.tensor(new[] { 1f, 2f }));
        using var sgd = torch.optim.SGD([p], 0.5);
        using var weights = torch.tensor(new[] { 3f, 4f });
        var scaler = new GradScaler(initialScale: 1024);
        using (var loss = (p * weights).sum())
        using (var scaled = scaler.ScaleLoss(loss))
        {
            Assert.Equal((3f + 8f) * 1024, scaled.item<float>());
            scaled.backward();
        }

        Assert.Equal(new[] { 3072f, 4096f }, p.grad!.data<float>().ToArray());
        Assert.True(scaler.Step(sgd));
        Assert.Equal(new[] { 3f, 4f }, p.grad!.data<float>().ToArray());
        Assert.Equal(new[] { 1f - 1.5f, 2f - 2f }, p.data<float>().ToArray());
        scaler.Update();
        Assert.Equal(1024, scaler.Scale);
        Assert.Equal(1, scaler.GoodSteps);
    }

    [Fact]
    public void A_nan_gradient_skips_the_step_and_halves_the_scale()
    {
        using var p = new Parameter(torch.tensor(new[] { 1f, 2f }));
        using var q = new Parameter(torch.tensor(new[] { 5f }));
        using var sgd = torch.optim.SGD([p, q], 0.5);
        using var weights = torch.tensor(new[] { float.NaN, 1f });
        var scaler = new GradScaler(initialScale: 256, growthInterval: 3);
        for (var i = 0; i < 2; i++)
        {
            scaler.ScaledStep(sgd, () => p.sum() + q.sum(), expectStep: true);
        }

        Assert.Equal(2, scaler.GoodSteps);
        var before = (p.data<float>().ToArray(), q.data<float>().ToArray());
        sgd.zero_grad();
        using (var loss = (p * weights).sum() + q.sum())
        using (var scaled = scaler.ScaleLoss(loss))
        {
            scaled.backward();
        }

        // Only p's first gradient is NaN; no parameter moves, q included.
        Assert.False(scaler.Step(sgd));
        Assert.Equal(before.Item1, p.data<float>().ToArray());
        Assert.Equal(before.Item2, q.data<float>().ToArray());
        scaler.Update();
        Assert.Equal(128, scaler.Scale);
        Assert.Equal(0, scaler.GoodSteps);
    }

    [Fact]
    public void Float16_overflow_backs_the_scale_off_until_it_fits_and_it_grows_after_the_interval()
    {
        // The gradient reaches p through a float16 cast: d(scaled loss)/dh = 1000·scale must stay ≤ 65504 (float16's
        // largest) or it is inf. From 2^16, ten halvings reach 64 (64 000 fits); after 3 good steps the scale doubles
        // to 128 (128 000 overflows) and backs off to 64 again.
        using var p = new Parameter(torch.tensor(new[] { 1f, 2f }));
        using var sgd = torch.optim.SGD([p], 1.0 / 1024);
        var scaler = new GradScaler(growthInterval: 3);
        Tensor Loss() => (p.to_type(ScalarType.Float16) * 1000).sum().to_type(ScalarType.Float32);
        var stepped = new List<bool>();
        var scales = new List<double>();
        for (var i = 0; i < 15; i++)
        {
            stepped.Add(scaler.ScaledStep(sgd, Loss, expectStep: null));
            scales.Add(scaler.Scale);
        }

        Assert.Equal([.. Enumerable.Repeat(false, 10), true, true, true, false, true], stepped);
        Assert.Equal([.. Enumerable.Range(1, 10).Select(k => 65536.0 / (1 << k)), 64, 64, 128, 64, 64], scales);

        // Four good steps, each moving p by 1000/1024 with the gradient unscaled exactly.
        Assert.Equal(new[] { 1f - (4 * 1000f / 1024), 2f - (4 * 1000f / 1024) }, p.data<float>().ToArray());
    }

    [Fact]
    public void Step_and_update_must_alternate_and_the_state_round_trips()
    {
        using var p = new Parameter(torch.tensor(new[] { 1f }));
        using var sgd = torch.optim.SGD([p], 0.1);
        var scaler = new GradScaler();
        Assert.Throws<InvalidOperationException>(scaler.Update);
        using (var loss = scaler.ScaleLoss(p.sum()))
        {
            loss.backward();
        }

        scaler.Step(sgd);
        Assert.Throws<InvalidOperationException>(() => scaler.Step(sgd));
        scaler.Update();

        var copy = new GradScaler();
        copy.Restore(new GradScalerState(512, 7));
        Assert.Equal(new GradScalerState(512, 7), copy.State);
        Assert.Throws<ArgumentException>(() => copy.Restore(new GradScalerState(0, 0)));
        Assert.Throws<ArgumentException>(() => copy.Restore(new GradScalerState(2, GradScaler.DefaultGrowthInterval)));
    }

    [Fact]
    public void Checkpoint_state_carries_the_scaler_only_when_there_is_one()
    {
        var plain = new CheckpointState(3, 30, 0.5, 2, "ABC");
        var json = JsonSerializer.Serialize(plain);
        Assert.DoesNotContain("Scaler", json, StringComparison.Ordinal);
        Assert.Equal(plain, JsonSerializer.Deserialize<CheckpointState>(json));

        var mixed = plain with { Scaler = new GradScalerState(8192, 11) };
        Assert.Equal(mixed, JsonSerializer.Deserialize<CheckpointState>(JsonSerializer.Serialize(mixed)));
    }
}

/// <summary>One full scaled step for the tests: zero the gradients, scaled backward, step, update.</summary>
internal static class GradScalerTestSteps
{
    public static bool ScaledStep(this GradScaler scaler, torch.optim.Optimizer optimizer, Func<Tensor> loss, bool? expectStep)
    {
        optimizer.zero_grad();
        using (var value = loss())
        using (var scaled = scaler.ScaleLoss(value))
        {
            scaled.backward();
        }

        var stepped = scaler.Step(optimizer);
        scaler.Update();
        if (expectStep is { } expected)
        {
            Assert.Equal(expected, stepped);
        }

        return stepped;
    }
}
