using Dislocate.Segment.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace Dislocate.Segment.Training;

/// <summary>
/// The paper's matching Dice loss (section 3, Algorithm 1), vectorised: the B×M×N soft Dice-loss matrix between every
/// ground-truth and every predicted mask is computed once on the device; the matching runs on the CPU on its detached
/// copy (greedy = Algorithm 1, or optimal = Hungarian); the loss then gathers the matched entries of the device matrix,
/// so gradients flow through exactly the matched pairs.
/// </summary>
/// <remarks>
/// Per image the loss is the mean over its M ground-truth masks of the matched Dice loss; the batch loss is the mean
/// over images with M ≥ 1. Images without dislocations carry no loss, as in the paper (extra outputs are free).
/// With N &lt; M the unmatched ground truths count with loss 1 (a constant, so they carry no gradient).
/// </remarks>
internal static class MatchingDiceLoss
{
    /// <summary>The soft Dice-loss matrix [B, M, N]: 1 − (2·Σ g·p + ε) / (Σ g + Σ p + ε).</summary>
    /// <param name="probabilities">Predicted probabilities [B, N, H, W] (after the sigmoid).</param>
    /// <param name="truth">Ground-truth masks [B, M, H, W] with values 0/1, zero-padded beyond each image's count.</param>
    /// <param name="smooth">ε, which keeps the ratio defined for empty masks.</param>
    public static Tensor DiceLossMatrix(Tensor probabilities, Tensor truth, double smooth)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(truth);
        using var scope = NewDisposeScope();
        var p = probabilities.flatten(2);
        var g = truth.flatten(2).to_type(p.dtype);
        var intersection = g.bmm(p.transpose(1, 2));
        var sums = g.sum(-1).unsqueeze(-1) + p.sum(-1).unsqueeze(-2);
        var loss = 1 - ((2 * intersection) + smooth) / (sums + smooth);
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>The batch loss (a scalar tensor with gradient) and each image's matching.</summary>
    /// <param name="probabilities">Predicted probabilities [B, N, H, W].</param>
    /// <param name="truth">Ground-truth masks [B, M, H, W], zero-padded.</param>
    /// <param name="counts">Ground-truth masks per image (≤ M).</param>
    /// <param name="mode">Greedy (Algorithm 1) or optimal (Hungarian) matching.</param>
    /// <param name="smooth">Dice ε.</param>
    public static (Tensor Loss, MatchPair[][] Matches) Compute(Tensor probabilities, Tensor truth, IReadOnlyList<int> counts, MatchingMode mode, double smooth)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var batch = (int)probabilities.shape[0];
        var n = (int)probabilities.shape[1];
        var mMax = (int)truth.shape[1];
        if (counts.Count != batch || counts.Any(c => c < 0 || c > mMax))
        {
            throw new ArgumentException($"counts must give 0..{mMax} ground-truth masks for each of the {batch} images.", nameof(counts));
        }

        using var scope = NewDisposeScope();
        var matrix = DiceLossMatrix(probabilities, truth, smooth);
        var host = matrix.detach().cpu().contiguous().data<float>().ToArray();
        var matches = new MatchPair[batch][];
        var batchIndex = new List<long>();
        var truthIndex = new List<long>();
        var predictionIndex = new List<long>();
        var weights = new List<float>();
        var unmatchedLoss = 0.0;
        var images = 0;
        for (var b = 0; b < batch; b++)
        {
            var m = counts[b];
            if (m == 0)
            {
                matches[b] = [];
                continue;
            }

            images++;
            var slice = host.AsSpan(b * mMax * n, m * n);
            matches[b] = Matching.Match(slice, m, n, mode);
            foreach (var pair in matches[b])
            {
                if (pair.Prediction < 0)
                {
                    unmatchedLoss += Matching.UnmatchedLoss / (double)m;
                    continue;
                }

                batchIndex.Add(b);
                truthIndex.Add(pair.Truth);
                predictionIndex.Add(pair.Prediction);
                weights.Add(1f / m);
            }
        }

        if (images == 0)
        {
            // Nothing to match: a zero that still belongs to the graph, so backward() works and changes nothing.
            return ((probabilities.sum() * 0).MoveToOuterDisposeScope(), matches);
        }

        var gathered = matrix.index(
            torch.tensor(batchIndex.ToArray(), device: matrix.device),
            torch.tensor(truthIndex.ToArray(), device: matrix.device),
            torch.tensor(predictionIndex.ToArray(), device: matrix.device));
        var weighted = (gathered * torch.tensor(weights.ToArray(), device: matrix.device)).sum();
        var loss = (weighted + unmatchedLoss) / images;
        return (loss.MoveToOuterDisposeScope(), matches);
    }
}
