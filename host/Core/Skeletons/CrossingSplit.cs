using Dislocate.Core.Geometry;
using Dislocate.Core.Morphology;

namespace Dislocate.Core.Skeletons;

/// <summary>
/// Splits a line mask whose skeleton holds crossing or touching lines into one piece per line: the mask is thinned
/// (<see cref="LeeThinning"/>), its skeleton split into chains through its junctions (<see cref="SkeletonChains"/>),
/// and each mask pixel goes to the chain nearest to it along the mask (a breadth-first search from all chains at once,
/// 8-neighbour steps, in chain order on ties).
/// </summary>
/// <remarks>
/// Chains shorter than the given length (measured along their pixels) are no line of their own: their pixels go to the
/// nearest long chain. Each piece also gets the straight pixel runs where its path jumps over a junction, so it stays
/// one 8-connected piece; such pixels can belong to two pieces. A mask with fewer than two long chains is not split
/// (the result is empty).
/// </remarks>
public static class CrossingSplit
{
    /// <summary>
    /// The pieces of the mask <paramref name="pixels"/> (one 8-connected piece: sorted flat indices in a <paramref name="width"/>-wide image,
    /// all inside the box from (<paramref name="x0"/>, <paramref name="y0"/>) of <paramref name="boxWidth"/> ×
    /// <paramref name="boxHeight"/> pixels); empty when it holds fewer than two chains of at least
    /// <paramref name="minChainLength"/> pixels.
    /// </summary>
    public static IReadOnlyList<ChainPiece> Split(
        ReadOnlySpan<int> pixels, int width, int x0, int y0, int boxWidth, int boxHeight, SkeletonChainOptions options, double minChainLength)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(boxWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(boxHeight, 1);
        var stride = boxWidth + 2;
        var size = stride * (boxHeight + 2);
        var image = new byte[size];
        var foreground = new int[pixels.Length];
        for (var i = 0; i < pixels.Length; i++)
        {
            var y = pixels[i] / width;
            var x = pixels[i] - (y * width);
            if (x < x0 || y < y0 || x >= x0 + boxWidth || y >= y0 + boxHeight)
            {
                throw new ArgumentException($"Pixel ({x}, {y}) lies outside the box.", nameof(pixels));
            }

            foreground[i] = ((y - y0 + 1) * stride) + (x - x0 + 1);
            image[foreground[i]] = 1;
        }

        var mask = (byte[])image.Clone();
        LeeThinning.ThinPadded(image, stride, foreground);
        var skeleton = new List<int>();
        foreach (var q in foreground)
        {
            if (image[q] != 0)
            {
                skeleton.Add(q);
            }
        }

        // Each chain with its path of pixel centres in image coordinates; the long ones are lines.
        var kept = new List<(int[] Chain, PointD[] Path)>();
        foreach (var chain in SkeletonChains.Split(image, stride, [.. skeleton], options))
        {
            var path = new PointD[chain.Length];
            for (var i = 0; i < chain.Length; i++)
            {
                path[i] = new PointD((chain[i] % stride) - 1 + x0 + 0.5, (chain[i] / stride) - 1 + y0 + 0.5);
            }

            if (Polyline.Length(path) >= minChainLength)
            {
                kept.Add((chain, path));
            }
        }

        if (kept.Count < 2)
        {
            return [];
        }

        // Every mask pixel to its nearest long chain along the mask.
        var owner = new int[size];
        var queue = new Queue<int>();
        for (var k = 0; k < kept.Count; k++)
        {
            foreach (var q in kept[k].Chain)
            {
                if (owner[q] == 0)
                {
                    owner[q] = k + 1;
                    queue.Enqueue(q);
                }
            }
        }

        Span<int> offsets = [-stride - 1, -stride, -stride + 1, -1, 1, stride - 1, stride, stride + 1];
        while (queue.Count > 0)
        {
            var q = queue.Dequeue();
            foreach (var o in offsets)
            {
                var r = q + o;
                if (mask[r] != 0 && owner[r] == 0)
                {
                    owner[r] = owner[q];
                    queue.Enqueue(r);
                }
            }
        }

        var pieces = new List<ChainPiece>(kept.Count);
        for (var k = 0; k < kept.Count; k++)
        {
            var members = new HashSet<int>();
            foreach (var q in foreground)
            {
                if (owner[q] == k + 1)
                {
                    members.Add(q);
                }
            }

            // The runs where the path jumps over a junction, so the piece stays connected (consecutive chain pixels
            // that are neighbours add nothing: both ends are the chain's own pixels).
            var chain = kept[k].Chain;
            for (var i = 1; i < chain.Length; i++)
            {
                foreach (var (x, y) in PixelRun.Between(chain[i - 1] % stride, chain[i - 1] / stride, chain[i] % stride, chain[i] / stride))
                {
                    members.Add((y * stride) + x);
                }
            }

            var flat = members.Select(q => ((q / stride) - 1 + y0) * width + (q % stride) - 1 + x0).Order().ToArray();
            pieces.Add(new ChainPiece(flat, kept[k].Path));
        }

        return pieces;
    }
}
