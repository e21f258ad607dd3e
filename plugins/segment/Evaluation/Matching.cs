using Dislocate.Core.Assignment;

namespace Dislocate.Segment.Evaluation;

/// <summary>
/// Pairs M ground-truth masks with N predictions on a precomputed M × N Dice-loss matrix (row-major, rows = truths),
/// e.g. one the Torch loss computed on the device and copied to the CPU.
/// </summary>
/// <remarks>
/// The result holds one pair per truth, in truth order. When N &lt; M, the truths left without a prediction are
/// unmatched (prediction −1) and count with <see cref="UnmatchedLoss"/> = 1, the largest Dice loss, so that missing
/// predictions are never cheaper than poor ones. <see cref="MatchingMode.Greedy"/> is the paper's Algorithm 1;
/// <see cref="MatchingMode.Optimal"/> minimises the summed loss of the matched pairs (with N &lt; M exactly N truths are
/// matched either way, so it also minimises the mean including the unmatched ones).
/// </remarks>
public static class Matching
{
    /// <summary>The loss a truth with no prediction counts with.</summary>
    public const float UnmatchedLoss = 1f;

    /// <summary>Matches truths to predictions; every entry of <paramref name="lossMatrix"/> must be finite.</summary>
    /// <param name="lossMatrix">M × N losses, entry [i·N + j] for truth i and prediction j.</param>
    /// <param name="m">Number of truths (rows).</param>
    /// <param name="n">Number of predictions (columns).</param>
    /// <param name="mode">Greedy (Algorithm 1) or optimal (Hungarian).</param>
    /// <returns>M pairs, element i for truth i.</returns>
    public static MatchPair[] Match(ReadOnlySpan<float> lossMatrix, int m, int n, MatchingMode mode)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (lossMatrix.Length != (long)m * n)
        {
            throw new ArgumentException($"The loss matrix holds {lossMatrix.Length} entries, not {m}×{n}.", nameof(lossMatrix));
        }

        for (var k = 0; k < lossMatrix.Length; k++)
        {
            if (!float.IsFinite(lossMatrix[k]))
            {
                throw new ArgumentException($"Loss matrix entry ({k / n}, {k % n}) is {lossMatrix[k]}; losses must be finite.", nameof(lossMatrix));
            }
        }

        return mode switch
        {
            MatchingMode.Greedy => Greedy(lossMatrix, m, n),
            MatchingMode.Optimal => Optimal(lossMatrix, m, n),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown matching mode"),
        };
    }

    /// <summary>The mean loss over truths (unmatched ones count with <see cref="UnmatchedLoss"/>); 0 when there is no truth.</summary>
    public static double MeanLoss(ReadOnlySpan<MatchPair> pairs)
    {
        double total = 0;
        foreach (var pair in pairs)
        {
            total += pair.Loss;
        }

        return pairs.Length > 0 ? total / pairs.Length : 0;
    }

    /// <summary>The lower-case name used on the command line and in JSON.</summary>
    public static string Name(MatchingMode mode) => mode switch
    {
        MatchingMode.Greedy => "greedy",
        MatchingMode.Optimal => "optimal",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown matching mode"),
    };

    /// <summary>Reads <c>greedy</c> or <c>optimal</c> (any case).</summary>
    public static bool TryParse(string text, out MatchingMode mode)
    {
        foreach (var candidate in Enum.GetValues<MatchingMode>())
        {
            if (string.Equals(text, Name(candidate), StringComparison.OrdinalIgnoreCase))
            {
                mode = candidate;
                return true;
            }
        }

        mode = default;
        return false;
    }

    private static MatchPair[] Greedy(ReadOnlySpan<float> loss, int m, int n)
    {
        var pairs = new MatchPair[m];
        var used = new bool[n];
        for (var i = 0; i < m; i++)
        {
            var best = -1;
            var min = float.PositiveInfinity;
            for (var j = 0; j < n; j++)
            {
                // Strict < keeps the lowest index among equal losses, as Algorithm 1 does.
                if (!used[j] && loss[(i * n) + j] < min)
                {
                    min = loss[(i * n) + j];
                    best = j;
                }
            }

            if (best >= 0)
            {
                used[best] = true;
                pairs[i] = new MatchPair(i, best, min);
            }
            else
            {
                pairs[i] = new MatchPair(i, -1, UnmatchedLoss);
            }
        }

        return pairs;
    }

    private static MatchPair[] Optimal(ReadOnlySpan<float> loss, int m, int n)
    {
        var cost = new double[loss.Length];
        for (var k = 0; k < loss.Length; k++)
        {
            cost[k] = loss[k];
        }

        var columns = m > 0 && n > 0 ? HungarianAssignment.Solve(cost, m, n) : Enumerable.Repeat(-1, m).ToArray();
        var pairs = new MatchPair[m];
        for (var i = 0; i < m; i++)
        {
            var j = columns[i];
            pairs[i] = j >= 0 ? new MatchPair(i, j, loss[(i * n) + j]) : new MatchPair(i, -1, UnmatchedLoss);
        }

        return pairs;
    }
}
