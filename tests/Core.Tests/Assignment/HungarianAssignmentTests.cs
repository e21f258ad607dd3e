using Dislocate.Core.Assignment;

namespace Dislocate.Core.Tests.Assignment;

public class HungarianAssignmentTests
{
    [Fact]
    public void SolvesAHandCheckedThreeByThree()
    {
        // Row minima 1, 0, 2 cannot all be taken (columns 1, 1, 2); the best total is 1 + 2 + 2 = 5:
        // row 0 → column 1, row 1 → column 0, row 2 → column 2 (the alternatives cost 6 or more).
        double[] cost =
        [
            4, 1, 3,
            2, 0, 5,
            3, 2, 2,
        ];
        Assert.Equal([1, 0, 2], HungarianAssignment.Solve(cost, 3, 3));
        Assert.Equal(5.0, HungarianAssignment.TotalCost(cost, 3, [1, 0, 2]));
    }

    [Theory]
    [InlineData(6, 6, 1)]
    [InlineData(4, 7, 2)]
    [InlineData(7, 4, 3)]
    [InlineData(1, 5, 4)]
    [InlineData(5, 1, 5)]
    public void MatchesBruteForceOnRandomMatrices(int rows, int cols, int seed)
    {
        var random = new System.Random(seed);
        for (var trial = 0; trial < 200; trial++)
        {
            var cost = new double[rows * cols];
            for (var i = 0; i < cost.Length; i++)
            {
                // Every third trial uses small integers, so ties are common.
                cost[i] = trial % 3 == 0 ? random.Next(4) : (random.NextDouble() * 100) - 20;
            }

            var assignment = HungarianAssignment.Solve(cost, rows, cols);
            AssertValid(assignment, rows, cols);
            Assert.Equal(BruteForce(cost, rows, cols), HungarianAssignment.TotalCost(cost, cols, assignment), 1e-9);
            Assert.Equal(assignment, HungarianAssignment.Solve(cost, rows, cols)); // deterministic
        }
    }

    [Fact]
    public void GatingDropsPairsAboveTheMaximumCost()
    {
        double[] cost =
        [
            1, 50,
            60, 2,
            70, 80,
        ];
        Assert.Equal([0, 1, -1], HungarianAssignment.Solve(cost, 3, 2));
        Assert.Equal([0, 1, -1], HungarianAssignment.Solve(cost, 3, 2, maxCost: 2));
        Assert.Equal([0, -1, -1], HungarianAssignment.Solve(cost, 3, 2, maxCost: 1.5));

        // The assignment is optimal first, then gated: row 1's best partner is taken by row 0.
        double[] crossed =
        [
            1, 3,
            2, 100,
        ];
        Assert.Equal([1, 0], HungarianAssignment.Solve(crossed, 2, 2));
        Assert.Equal([-1, 0], HungarianAssignment.Solve(crossed, 2, 2, maxCost: 2.5));
    }

    [Fact]
    public void HandlesEmptyAndRejectsBadInput()
    {
        Assert.Empty(HungarianAssignment.Solve([], 0, 4));
        Assert.Equal([-1, -1], HungarianAssignment.Solve([], 2, 0));
        Assert.Throws<ArgumentException>(() => HungarianAssignment.Solve([1, 2, 3], 2, 2));
        Assert.Throws<ArgumentException>(() => HungarianAssignment.Solve([1, double.NaN, 3, 4], 2, 2));
        Assert.Throws<ArgumentException>(() => HungarianAssignment.Solve([1, double.PositiveInfinity, 3, 4], 2, 2));
        Assert.Throws<ArgumentException>(() => HungarianAssignment.Solve([1, 2, 3, 4], 2, 2, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => HungarianAssignment.Solve([], -1, 0));
    }

    [Fact]
    public void LargeMatrixIsSolvedOptimally()
    {
        // A permuted diagonal of zeros in a matrix of positive costs: the unique optimum is that permutation.
        const int N = 60;
        var random = new System.Random(11);
        var permutation = Enumerable.Range(0, N).OrderBy(_ => random.Next()).ToArray();
        var cost = new double[N * N];
        for (var i = 0; i < N; i++)
        {
            for (var j = 0; j < N; j++)
            {
                cost[(i * N) + j] = j == permutation[i] ? 0 : 1 + random.NextDouble();
            }
        }

        Assert.Equal(permutation, HungarianAssignment.Solve(cost, N, N));
    }

    private static void AssertValid(int[] assignment, int rows, int cols)
    {
        Assert.Equal(rows, assignment.Length);
        var used = assignment.Where(c => c >= 0).ToArray();
        Assert.Equal(used.Length, used.Distinct().Count());
        Assert.All(used, c => Assert.InRange(c, 0, cols - 1));
        Assert.Equal(Math.Min(rows, cols), used.Length); // every row or every column is matched
    }

    // Minimum over all injective maps from the smaller side into the larger one.
    private static double BruteForce(double[] cost, int rows, int cols)
    {
        var best = double.PositiveInfinity;
        var transposed = rows > cols;
        var n = Math.Min(rows, cols);
        var m = Math.Max(rows, cols);
        var choice = new int[n];
        var used = new bool[m];

        void Recurse(int i, double total)
        {
            if (i == n)
            {
                best = Math.Min(best, total);
                return;
            }

            for (var j = 0; j < m; j++)
            {
                if (used[j])
                {
                    continue;
                }

                used[j] = true;
                choice[i] = j;
                Recurse(i + 1, total + (transposed ? cost[(j * cols) + i] : cost[(i * cols) + j]));
                used[j] = false;
            }
        }

        Recurse(0, 0);
        return best;
    }
}
