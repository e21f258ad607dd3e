namespace Dislocate.Segment.PostProcessing;

/// <summary>Union-find over 0..count−1; each set's root is its lowest member, so groups come out the same whatever the union order.</summary>
internal sealed class DisjointSets
{
    private readonly int[] parent;

    public DisjointSets(int count)
    {
        this.parent = new int[count];
        for (var i = 0; i < count; i++)
        {
            this.parent[i] = i;
        }
    }

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
