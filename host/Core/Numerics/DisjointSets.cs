namespace Dislocate.Core.Numerics;

/// <summary>Union-find over 0..count−1; each set's root is its lowest member, so groups come out the same whatever the union order.</summary>
public sealed class DisjointSets
{
    private readonly int[] parent;

    /// <summary>Each of 0..<paramref name="count"/>−1 in a set of its own.</summary>
    public DisjointSets(int count)
    {
        this.parent = new int[count];
        for (var i = 0; i < count; i++)
        {
            this.parent[i] = i;
        }
    }

    /// <summary>The lowest member of <paramref name="item"/>'s set.</summary>
    public int Find(int item)
    {
        var root = item;
        while (this.parent[root] != root)
        {
            root = this.parent[root];
        }

        while (this.parent[item] != root)
        {
            (this.parent[item], item) = (root, this.parent[item]);
        }

        return root;
    }

    /// <summary>Merges the sets of <paramref name="a"/> and <paramref name="b"/>.</summary>
    public void Union(int a, int b)
    {
        var ra = this.Find(a);
        var rb = this.Find(b);
        if (ra != rb)
        {
            this.parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
    }
}
