namespace Dislocate.Core.Morphology;

/// <summary>
/// The deletion tests of Lee, Kashyap &amp; Chu (1994) as scikit-image's <c>_skeletonize_lee_cy</c> evaluates them on a
/// 3×3×3 neighbourhood, tabulated for every 2-D 3×3 neighbourhood (the slice between two background slices).
/// </summary>
/// <remarks>
/// <para>A 2-D neighbourhood is an 8-bit code: bit k is set when neighbour k is foreground, neighbours numbered in
/// raster order (row −1: columns −1, 0, +1; row 0: columns −1, +1; row +1: columns −1, 0, +1). Each code is embedded in
/// the 27-voxel cube of skimage (index 9 + 3·(dc + 1) + (dr + 1) for the middle plane, both other planes empty) and the
/// 3-D tests are run on it verbatim, so the tables agree with skimage by construction rather than by a 2-D
/// re-derivation.</para>
/// <para><see cref="IsCandidate"/>: not an end point, Euler invariant and simple (the test that collects candidates
/// for one border direction; <see cref="DirectionalCandidateTable"/> adds the border condition). <see cref="IsSimple"/>:
/// simple only (skimage's sequential re-check).</para>
/// </remarks>
internal static class LeeDeletionTables
{
    // Column δG26 of Table 2 of Lee et al. (1994) for odd indices; even indices are 0 (the centre bit is always set).
    private static readonly int[] EulerOddEntries =
    [
        1, -1, -1, 1, -3, -1, -1, 1, -1, 1, 1, -1, 3, 1, 1, -1, -3, -1, 3, 1, 1, -1, 3, 1, -1, 1, 1, -1, 3, 1, 1, -1,
        -3, 3, -1, 1, 1, 3, -1, 1, -1, 1, 1, -1, 3, 1, 1, -1, 1, 3, 3, 1, 5, 3, 3, 1, -1, 1, 1, -1, 3, 1, 1, -1,
        -7, -1, -1, 1, -3, -1, -1, 1, -1, 1, 1, -1, 3, 1, 1, -1, -3, -1, 3, 1, 1, -1, 3, 1, -1, 1, 1, -1, 3, 1, 1, -1,
        -3, 3, -1, 1, 1, 3, -1, 1, -1, 1, 1, -1, 3, 1, 1, -1, 1, 3, 3, 1, 5, 3, 3, 1, -1, 1, 1, -1, 3, 1, 1, -1,
    ];

    // The seven cube indices of each octant (NEB, NWB, SEB, SWB, NEU, NWU, SEU, SWU) in the bit order of the Euler LUT.
    private static readonly int[][] EulerOctants =
    [
        [2, 1, 11, 10, 5, 4, 14],
        [0, 9, 3, 12, 1, 10, 4],
        [8, 7, 17, 16, 5, 4, 14],
        [6, 15, 7, 16, 3, 12, 4],
        [20, 23, 19, 22, 11, 14, 10],
        [18, 21, 9, 12, 19, 22, 10],
        [26, 23, 17, 14, 25, 22, 16],
        [24, 25, 15, 16, 21, 22, 12],
    ];

    // Octree of Lee et al. Figs. 6–7 over the 26 neighbours (centre removed): per octant 1..8, its seven indices and,
    // for each, the octants to visit next when that neighbour is newly labelled.
    private static readonly int[][] OctreeIndices =
    [
        [0, 1, 3, 4, 9, 10, 12],
        [1, 4, 10, 2, 5, 11, 13],
        [3, 4, 12, 6, 7, 14, 15],
        [4, 5, 13, 7, 15, 8, 16],
        [9, 10, 12, 17, 18, 20, 21],
        [10, 11, 13, 18, 21, 19, 22],
        [12, 14, 15, 20, 21, 23, 24],
        [13, 15, 16, 21, 22, 24, 25],
    ];

    private static readonly int[][][] OctreeNext =
    [
        [[], [2], [3], [2, 3, 4], [5], [2, 5, 6], [3, 5, 7]],
        [[1], [1, 3, 4], [1, 5, 6], [], [4], [6], [4, 6, 8]],
        [[1], [1, 2, 4], [1, 5, 7], [], [4], [7], [4, 7, 8]],
        [[1, 2, 3], [2], [2, 6, 8], [3], [3, 7, 8], [], [8]],
        [[1], [1, 2, 6], [1, 3, 7], [], [6], [7], [6, 7, 8]],
        [[1, 2, 5], [2], [2, 4, 8], [5], [5, 7, 8], [], [8]],
        [[1, 3, 5], [3], [3, 4, 8], [5], [5, 6, 8], [], [8]],
        [[2, 4, 6], [3, 4, 7], [4], [5, 6, 7], [6], [7], []],
    ];

    // The octant from which labelling starts for each of the 26 neighbours (the first octant that contains it).
    private static readonly int[] StartOctant =
    [
        1, 1, 2, 1, 1, 2, 3, 3, 4, 1, 1, 2, 1, 2, 3, 3, 4, 5, 5, 6, 5, 5, 6, 7, 7, 8,
    ];

    /// <summary>Number of border directions of a 2-D slice, in skimage's order: up, down, right, left.</summary>
    public const int Directions = 4;

    // The neighbour that must be background for each direction (row − 1, row + 1, column + 1, column − 1), as a code bit.
    private static readonly int[] DirectionBits = [1 << 1, 1 << 6, 1 << 4, 1 << 3];

    private static readonly bool[] Candidate = new bool[256];
    private static readonly byte[] DirectionalCandidate = new byte[Directions * 256];
    private static readonly bool[] Simple = new bool[256];

#pragma warning disable CA1810 // The tables are derived from each other; one static constructor keeps the order explicit.
    static LeeDeletionTables()
#pragma warning restore CA1810
    {
        Span<byte> cube = stackalloc byte[27];
        for (var code = 0; code < 256; code++)
        {
            cube.Clear();
            cube[13] = 1;
            var bit = 0;
            for (var dr = -1; dr <= 1; dr++)
            {
                for (var dc = -1; dc <= 1; dc++)
                {
                    if (dr == 0 && dc == 0)
                    {
                        continue;
                    }

                    cube[9 + (3 * (dc + 1)) + (dr + 1)] = (byte)((code >> bit) & 1);
                    bit++;
                }
            }

            var simple = IsSimplePoint(cube);
            Simple[code] = simple;
            Candidate[code] = !IsEndPoint(cube) && IsEulerInvariant(cube) && simple;
            for (var direction = 0; direction < Directions; direction++)
            {
                DirectionalCandidate[(direction * 256) + code] = (byte)(Candidate[code] && (code & DirectionBits[direction]) == 0 ? 1 : 0);
            }
        }
    }

    /// <summary>Whether a foreground pixel with neighbourhood <paramref name="code"/> is collected as a deletion candidate.</summary>
    public static bool IsCandidate(int code) => Candidate[code];

    /// <summary>Whether deleting a pixel with neighbourhood <paramref name="code"/> keeps its neighbourhood connected.</summary>
    public static bool IsSimple(int code) => Simple[code];

    /// <summary>
    /// 1 where a pixel with that code is a candidate for border <paramref name="direction"/> (0 up, 1 down, 2 right,
    /// 3 left: that neighbour is background and <see cref="IsCandidate"/> holds), else 0.
    /// </summary>
    public static ReadOnlySpan<byte> DirectionalCandidateTable(int direction) => DirectionalCandidate.AsSpan(direction * 256, 256);

    /// <summary>The simple-point table indexed by neighbourhood code.</summary>
    public static ReadOnlySpan<bool> SimpleTable => Simple;

    // An end point has exactly one foreground voxel among its 26 neighbours.
    private static bool IsEndPoint(ReadOnlySpan<byte> cube)
    {
        var sum = 0;
        foreach (var v in cube)
        {
            sum += v;
        }

        return sum == 2;
    }

    private static bool IsEulerInvariant(ReadOnlySpan<byte> cube)
    {
        var euler = 0;
        foreach (var octant in EulerOctants)
        {
            var n = 1;
            for (var j = 0; j < 7; j++)
            {
                if (cube[octant[j]] == 1)
                {
                    n |= 1 << (7 - j);
                }
            }

            euler += (n & 1) == 1 ? EulerOddEntries[n >> 1] : 0;
        }

        return euler == 0;
    }

    // Simple when the 26 neighbours (centre removed) form at most one 26-connected set, found by octree labelling.
    private static bool IsSimplePoint(ReadOnlySpan<byte> neighbourhood)
    {
        Span<byte> cube = stackalloc byte[26];
        neighbourhood[..13].CopyTo(cube);
        neighbourhood[14..].CopyTo(cube[13..]);
        var label = 2;
        for (var i = 0; i < 26; i++)
        {
            if (cube[i] != 1)
            {
                continue;
            }

            LabelOctant(StartOctant[i], (byte)label, cube);
            label++;
            if (label - 2 >= 2)
            {
                return false;
            }
        }

        return true;
    }

    private static void LabelOctant(int octant, byte label, Span<byte> cube)
    {
        var indices = OctreeIndices[octant - 1];
        var next = OctreeNext[octant - 1];
        for (var j = 0; j < 7; j++)
        {
            if (cube[indices[j]] != 1)
            {
                continue;
            }

            cube[indices[j]] = label;
            foreach (var o in next[j])
            {
                LabelOctant(o, label, cube);
            }
        }
    }
}
