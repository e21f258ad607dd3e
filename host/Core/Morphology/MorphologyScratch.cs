namespace Dislocate.Core.Morphology;

/// <summary>
/// Per-thread scratch arrays for labelling, thinning and skeleton ordering. They only grow, so after the first image
/// of a size no call allocates or touches fresh pages.
/// </summary>
/// <remarks>Each array's content is undefined on entry; every user initialises exactly the part it reads.</remarks>
internal sealed class MorphologyScratch
{
    [ThreadStatic]
    private static MorphologyScratch? current;

    private byte[] image = [];
    private byte[] flags = [];
    private byte[] codes = [];
    private int[] labels = [];
    private int[] foreground = [];
    private int[] sizes = [];
    private int[] stack = [];
    private int[] list = [];
    private int[] candidates = [];
    private int[] nodes = [];
    private int[] nodeIndex = [];
    private int[] adjacency = [];
    private int[] degrees = [];
    private int[] merge = [];
    private int[] runs = [];
    private int[] steps = [];
    private int[] previous = [];
    private int[] heapNodes = [];
    private double[] heapKeys = [];

    /// <summary>The calling thread's scratch.</summary>
    public static MorphologyScratch Current => current ??= new MorphologyScratch();

    /// <summary>A padded binary image buffer of at least <paramref name="size"/> bytes.</summary>
    public byte[] Image(int size) => Ensure(ref this.image, size);

    /// <summary>A per-pixel flag buffer of at least <paramref name="size"/> bytes.</summary>
    public byte[] Flags(int size) => Ensure(ref this.flags, size);

    /// <summary>A per-pixel neighbourhood-code buffer of at least <paramref name="size"/> bytes.</summary>
    public byte[] Codes(int size) => Ensure(ref this.codes, size);

    /// <summary>A per-pixel label buffer of at least <paramref name="size"/> ints.</summary>
    public int[] Labels(int size) => Ensure(ref this.labels, size);

    /// <summary>A list of foreground pixel indices of at least <paramref name="size"/> ints.</summary>
    public int[] Foreground(int size) => Ensure(ref this.foreground, size);

    /// <summary>Per-label pixel counts, at least <paramref name="size"/> ints.</summary>
    public int[] Sizes(int size) => Ensure(ref this.sizes, size);

    /// <summary>A flood-fill stack of at least <paramref name="size"/> ints.</summary>
    public int[] Stack(int size) => Ensure(ref this.stack, size);

    /// <summary>A pixel list (thinning border pixels) of at least <paramref name="size"/> ints.</summary>
    public int[] List(int size) => Ensure(ref this.list, size);

    /// <summary>A second pixel list (thinning candidates) of at least <paramref name="size"/> ints.</summary>
    public int[] Candidates(int size) => Ensure(ref this.candidates, size);

    /// <summary>Graph node → pixel, at least <paramref name="size"/> ints.</summary>
    public int[] Nodes(int size) => Ensure(ref this.nodes, size);

    /// <summary>Pixel → graph node, at least <paramref name="size"/> ints.</summary>
    public int[] NodeIndex(int size) => Ensure(ref this.nodeIndex, size);

    /// <summary>Per-node neighbour lists (eight slots per node), at least <paramref name="size"/> ints.</summary>
    public int[] Adjacency(int size) => Ensure(ref this.adjacency, size);

    /// <summary>Per-node neighbour counts, at least <paramref name="size"/> ints.</summary>
    public int[] Degrees(int size) => Ensure(ref this.degrees, size);

    /// <summary>A third pixel list (merging in thinning), at least <paramref name="size"/> ints.</summary>
    public int[] Merge(int size) => Ensure(ref this.merge, size);

    /// <summary>Run bookkeeping for labelling (four ints per run), at least <paramref name="size"/> ints.</summary>
    public int[] Runs(int size) => Ensure(ref this.runs, size);

    /// <summary>Per-node step counts (two ints per node), at least <paramref name="size"/> ints.</summary>
    public int[] Steps(int size) => Ensure(ref this.steps, size);

    /// <summary>Per-node predecessor, at least <paramref name="size"/> ints.</summary>
    public int[] Previous(int size) => Ensure(ref this.previous, size);

    /// <summary>Heap node slots, at least <paramref name="size"/> ints.</summary>
    public int[] HeapNodes(int size) => Ensure(ref this.heapNodes, size);

    /// <summary>Heap key slots, at least <paramref name="size"/> doubles.</summary>
    public double[] HeapKeys(int size) => Ensure(ref this.heapKeys, size);

    private static T[] Ensure<T>(ref T[] array, int size)
    {
        if (array.Length < size)
        {
            // Grow geometrically so a run of slightly larger images does not reallocate every time.
            var length = (int)Math.Min(Array.MaxLength, Math.Max(size, Math.Max(256L, 2L * array.Length)));
            array = new T[length];
        }

        return array;
    }
}
