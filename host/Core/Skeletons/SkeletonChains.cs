using Dislocate.Core.Numerics;

namespace Dislocate.Core.Skeletons;

/// <summary>
/// Splits a skeleton at its junctions into branches and joins, through each junction, the branches that continue each
/// other's direction into chains: two crossing lines, whose skeleton is one connected X, become two chains.
/// </summary>
/// <remarks>
/// <para>Steps: (1) a junction pixel has three or more 8-neighbours on the skeleton; 8-connected junction pixels form
/// one junction. (2) Branches are the 8-connected pieces of the other pixels (each a simple path or a loop), ordered
/// from one end; each end touches at most one junction (the first in raster order). (3) Spurs, branches shorter than
/// <see cref="SkeletonChainOptions.SpurLength"/> with one free end, are dropped; junctions joined by a branch shorter
/// than <see cref="SkeletonChainOptions.BridgeLength"/> become one junction, the bridge dropped. (4) At a junction
/// with two branch ends left they are joined; with three or more, pairs are joined from the straightest (the bend
/// between one branch's direction into the junction and the other's out of it, each measured over
/// <see cref="SkeletonChainOptions.DirectionReach"/> pixels), as long as the bend is at most
/// <see cref="SkeletonChainOptions.MaxBend"/> and neither end is taken; the others end there. (5) Joined branches form
/// chains, ordered from a free end (a chain that closes on itself is cut at its lowest branch).</para>
/// <para>Chains are the branches' pixels in order; junction and dropped pixels belong to no chain, so consecutive
/// points can be a few pixels apart where a chain passes a junction. Deterministic: everything is ordered by raster
/// index.</para>
/// </remarks>
public static class SkeletonChains
{
    private const double Sqrt2 = 1.4142135623730951;

    /// <summary>
    /// The chains of a skeleton drawn in <paramref name="image"/> (non-zero = skeleton; <paramref name="stride"/> wide,
    /// with at least one background pixel on every side of the skeleton), whose pixels are <paramref name="skeleton"/>
    /// (indices into the image, in raster order): each chain its pixel indices in order along it.
    /// </summary>
    public static IReadOnlyList<int[]> Split(ReadOnlySpan<byte> image, int stride, ReadOnlySpan<int> skeleton, SkeletonChainOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 3);
        if (skeleton.IsEmpty)
        {
            return [];
        }

        var n = skeleton.Length;
        var index = new Dictionary<int, int>(n);
        for (var i = 0; i < n; i++)
        {
            index[skeleton[i]] = i;
        }

        Span<int> offsets = [-stride - 1, -stride, -stride + 1, -1, 1, stride - 1, stride, stride + 1];
        var neighbours = new int[n][];
        var junction = new bool[n];
        var list = new List<int>(8);
        for (var i = 0; i < n; i++)
        {
            list.Clear();
            foreach (var o in offsets)
            {
                var q = skeleton[i] + o;
                if (q >= 0 && q < image.Length && image[q] != 0 && index.TryGetValue(q, out var j))
                {
                    list.Add(j);
                }
            }

            neighbours[i] = [.. list];
            junction[i] = list.Count >= 3;
        }

        // (1) Junctions: 8-connected junction pixels.
        var junctions = new DisjointSets(n);
        for (var i = 0; i < n; i++)
        {
            if (junction[i])
            {
                foreach (var j in neighbours[i])
                {
                    if (junction[j])
                    {
                        junctions.Union(i, j);
                    }
                }
            }
        }

        // (2) Branches: pieces of the other pixels, ordered from an end.
        var branches = new List<Branch>();
        var branchOf = new int[n];
        Array.Fill(branchOf, -1);
        for (var i = 0; i < n; i++)
        {
            if (!junction[i] && branchOf[i] < 0)
            {
                branches.Add(Trace(i, neighbours, junction, branchOf, branches.Count, junctions, skeleton, stride));
            }
        }

        if (!junction.Contains(true))
        {
            var plain = new List<int[]>(branches.Count);
            foreach (var branch in branches)
            {
                plain.Add(Indices(branch.Pixels, skeleton));
            }

            return plain;
        }

        // (3) Spurs dropped; junctions joined across short bridges.
        var alive = new bool[branches.Count];
        for (var b = 0; b < branches.Count; b++)
        {
            var branch = branches[b];
            var atJunction = (branch.Start >= 0 ? 1 : 0) + (branch.End >= 0 ? 1 : 0);
            alive[b] = !(atJunction == 1 && branch.Length < options.SpurLength);
            if (alive[b] && branch.Start >= 0 && branch.End >= 0 && branch.Length < options.BridgeLength)
            {
                junctions.Union(branch.Start, branch.End);
                alive[b] = false;
            }
        }

        // (4) Pairs of branch ends through each junction. An end is (branch, 0 = start | 1 = end).
        var ends = new Dictionary<int, List<(int Branch, int Side)>>();
        for (var b = 0; b < branches.Count; b++)
        {
            if (!alive[b])
            {
                continue;
            }

            foreach (var side in (ReadOnlySpan<int>)[0, 1])
            {
                var at = side == 0 ? branches[b].Start : branches[b].End;
                if (at >= 0)
                {
                    var root = junctions.Find(at);
                    if (!ends.TryGetValue(root, out var atRoot))
                    {
                        ends[root] = atRoot = [];
                    }

                    atRoot.Add((b, side));
                }
            }
        }

        var partner = new (int Branch, int Side)[branches.Count, 2];
        for (var b = 0; b < branches.Count; b++)
        {
            partner[b, 0] = partner[b, 1] = (-1, -1);
        }

        foreach (var root in ends.Keys.Order())
        {
            Pair(ends[root], branches, skeleton, stride, options, partner);
        }

        // (5) Chains from free ends, then the closed ones.
        var chains = new List<int[]>();
        var used = new bool[branches.Count];
        for (var pass = 0; pass < 2; pass++)
        {
            for (var b = 0; b < branches.Count; b++)
            {
                if (!alive[b] || used[b])
                {
                    continue;
                }

                var side = partner[b, 0].Branch < 0 ? 0 : partner[b, 1].Branch < 0 ? 1 : pass == 1 ? 0 : -1;
                if (side < 0)
                {
                    continue;
                }

                var chain = new List<int>();
                var (current, entry) = (b, side);
                while (current >= 0 && !used[current])
                {
                    used[current] = true;
                    var pixels = branches[current].Pixels;
                    if (entry == 0)
                    {
                        chain.AddRange(pixels);
                    }
                    else
                    {
                        for (var k = pixels.Length - 1; k >= 0; k--)
                        {
                            chain.Add(pixels[k]);
                        }
                    }

                    (current, entry) = partner[current, 1 - entry];
                }

                chains.Add(Indices([.. chain], skeleton));
            }
        }

        return chains;
    }

    /// <summary>The image indices of skeleton pixels numbered <paramref name="pixels"/>.</summary>
    private static int[] Indices(int[] pixels, ReadOnlySpan<int> skeleton)
    {
        var indices = new int[pixels.Length];
        for (var k = 0; k < pixels.Length; k++)
        {
            indices[k] = skeleton[pixels[k]];
        }

        return indices;
    }

    /// <summary>The branch through pixel <paramref name="start"/>, ordered from one of its ends.</summary>
    private static Branch Trace(int start, int[][] neighbours, bool[] junction, int[] branchOf, int id, DisjointSets junctions, ReadOnlySpan<int> skeleton, int stride)
    {
        // Collect the piece, then walk it from its first end in raster order (a loop: from its first pixel).
        var members = new List<int> { start };
        branchOf[start] = id;
        for (var k = 0; k < members.Count; k++)
        {
            foreach (var j in neighbours[members[k]])
            {
                if (!junction[j] && branchOf[j] < 0)
                {
                    branchOf[j] = id;
                    members.Add(j);
                }
            }
        }

        members.Sort();
        var first = members.FirstOrDefault(i => neighbours[i].Count(j => branchOf[j] == id) <= 1, members[0]);
        var ordered = new List<int>(members.Count) { first };
        var visited = new HashSet<int> { first };
        var length = 0.0;
        for (var current = first; ;)
        {
            var next = -1;
            foreach (var j in neighbours[current])
            {
                // Edge neighbours before corner ones, so a staircase is walked pixel by pixel.
                if (branchOf[j] == id && !visited.Contains(j) && (next < 0 || Step(skeleton[current], skeleton[j], stride) < Step(skeleton[current], skeleton[next], stride)))
                {
                    next = j;
                }
            }

            if (next < 0)
            {
                break;
            }

            length += Step(skeleton[current], skeleton[next], stride);
            visited.Add(next);
            ordered.Add(next);
            current = next;
        }

        // A pixel the walk skipped (the third pixel of a corner triangle) is left out of the order.
        var path = ordered.ToArray();
        var startJunction = Touching(path[0], neighbours, junction, junctions);
        return new Branch(path, length, startJunction, Touching(path[^1], neighbours, junction, junctions, startJunction));
    }

    /// <summary>The first junction pixel (raster order) next to <paramref name="pixel"/>, preferring one of another junction than <paramref name="other"/>; -1 for none.</summary>
    private static int Touching(int pixel, int[][] neighbours, bool[] junction, DisjointSets junctions, int other = -1)
    {
        var found = -1;
        foreach (var j in neighbours[pixel].Order())
        {
            if (!junction[j])
            {
                continue;
            }

            if (other < 0 || junctions.Find(j) != junctions.Find(other))
            {
                return j;
            }

            found = found < 0 ? j : found;
        }

        return found;
    }

    private static double Step(int a, int b, int stride)
    {
        var d = Math.Abs(a - b);
        return d == 1 || d == stride ? 1.0 : Sqrt2;
    }

    /// <summary>Joins the branch ends meeting at one junction (step 4).</summary>
    private static void Pair(List<(int Branch, int Side)> ends, List<Branch> branches, ReadOnlySpan<int> skeleton, int stride, SkeletonChainOptions options, (int Branch, int Side)[,] partner)
    {
        if (ends.Count == 2)
        {
            if (ends[0].Branch != ends[1].Branch)
            {
                partner[ends[0].Branch, ends[0].Side] = ends[1];
                partner[ends[1].Branch, ends[1].Side] = ends[0];
            }

            return;
        }

        if (ends.Count < 2)
        {
            return;
        }

        var directions = new (double X, double Y)[ends.Count];
        for (var e = 0; e < ends.Count; e++)
        {
            directions[e] = Direction(branches[ends[e].Branch], ends[e].Side, skeleton, stride, options.DirectionReach);
        }

        var limit = -DeterministicMath.Cos(options.MaxBend * Math.PI / 180);
        var pairs = new List<(double Cos, int A, int B)>();
        for (var a = 0; a < ends.Count; a++)
        {
            for (var b = a + 1; b < ends.Count; b++)
            {
                if (ends[a].Branch == ends[b].Branch)
                {
                    continue;
                }

                // Both directions point away from the junction: a straight continuation has them opposite (cos = −1), and
                // the bend is at most MaxBend where cos ≤ −cos(MaxBend); pairs are ranked by cos, straightest first.
                var cos = (directions[a].X * directions[b].X) + (directions[a].Y * directions[b].Y);
                if (cos <= limit)
                {
                    pairs.Add((cos, a, b));
                }
            }
        }

        var taken = new bool[ends.Count];
        foreach (var (_, a, b) in pairs.OrderBy(p => p.Cos).ThenBy(p => p.A).ThenBy(p => p.B))
        {
            if (!taken[a] && !taken[b])
            {
                taken[a] = taken[b] = true;
                partner[ends[a].Branch, ends[a].Side] = ends[b];
                partner[ends[b].Branch, ends[b].Side] = ends[a];
            }
        }
    }

    /// <summary>The unit direction from a branch end into the branch, over up to <paramref name="reach"/> pixels.</summary>
    private static (double X, double Y) Direction(Branch branch, int side, ReadOnlySpan<int> skeleton, int stride, double reach)
    {
        var path = branch.Pixels;
        var step = side == 0 ? 1 : -1;
        var from = side == 0 ? 0 : path.Length - 1;
        var to = from;
        var travelled = 0.0;
        while (to + step >= 0 && to + step < path.Length && travelled < reach)
        {
            travelled += Step(skeleton[path[to]], skeleton[path[to + step]], stride);
            to += step;
        }

        int a = skeleton[path[from]], b = skeleton[path[to]];
        double dx = (b % stride) - (a % stride), dy = (b / stride) - (a / stride);
        var norm = Math.Sqrt((dx * dx) + (dy * dy));
        return norm > 0 ? (dx / norm, dy / norm) : (0, 0);
    }

    /// <summary>One branch: its pixels (indices into the skeleton list) in order, its length, and the junction pixel at each end (-1 for a free end).</summary>
    private sealed record Branch(int[] Pixels, double Length, int Start, int End);
}
