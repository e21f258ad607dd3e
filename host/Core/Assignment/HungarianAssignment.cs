namespace Dislocate.Core.Assignment;

/// <summary>Minimum-cost assignment (Hungarian / Kuhn–Munkres, O(n³)) for rectangular cost matrices.</summary>
/// <remarks>
/// <para>The shortest-augmenting-path form with row and column potentials (Jonker–Volgenant style, as in
/// scipy.optimize.linear_sum_assignment): rows are added one at a time and each is matched along a shortest
/// alternating path in reduced costs, O(r²·c) for r ≤ c. A matrix with more rows than columns is solved transposed, so
/// every column gets a row and the leftover rows get −1.</para>
/// <para>Deterministic: the scans run in index order and ties keep the lowest column index, so equal-cost alternatives
/// resolve the same way every time.</para>
/// </remarks>
public static class HungarianAssignment
{
    /// <summary>
    /// cost is row-major rows×cols; returns for each row its column, or -1 when rows > cols leaves it unassigned.
    /// Minimises the total cost; deterministic tie-breaking. Non-finite costs are an ArgumentException.
    /// </summary>
    public static int[] Solve(ReadOnlySpan<double> cost, int rows, int cols)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        if (cost.Length != (long)rows * cols)
        {
            throw new ArgumentException($"cost holds {cost.Length} values but a {rows}×{cols} matrix needs {(long)rows * cols}.", nameof(cost));
        }

        for (var i = 0; i < cost.Length; i++)
        {
            if (!double.IsFinite(cost[i]))
            {
                throw new ArgumentException($"cost[{i / cols}, {i % cols}] is {cost[i]}; costs must be finite.", nameof(cost));
            }
        }

        var assignment = new int[rows];
        assignment.AsSpan().Fill(-1);
        if (rows == 0 || cols == 0)
        {
            return assignment;
        }

        if (rows <= cols)
        {
            var columnOf = SolveWide(cost, rows, cols, transposed: false);
            columnOf.CopyTo(assignment, 0);
        }
        else
        {
            // Each column gets one row; rows left over stay −1.
            var rowOf = SolveWide(cost, cols, rows, transposed: true);
            for (var j = 0; j < cols; j++)
            {
                assignment[rowOf[j]] = j;
            }
        }

        return assignment;
    }

    /// <summary>As Solve, then drops (sets -1) pairs whose cost exceeds maxCost.</summary>
    /// <remarks>Dropping after solving is not the optimum of the gated problem (a dropped pair may have displaced a
    /// cheaper admissible one); gated linking that must be optimal solves the augmented problem instead, as the track
    /// plugin's GatedAssignment does.</remarks>
    public static int[] Solve(ReadOnlySpan<double> cost, int rows, int cols, double maxCost)
    {
        if (double.IsNaN(maxCost))
        {
            throw new ArgumentException("maxCost must not be NaN.", nameof(maxCost));
        }

        var assignment = Solve(cost, rows, cols);
        for (var i = 0; i < rows; i++)
        {
            if (assignment[i] >= 0 && cost[(i * cols) + assignment[i]] > maxCost)
            {
                assignment[i] = -1;
            }
        }

        return assignment;
    }

    /// <summary>The total cost of an assignment (pairs with column −1 add nothing).</summary>
    public static double TotalCost(ReadOnlySpan<double> cost, int cols, ReadOnlySpan<int> assignment)
    {
        var total = 0.0;
        for (var i = 0; i < assignment.Length; i++)
        {
            if (assignment[i] >= 0)
            {
                total += cost[(i * cols) + assignment[i]];
            }
        }

        return total;
    }

    // n ≤ m: matches each of the n "rows" to a distinct one of the m "columns"; entry (i, j) is
    // cost[i·m + j], or cost[j·n + i] when transposed. Arrays are 1-based with index 0 as the virtual start column.
    private static int[] SolveWide(ReadOnlySpan<double> cost, int n, int m, bool transposed)
    {
        var u = new double[n + 1];
        var v = new double[m + 1];
        var rowOfColumn = new int[m + 1];
        var way = new int[m + 1];
        var minimum = new double[m + 1];
        var used = new bool[m + 1];
        for (var i = 1; i <= n; i++)
        {
            rowOfColumn[0] = i;
            var column = 0;
            minimum.AsSpan().Fill(double.PositiveInfinity);
            used.AsSpan().Clear();
            do
            {
                used[column] = true;
                var row = rowOfColumn[column];
                var delta = double.PositiveInfinity;
                var next = 0;
                for (var j = 1; j <= m; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    var c = transposed ? cost[((j - 1) * n) + row - 1] : cost[((row - 1) * m) + j - 1];
                    var reduced = c - u[row] - v[j];
                    if (reduced < minimum[j])
                    {
                        minimum[j] = reduced;
                        way[j] = column;
                    }

                    if (minimum[j] < delta)
                    {
                        delta = minimum[j];
                        next = j;
                    }
                }

                for (var j = 0; j <= m; j++)
                {
                    if (used[j])
                    {
                        u[rowOfColumn[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minimum[j] -= delta;
                    }
                }

                column = next;
            }
            while (rowOfColumn[column] != 0);

            // Flip the alternating path back to the start column.
            do
            {
                var previous = way[column];
                rowOfColumn[column] = rowOfColumn[previous];
                column = previous;
            }
            while (column != 0);
        }

        var result = new int[n];
        for (var j = 1; j <= m; j++)
        {
            if (rowOfColumn[j] != 0)
            {
                result[rowOfColumn[j] - 1] = j - 1;
            }
        }

        return result;
    }
}
