using Dislocate.Core.Geometry;
using Dislocate.Core.Morphology;

namespace Dislocate.Core.Skeletons;

/// <summary>Turns a skeleton image into an ordered pixel path (the centre line of one dislocation).</summary>
/// <remarks>
/// <para>The skeleton is read as a graph: foreground pixels are nodes, 8-neighbours are joined by edges of length 1
/// (edge neighbours) or √2 (corner neighbours). Only the 8-connected component with the most pixels is used (the first
/// in raster order on a tie).</para>
/// <para>Its longest geodesic path is found by farthest-point sweeps: from the first end pixel (a pixel with at most one
/// neighbour) in raster order to the pixel farthest from it, then from there to the pixel farthest from that one. For a
/// tree (a component with one edge fewer than pixels) this is the exact geodesic diameter, and since paths are unique a
/// plain traversal measures them. Skeletons are trees apart from the odd three-pixel corner triangle; there the sweeps
/// use Dijkstra's algorithm and repeat while the distance still grows, which gives the diameter up to a fraction of a
/// pixel. Distances are counted in whole edge and corner steps, so equal path lengths compare exactly and ties go to
/// the lower raster index, independently of visiting order.</para>
/// <para>A component without end pixels is a loop: it is cut open at its first pixel in raster order. The sweeps then
/// run without that pixel and without the edges between its neighbours (which would close the loop again past a
/// corner), so on a one-pixel-wide loop they find the whole ring; the cut pixel is put back as the first point. The
/// closing step back to it (1 or √2) is not part of the path.</para>
/// <para>Open paths start at the end that comes first in raster order.</para>
/// </remarks>
public static class SkeletonOrdering
{
    private const double Sqrt2 = 1.4142135623730951;

    // Sweeps after the first two, each only while it still lengthens the path (two are exact for trees).
    private const int ExtraSweeps = 3;

    /// <summary>
    /// The longest geodesic path (8-neighbour steps weighted 1 and √2) through the skeleton component containing the
    /// most pixels; empty Points when the skeleton is empty.
    /// </summary>
    public static SkeletonPath LongestPath(ReadOnlySpan<byte> skeleton, int width, int height)
    {
        ConnectedComponents.CheckSize(skeleton.Length, width, height, nameof(skeleton));
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
        for (var y = 0; y < height; y++)
        {
            var row = skeleton.Slice(y * width, width);
            var first = row.IndexOfAnyExcept((byte)0);
            if (first < 0)
            {
                continue;
            }

            var last = row.LastIndexOfAnyExcept((byte)0);
            x0 = Math.Min(x0, first);
            x1 = Math.Max(x1, last);
            y0 = Math.Min(y0, y);
            y1 = y;
        }

        if (x1 < 0)
        {
            return SkeletonPath.Empty;
        }

        var stride = x1 - x0 + 3;
        var rows = y1 - y0 + 3;
        var scratch = MorphologyScratch.Current;
        var padded = scratch.Image(stride * rows).AsSpan(0, stride * rows);
        padded.Clear();
        var pixels = scratch.Foreground(stride * rows);
        var listed = 0;
        for (var y = y0; y <= y1; y++)
        {
            var source = skeleton.Slice((y * width) + x0, x1 - x0 + 1);
            var offset = ((y - y0 + 1) * stride) + 1;
            for (var x = 0; x < source.Length; x++)
            {
                if (source[x] != 0)
                {
                    padded[offset + x] = 1;
                    pixels[listed++] = offset + x;
                }
            }
        }

        return LongestPathPadded(padded, stride, pixels.AsSpan(0, listed), x0 - 1, y0 - 1);
    }

    /// <summary>
    /// <see cref="LongestPath"/> on a <paramref name="stride"/>-wide image of 0s and 1s with a background outer ring;
    /// <paramref name="pixels"/> lists (in raster order) indices that include every foreground pixel, and pixel (i, j)
    /// of the image is image pixel (<paramref name="originX"/> + i, <paramref name="originY"/> + j). Work is proportional
    /// to the listed pixels.
    /// </summary>
    internal static SkeletonPath LongestPathPadded(ReadOnlySpan<byte> image, int stride, ReadOnlySpan<int> pixels, int originX, int originY)
    {
        var scratch = MorphologyScratch.Current;
        var labels = scratch.Labels(image.Length);
        var sizes = scratch.Sizes(pixels.Length + 1);
        var count = ConnectedComponents.LabelListed(image, stride, pixels, labels, sizes);
        if (count == 0)
        {
            return SkeletonPath.Empty;
        }

        var best = 1;
        for (var label = 2; label <= count; label++)
        {
            if (sizes[label] > sizes[best])
            {
                best = label;
            }
        }

        var graph = new SkeletonGraph(scratch, image, labels, best, sizes[best], stride, pixels);
        if (graph.Count == 1)
        {
            return new SkeletonPath([Centre(graph.Pixel(0), stride, originX, originY)], 0, false);
        }

        var start = graph.FirstEndNode();
        var closed = start < 0;
        var excluded = -1;
        if (closed)
        {
            // Cut the loop at node 0 (first in raster order): sweep the rest, then put node 0 back at an end it touches.
            excluded = 0;
            start = graph.FirstNeighbour(0);
        }

        var a = graph.Farthest(start, excluded, out _);
        var b = graph.Farthest(a, excluded, out var length);
        for (var sweep = 0; sweep < (graph.IsTree && !closed ? 0 : ExtraSweeps); sweep++)
        {
            var c = graph.Farthest(b, excluded, out var next);
            if (next <= length)
            {
                // Restore the search tree rooted at a for the path below.
                graph.Farthest(a, excluded, out _);
                break;
            }

            (a, b, length) = (b, c, next);
        }

        // The last sweep is rooted at a, so walking predecessors from b gives b → a.
        var order = new List<int>(graph.Count);
        for (var node = b; node >= 0; node = graph.Predecessor(node))
        {
            order.Add(graph.Pixel(node));
        }

        if (closed)
        {
            // Put the cut pixel back, first: next to a (the list's end) or else next to b (its start).
            if (graph.Adjacent(excluded, a))
            {
                order.Add(graph.Pixel(excluded));
                order.Reverse();
            }
            else if (graph.Adjacent(excluded, b))
            {
                order.Insert(0, graph.Pixel(excluded));
            }
            else
            {
                order.Reverse();
            }
        }
        else if (order[^1] < order[0])
        {
            // Canonical direction: from the end met first in raster order.
            order.Reverse();
        }

        var path = new PointD[order.Count];
        for (var i = 0; i < path.Length; i++)
        {
            path[i] = Centre(order[i], stride, originX, originY);
        }

        return new SkeletonPath(path, graph.Count - path.Length, closed);
    }

    private static PointD Centre(int pixel, int stride, int originX, int originY)
    {
        var row = pixel / stride;
        var column = pixel - (row * stride);
        return new PointD(originX + column + 0.5, originY + row + 0.5);
    }

    /// <summary>One skeleton component as a graph over scratch arrays; nodes are its pixels in raster order.</summary>
    private readonly ref struct SkeletonGraph
    {
        private readonly int[] nodes;
        private readonly int[] adjacency;
        private readonly int[] degree;
        private readonly int[] steps;
        private readonly int[] previous;
        private readonly byte[] settled;
        private readonly int[] heapNodes;
        private readonly double[] heapKeys;
        private readonly int stride;

        public SkeletonGraph(MorphologyScratch scratch, ReadOnlySpan<byte> image, int[] labels, int label, int count, int stride, ReadOnlySpan<int> pixels)
        {
            this.stride = stride;
            this.Count = count;
            this.nodes = scratch.Nodes(count);
            this.adjacency = scratch.Adjacency(8 * count);
            this.degree = scratch.Degrees(count);
            this.steps = scratch.Steps(2 * count);
            this.previous = scratch.Previous(count);
            this.settled = scratch.Flags(count);
            this.heapNodes = scratch.HeapNodes((8 * count) + 1);
            this.heapKeys = scratch.HeapKeys((8 * count) + 1);
            var nodeIndex = scratch.NodeIndex(image.Length);
            var n = 0;
            foreach (var p in pixels)
            {
                if (image[p] != 0 && labels[p] == label)
                {
                    this.nodes[n] = p;
                    nodeIndex[p] = n;
                    n++;
                }
            }

            // Neighbour lists, each in the raster order of the 3×3 block: (node << 1) | 1 for a corner (√2) step.
            // Labels are valid only at foreground pixels, so the image decides first.
            ReadOnlySpan<int> offsets = [-stride - 1, -stride, -stride + 1, -1, 1, stride - 1, stride, stride + 1];
            var edges = 0;
            for (var u = 0; u < n; u++)
            {
                var p = this.nodes[u];
                var d = 0;
                for (var k = 0; k < 8; k++)
                {
                    var q = p + offsets[k];
                    if (image[q] != 0 && labels[q] == label)
                    {
                        this.adjacency[(8 * u) + d++] = (nodeIndex[q] << 1) | (k is 0 or 2 or 5 or 7 ? 1 : 0);
                    }
                }

                this.degree[u] = d;
                edges += d;
            }

            // A connected graph with n − 1 edges is a tree: paths are unique and a plain traversal measures them.
            this.IsTree = edges / 2 == n - 1;
        }

        public int Count { get; }

        public bool IsTree { get; }

        public int Pixel(int node) => this.nodes[node];

        public int Predecessor(int node) => this.previous[node];

        /// <summary>The first node in raster order with at most one neighbour, or −1 when there is none (a loop).</summary>
        public int FirstEndNode()
        {
            for (var node = 0; node < this.Count; node++)
            {
                if (this.degree[node] <= 1)
                {
                    return node;
                }
            }

            return -1;
        }

        public int FirstNeighbour(int node) => this.degree[node] > 0 ? this.adjacency[8 * node] >> 1 : -1;

        public bool Adjacent(int a, int b)
        {
            var dp = Math.Abs(this.nodes[a] - this.nodes[b]);
            return dp == 1 || dp == this.stride - 1 || dp == this.stride || dp == this.stride + 1;
        }

        /// <summary>
        /// Shortest paths from <paramref name="source"/> avoiding node <paramref name="excluded"/> (−1: none) and the
        /// edges between its neighbours (so a loop cut there cannot close again past it); fills the predecessors and
        /// returns the farthest reached node (lowest index on a tie) and its distance.
        /// </summary>
        public int Farthest(int source, int excluded, out double distance)
        {
            var n = this.Count;
            this.steps.AsSpan(0, 2 * n).Fill(-1);
            this.previous.AsSpan(0, n).Fill(-1);
            this.steps[2 * source] = 0;
            this.steps[(2 * source) + 1] = 0;
            return this.IsTree && excluded < 0 ? this.FarthestInTree(source, out distance) : this.FarthestDijkstra(source, excluded, out distance);
        }

        private int FarthestInTree(int source, out double distance)
        {
            // Depth-first walk; in a tree the first path found to a node is the only one.
            var stack = this.heapNodes;
            var top = 0;
            stack[top++] = source;
            var far = source;
            var farKey = 0.0;
            while (top > 0)
            {
                var u = stack[--top];
                var axial = this.steps[2 * u];
                var corner = this.steps[(2 * u) + 1];
                var key = axial + (corner * Sqrt2);
                if (key > farKey || (key == farKey && u < far))
                {
                    far = u;
                    farKey = key;
                }

                for (var i = 8 * u; i < (8 * u) + this.degree[u]; i++)
                {
                    var v = this.adjacency[i] >> 1;
                    if (this.steps[2 * v] >= 0)
                    {
                        continue;
                    }

                    var isCorner = this.adjacency[i] & 1;
                    this.steps[2 * v] = axial + 1 - isCorner;
                    this.steps[(2 * v) + 1] = corner + isCorner;
                    this.previous[v] = u;
                    stack[top++] = v;
                }
            }

            distance = farKey;
            return far;
        }

        private int FarthestDijkstra(int source, int excluded, out double distance)
        {
            this.settled.AsSpan(0, this.Count).Clear();
            var heapCount = 0;
            this.Push(ref heapCount, 0.0, source);
            var far = source;
            var farKey = 0.0;
            while (heapCount > 0)
            {
                var (key, u) = this.Pop(ref heapCount);
                if (this.settled[u] != 0)
                {
                    continue;
                }

                this.settled[u] = 1;
                if (key > farKey)
                {
                    far = u;
                    farKey = key;
                }

                for (var i = 8 * u; i < (8 * u) + this.degree[u]; i++)
                {
                    var v = this.adjacency[i] >> 1;
                    if (v == excluded || this.settled[v] != 0 || (excluded >= 0 && this.Adjacent(u, excluded) && this.Adjacent(v, excluded)))
                    {
                        continue;
                    }

                    var isCorner = this.adjacency[i] & 1;
                    var axial = this.steps[2 * u] + 1 - isCorner;
                    var corner = this.steps[(2 * u) + 1] + isCorner;
                    var candidate = axial + (corner * Sqrt2);
                    var current = this.steps[2 * v] >= 0 ? this.steps[2 * v] + (this.steps[(2 * v) + 1] * Sqrt2) : double.PositiveInfinity;

                    // Equal lengths (same step counts) keep the lower-index predecessor, independently of heap order.
                    if (candidate < current || (candidate == current && u < this.previous[v]))
                    {
                        this.steps[2 * v] = axial;
                        this.steps[(2 * v) + 1] = corner;
                        this.previous[v] = u;
                        if (candidate < current)
                        {
                            this.Push(ref heapCount, candidate, v);
                        }
                    }
                }
            }

            distance = farKey;
            return far;
        }

        private void Push(ref int count, double key, int node)
        {
            var i = count++;
            while (i > 0)
            {
                var parent = (i - 1) >> 1;
                if (!Less(key, node, this.heapKeys[parent], this.heapNodes[parent]))
                {
                    break;
                }

                this.heapKeys[i] = this.heapKeys[parent];
                this.heapNodes[i] = this.heapNodes[parent];
                i = parent;
            }

            this.heapKeys[i] = key;
            this.heapNodes[i] = node;
        }

        private (double Key, int Node) Pop(ref int count)
        {
            var top = (this.heapKeys[0], this.heapNodes[0]);
            count--;
            if (count == 0)
            {
                return top;
            }

            var key = this.heapKeys[count];
            var node = this.heapNodes[count];
            var i = 0;
            while (true)
            {
                var child = (2 * i) + 1;
                if (child >= count)
                {
                    break;
                }

                if (child + 1 < count && Less(this.heapKeys[child + 1], this.heapNodes[child + 1], this.heapKeys[child], this.heapNodes[child]))
                {
                    child++;
                }

                if (!Less(this.heapKeys[child], this.heapNodes[child], key, node))
                {
                    break;
                }

                this.heapKeys[i] = this.heapKeys[child];
                this.heapNodes[i] = this.heapNodes[child];
                i = child;
            }

            this.heapKeys[i] = key;
            this.heapNodes[i] = node;
            return top;
        }

        private static bool Less(double keyA, int nodeA, double keyB, int nodeB) => keyA < keyB || (keyA == keyB && nodeA < nodeB);
    }
}
