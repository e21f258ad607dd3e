using Dislocate.Core.Random;
using Dislocate.Segment.Evaluation;
using Dislocate.Segment.Training;
using TorchSharp;

namespace Dislocate.Segment.Tests.Training;

public sealed class MatchingDiceLossTests
{
    [Fact]
    public void Vectorised_loss_equals_the_literal_Algorithm1_per_image()
    {
        const int n = 5, size = 8, mMax = 3;
        int[] counts = [3, 2];
        var rng = new Rng(7);
        var probs = new float[counts.Length * n * size * size];
        rng.FillUniform(probs, 0, 1);
        var truth = new float[counts.Length * mMax * size * size];
        for (var b = 0; b < counts.Length; b++)
        {
            for (var k = 0; k < counts[b]; k++)
            {
                var plane = truth.AsSpan(((b * mMax) + k) * size * size, size * size);
                for (var i = 0; i < plane.Length; i++)
                {
                    plane[i] = rng.Chance(0.3) ? 1 : 0;
                }
            }
        }

        using var p = torch.tensor(probs, [counts.Length, n, size, size]);
        using var g = torch.tensor(truth, [counts.Length, mMax, size, size]);
        var (loss, matches) = MatchingDiceLoss.Compute(p, g, counts, MatchingMode.Greedy, 1.0);
        using (loss)
        {
            var expected = 0.0;
            for (var b = 0; b < counts.Length; b++)
            {
                var truths = Enumerable.Range(0, counts[b]).Select(k => truth.AsSpan(((b * mMax) + k) * size * size, size * size).ToArray()).ToList();
                var predictions = Enumerable.Range(0, n).Select(j => probs.AsSpan(((b * n) + j) * size * size, size * size).ToArray()).ToList();
                var reference = MatchingReference.Algorithm1(truths, predictions, 1.0);
                expected += reference.Loss;
                Assert.Equal(reference.Pairs.Select(q => q.Prediction), matches[b].Select(q => q.Prediction));
            }

            Assert.Equal(expected / counts.Length, loss.item<float>(), 5);
        }
    }

    [Fact]
    public void Hand_computed_values_for_identical_and_disjoint_masks()
    {
        // Truth: 4 pixels. Prediction 0 is the same 4 pixels (DL = 1 − 9/9 = 0); prediction 1 is 4 other pixels
        // (DL = 1 − 1/9). Truth 1 is the disjoint set, so it must take prediction 1 under both matchings.
        var t = new float[2 * 16];
        var q = new float[2 * 16];
        foreach (var i in new[] { 0, 1, 2, 3 })
        {
            t[i] = 1;
            q[i] = 1;
        }

        foreach (var i in new[] { 8, 9, 10, 11 })
        {
            t[16 + i] = 1;
            q[16 + i] = 1;
        }

        using var p = torch.tensor(q, [1, 2, 4, 4]);
        using var g = torch.tensor(t, [1, 2, 4, 4]);
        using var matrix = MatchingDiceLoss.DiceLossMatrix(p, g, 1.0);
        var m = matrix.data<float>().ToArray();
        Assert.Equal(0f, m[0], 6);
        Assert.Equal(1 - (1 / 9f), m[1], 6);
        var (loss, matches) = MatchingDiceLoss.Compute(p, g, [2], MatchingMode.Optimal, 1.0);
        using (loss)
        {
            Assert.Equal(0f, loss.item<float>(), 6);
            Assert.Equal([0, 1], matches[0].Select(x => x.Prediction));
        }
    }

    [Fact]
    public void Gradient_reaches_exactly_the_matched_predictions()
    {
        const int n = 4, size = 6;
        var rng = new Rng(3);
        var probs = new float[n * size * size];
        rng.FillUniform(probs, 0.05f, 0.95f);
        var truth = new float[2 * size * size];
        for (var i = 0; i < truth.Length; i++)
        {
            truth[i] = rng.Chance(0.4) ? 1 : 0;
        }

        using var p = torch.tensor(probs, [1, n, size, size]).requires_grad_(true);
        using var g = torch.tensor(truth, [1, 2, size, size]);
        var (loss, matches) = MatchingDiceLoss.Compute(p, g, [2], MatchingMode.Greedy, 1.0);
        using (loss)
        {
            loss.backward();
        }

        using var grad = p.grad!.abs().sum([0, 2, 3]);
        var perChannel = grad.data<float>().ToArray();
        var matched = matches[0].Select(x => x.Prediction).ToHashSet();
        Assert.Equal(2, matched.Count);
        for (var j = 0; j < n; j++)
        {
            Assert.True(matched.Contains(j) ? perChannel[j] > 1e-6 : perChannel[j] == 0, $"channel {j}: gradient {perChannel[j]}");
        }
    }

    [Fact]
    public void Optimal_matching_can_beat_greedy()
    {
        // Truth 0 = pixels 0-3, truth 1 = pixels 4-7. Prediction 0 = pixels 0-5 (DL 2/11 to truth 0, 6/11 to truth 1),
        // prediction 1 = pixels 0-1 (DL 2/7 to truth 0, 6/7 to truth 1), prediction 2 = pixel 15 (DL 5/6 to truth 1).
        // Greedy: truth 0 takes prediction 0, truth 1 is left with prediction 2: 2/11 + 5/6 ≈ 1.015.
        // Optimal: truth 0 → 1, truth 1 → 0: 2/7 + 6/11 ≈ 0.831.
        var t = new float[2 * 16];
        var q = new float[3 * 16];
        for (var i = 0; i < 4; i++)
        {
            t[i] = 1;
            t[16 + 4 + i] = 1;
        }

        for (var i = 0; i < 6; i++)
        {
            q[i] = 1;
        }

        q[16] = 1;
        q[17] = 1;
        q[32 + 15] = 1;

        using var p = torch.tensor(q, [1, 3, 4, 4]);
        using var g = torch.tensor(t, [1, 2, 4, 4]);
        var (greedy, gm) = MatchingDiceLoss.Compute(p, g, [2], MatchingMode.Greedy, 1.0);
        var (optimal, om) = MatchingDiceLoss.Compute(p, g, [2], MatchingMode.Optimal, 1.0);
        using (greedy)
        using (optimal)
        {
            Assert.Equal([0, 2], gm[0].Select(x => x.Prediction));
            Assert.Equal([1, 0], om[0].Select(x => x.Prediction));
            Assert.Equal(((2 / 11.0) + (5 / 6.0)) / 2, greedy.item<float>(), 5);
            Assert.Equal(((2 / 7.0) + (6 / 11.0)) / 2, optimal.item<float>(), 5);
        }
    }
}
