using Dislocate.Core.Assignment;
using Dislocate.Track.Linking;

namespace Dislocate.Track.Tests.Linking;

public class GatedAssignmentTests
{
    private const double Inf = double.PositiveInfinity;

    [Fact]
    public void Beats_solve_then_drop_when_the_unconstrained_optimum_uses_a_gated_pair()
    {
        // 1-D positions: tracks A = 0, B = 14; lines L1 = 13, L2 = 28; gate 13.5. B moved 1 px to L1, A vanished,
        // L2 is new. Unconstrained: {A–L1, B–L2} = 13 + 14 = 27 < {A–L2, B–L1} = 28 + 1, so it gives L1 to A and
        // then drops B–L2 (14 > gate): objective 13 + 2 × 13.5 = 40. Gated optimum: B–L1 alone, 1 + 2 × 13.5 = 28.
        const double gate = 13.5;
        double[] raw = [13, 28, 1, 14];
        var dropped = HungarianAssignment.Solve(raw, 2, 2, gate);
        Assert.Equal([0, -1], dropped);

        double[] gated = [13, Inf, 1, Inf];
        var links = GatedAssignment.Solve(gated, 2, 2, gate);
        Assert.Equal([-1, 0], links);
        Assert.Equal(40.0, Objective(gated, 2, 2, gate, dropped), 12);
        Assert.Equal(28.0, Objective(gated, 2, 2, gate, links), 12);
    }

    [Fact]
    public void Matches_brute_force_on_random_gated_problems()
    {
        var random = new Random(20240531);
        for (var trial = 0; trial < 300; trial++)
        {
            var rows = random.Next(0, 5);
            var cols = random.Next(0, 5);
            var alternative = 1 + (random.NextDouble() * 10);
            var cost = new double[rows * cols];
            for (var k = 0; k < cost.Length; k++)
            {
                // Some links cost more than ending and starting (> 2 × alternative): those must stay unmade.
                cost[k] = random.NextDouble() < 0.4 ? Inf : random.NextDouble() * 3 * alternative;
            }

            var links = GatedAssignment.Solve(cost, rows, cols, alternative);
            AssertIsMatching(cost, cols, links);
            var best = BruteForce(cost, rows, cols, alternative, 0, new bool[cols]);
            Assert.Equal(best, Objective(cost, rows, cols, alternative, links), 9);
        }
    }

    [Fact]
    public void Links_only_when_cheaper_than_ending_and_starting()
    {
        Assert.Equal([0], GatedAssignment.Solve([9.0], 1, 1, 5.0));
        Assert.Equal([-1], GatedAssignment.Solve([11.0], 1, 1, 5.0));
    }

    [Fact]
    public void Empty_and_fully_forbidden_problems_link_nothing()
    {
        Assert.Empty(GatedAssignment.Solve([], 0, 3, 1.0));
        Assert.Equal([-1, -1], GatedAssignment.Solve([], 2, 0, 1.0));
        Assert.Equal([-1, -1], GatedAssignment.Solve([Inf, Inf, Inf, Inf], 2, 2, 1.0));
    }

    [Fact]
    public void Independent_groups_are_solved_separately_with_the_same_result()
    {
        // Rows 0 and 2 compete for column 2; row 1 only reaches column 0; column 1 is isolated.
        double[] cost = [Inf, Inf, 3, 2, Inf, Inf, Inf, Inf, 1];
        Assert.Equal([-1, 0, 2], GatedAssignment.Solve(cost, 3, 3, 5.0));
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void Rejects_bad_costs(double bad)
    {
        var e = Assert.Throws<ArgumentException>(() => GatedAssignment.Solve([1, bad], 1, 2, 5.0));
        Assert.Contains("cost[0, 1]", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => GatedAssignment.Solve([1, 2], 1, 2, double.NaN));
        Assert.Throws<ArgumentException>(() => GatedAssignment.Solve([1, 2, 3], 1, 2, 1));
    }

    private static double Objective(double[] cost, int rows, int cols, double alternative, int[] links)
    {
        var total = (rows + cols) * alternative;
        for (var i = 0; i < rows; i++)
        {
            if (links[i] >= 0)
            {
                total += cost[(i * cols) + links[i]] - (2 * alternative);
            }
        }

        return total;
    }

    private static void AssertIsMatching(double[] cost, int cols, int[] links)
    {
        var used = new HashSet<int>();
        for (var i = 0; i < links.Length; i++)
        {
            if (links[i] >= 0)
            {
                Assert.True(used.Add(links[i]), $"column {links[i]} linked twice");
                Assert.True(double.IsFinite(cost[(i * cols) + links[i]]), $"forbidden pair ({i}, {links[i]}) linked");
            }
        }
    }

    // Minimum objective over all matchings of rows row… to unused columns, each row linked or not.
    private static double BruteForce(double[] cost, int rows, int cols, double alternative, int row, bool[] used)
    {
        if (row == rows)
        {
            return alternative * (rows + cols);
        }

        var best = BruteForce(cost, rows, cols, alternative, row + 1, used);
        for (var j = 0; j < cols; j++)
        {
            var c = cost[(row * cols) + j];
            if (!used[j] && double.IsFinite(c))
            {
                used[j] = true;
                best = Math.Min(best, c - (2 * alternative) + BruteForce(cost, rows, cols, alternative, row + 1, used));
                used[j] = false;
            }
        }

        return best;
    }
}
