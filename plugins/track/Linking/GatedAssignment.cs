using Dislocate.Core.Assignment;

namespace Dislocate.Track.Linking;

/// <summary>
/// Optimal assignment with gating and "no partner" alternatives: the augmented (n + m) × (n + m) cost matrix of
/// Jaqaman et al. (2008), as in TrackMate's LAP tracker.
/// </summary>
/// <remarks>
/// <para>Rows are the n tracks, columns the m lines. The matrix is
/// [[C, E], [S, Cᵀ₀]]: C (n × m) holds the link costs, forbidden (gated) pairs set to a prohibitive cost; E (n × n)
/// has the alternative cost on its diagonal ("track i ends here"); S (m × m) the alternative cost on its diagonal
/// ("line j starts a track"); the lower-right block is the transpose of C's pattern with cost 0, so that every
/// linked pair frees one "ends" column and one "starts" row for it. A solution with k links costs
/// Σ links + (n + m − 2k) · alternative, so a link is made when it is cheaper than ending its track and starting its
/// line anew (cost &lt; 2 · alternative), and the whole set of links is optimal among the allowed ones.</para>
/// <para>Solving the plain n × m problem and then dropping the pairs above the gate ("solve then drop") is not
/// the same: the unconstrained optimum may spend a line on a forbidden pair and leave a good allowed link unmade.</para>
/// <para>The candidate graph splits into independent groups (connected components of the allowed pairs); each group
/// is solved on its own, which gives the same optimum and keeps the work small when lines are far apart. Groups are
/// found and solved in index order, so the result is deterministic.</para>
/// </remarks>
public static class GatedAssignment
{
    /// <summary>
    /// For each of <paramref name="rows"/> rows the column it is linked to, or −1 when it takes the alternative.
    /// </summary>
    /// <param name="cost">Row-major rows × cols link costs; +∞ marks a forbidden pair; finite costs must be ≥ 0.</param>
    /// <param name="rows">Number of rows (tracks).</param>
    /// <param name="cols">Number of columns (lines).</param>
    /// <param name="alternativeCost">Cost of leaving a row or a column unlinked; finite and ≥ 0.</param>
    public static int[] Solve(ReadOnlySpan<double> cost, int rows, int cols, double alternativeCost)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        if (cost.Length != (long)rows * cols)
        {
            throw new ArgumentException($"cost holds {cost.Length} values but a {rows}×{cols} matrix needs {(long)rows * cols}.", nameof(cost));
        }

        if (!(alternativeCost >= 0 && double.IsFinite(alternativeCost)))
        {
            throw new ArgumentException($"alternativeCost must be non-negative and finite. Got {alternativeCost}.", nameof(alternativeCost));
        }

        for (var k = 0; k < cost.Length; k++)
        {
            if (!(cost[k] >= 0) || double.IsNegativeInfinity(cost[k]))
            {
                throw new ArgumentException($"cost[{k / cols}, {k % cols}] is {cost[k]}; costs must be ≥ 0 (+∞ for forbidden).", nameof(cost));
            }
        }

        var result = new int[rows];
        result.AsSpan().Fill(-1);
        var (groupOfRow, groupOfCol, groups) = Components(cost, rows, cols);
        var rowsOf = new List<int>[groups];
        var colsOf = new List<int>[groups];
        for (var g = 0; g < groups; g++)
        {
            rowsOf[g] = [];
            colsOf[g] = [];
        }

        for (var i = 0; i < rows; i++)
        {
            rowsOf[groupOfRow[i]].Add(i);
        }

        for (var j = 0; j < cols; j++)
        {
            colsOf[groupOfCol[j]].Add(j);
        }

        for (var g = 0; g < groups; g++)
        {
            // A lone row or column has no allowed pair: it takes its alternative.
            if (rowsOf[g].Count > 0 && colsOf[g].Count > 0)
            {
                SolveGroup(cost, cols, rowsOf[g], colsOf[g], alternativeCost, result);
            }
        }

        return result;
    }

    // Solves one connected group through the augmented matrix and writes its links into result.
    private static void SolveGroup(ReadOnlySpan<double> cost, int cols, List<int> groupRows, List<int> groupCols, double alternative, int[] result)
    {
        var n = groupRows.Count;
        var m = groupCols.Count;
        var size = n + m;

        // Every row and column taking its alternative is always feasible and costs (n + m)·alternative, so any
        // solution using a forbidden entry is worse when forbidden exceeds that plus every allowed link cost.
        var forbidden = 1.0 + (2.0 * size * alternative);
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < m; b++)
            {
                var c = cost[(groupRows[a] * cols) + groupCols[b]];
                if (double.IsFinite(c))
                {
                    forbidden += c;
                }
            }
        }

        var matrix = new double[size * size];
        matrix.AsSpan().Fill(forbidden);
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < m; b++)
            {
                var c = cost[(groupRows[a] * cols) + groupCols[b]];
                if (double.IsFinite(c))
                {
                    matrix[(a * size) + b] = c;
                    matrix[((n + b) * size) + m + a] = 0.0;
                }
            }

            matrix[(a * size) + m + a] = alternative;
        }

        for (var b = 0; b < m; b++)
        {
            matrix[((n + b) * size) + b] = alternative;
        }

        var assignment = HungarianAssignment.Solve(matrix, size, size);
        for (var a = 0; a < n; a++)
        {
            var b = assignment[a];
            if (b >= 0 && b < m)
            {
                result[groupRows[a]] = groupCols[b];
            }
        }
    }

    // Connected components of the bipartite graph of allowed pairs; group ids in order of their lowest row, then of
    // their lowest column for groups without rows. Isolated rows or columns form groups of their own.
    private static (int[] GroupOfRow, int[] GroupOfCol, int Groups) Components(ReadOnlySpan<double> cost, int rows, int cols)
    {
        // Union–find over rows 0..rows−1 and columns rows..rows+cols−1.
        var parent = new int[rows + cols];
        for (var k = 0; k < parent.Length; k++)
        {
            parent[k] = k;
        }

        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                if (double.IsFinite(cost[(i * cols) + j]))
                {
                    var ri = Find(parent, i);
                    var rj = Find(parent, rows + j);
                    if (ri != rj)
                    {
                        parent[Math.Max(ri, rj)] = Math.Min(ri, rj);
                    }
                }
            }
        }

        var groupOfRoot = new int[rows + cols];
        groupOfRoot.AsSpan().Fill(-1);
        var groups = 0;
        var groupOfRow = new int[rows];
        var groupOfCol = new int[cols];
        for (var k = 0; k < rows + cols; k++)
        {
            var root = Find(parent, k);
            if (groupOfRoot[root] < 0)
            {
                groupOfRoot[root] = groups++;
            }

            if (k < rows)
            {
                groupOfRow[k] = groupOfRoot[root];
            }
            else
            {
                groupOfCol[k - rows] = groupOfRoot[root];
            }
        }

        return (groupOfRow, groupOfCol, groups);
    }

    private static int Find(int[] parent, int k)
    {
        while (parent[k] != k)
        {
            parent[k] = parent[parent[k]];
            k = parent[k];
        }

        return k;
    }
}
