using Dislocate.Core.Geometry;
using Dislocate.Core.Numerics;
using Dislocate.Core.Skeletons;
using Dislocate.Segment.Evaluation;

namespace Dislocate.Segment.PostProcessing;

/// <summary>
/// Turns the N probability maps predicted for one image into dislocation instances, a label image and ordered lines
/// (paper section 5.3 and 5.4).
/// </summary>
/// <remarks>
/// <para>Steps: (1) binarise each map at the threshold (p ≥ 0.5), dropping a map whose mask covers more than
/// MaxAreaFraction of the image; (2) split it into 8-connected pieces and drop pieces (and so whole masks) with fewer
/// than MinPixels pixels as specks, keeping at most the MaxPieces largest; (3) two pieces from different masks whose binary
/// Dice loss 1 − 2|A∩B| / (|A| + |B|) is below 0.5 hold the same dislocation; such pairs join groups transitively and
/// each group keeps the piece with the highest mean probability over its own pixels (ties: the lower channel, then the
/// earlier piece), because a confident mask is the cleaner one (the paper's mask 3 against mask 17, which also holds
/// slip-trace pixels); (4) a kept piece whose lines cross or touch is split into one instance per line
/// (<see cref="CrossingSplit"/>, with a crossing length, and only where pieces are split at all), each with the line
/// along its chain; (5) each other kept piece's line: Lee skeleton, longest path, spline, length and K equally spaced
/// points; (6) with a link gap, pieces of one mask whose ends continue each other across a short gap become one
/// dislocation (<see cref="PieceLinking"/>); (7) with a short-line confidence, lines shorter than ShortLineLength
/// whose mean probability is below it are dropped.</para>
/// <para>Splitting comes before de-duplication so that a mask holding dislocations A and B and another holding only A
/// keep both A and B, instead of the whole two-dislocation mask being compared with A.</para>
/// <para>The maps are read once (<see cref="MaskStack"/> keeps that pass, so after the metric on the same stack it is
/// free); everything after works on foreground pixel lists and their boxes, in proportion to the dislocations' area.
/// Deterministic: sequential, in channel and raster order.</para>
/// </remarks>
public static class InstancePostProcessor
{
    /// <summary>Post-processes one image's maps (probabilities in [0, 1], one plane per predicted mask).</summary>
    public static PostProcessedImage Process(MaskStack maps, PostProcessingOptions options)
    {
        ArgumentNullException.ThrowIfNull(maps);
        return Process(maps, options, new ushort[maps.PixelCount]);
    }

    /// <summary>
    /// Post-processes one image's maps, writing the label image into <paramref name="labels"/> (width × height values,
    /// overwritten) and returning it as the result's labels: one buffer can serve every frame of a long stack, as long
    /// as each result's labels are used before the next frame.
    /// </summary>
    public static PostProcessedImage Process(MaskStack maps, PostProcessingOptions options, ushort[] labels)
    {
        ArgumentNullException.ThrowIfNull(maps);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(labels);
        options.Validate();
        if (labels.Length != maps.PixelCount)
        {
            throw new ArgumentException($"The label buffer holds {labels.Length} values, not {maps.Width}×{maps.Height}.", nameof(labels));
        }

        var width = maps.Width;
        var profiles = maps.Profiles((float)options.Threshold, "probability map");
        var pieces = new List<Piece>();
        var specks = new int[maps.Count];
        for (var c = 0; c < profiles.Length; c++)
        {
            specks[c] = Split(profiles[c], c, maps.Height, options, pieces);
        }

        var keep = KeepBest(pieces, options.DuplicateDiceLoss);
        var lineOptions = new MaskLineOptions(options.Threshold, options.MinPixels, KeepLargestComponent: true, options.KnotSpacing);
        var instances = new List<SegmentedInstance>();
        var duplicates = new int[maps.Count];
        for (var k = 0; k < pieces.Count; k++)
        {
            var piece = pieces[k];
            if (!keep[k])
            {
                duplicates[piece.Channel]++;
                continue;
            }

            if (options.CrossingLength > 0 && options.SplitComponents && SplitCrossings(maps, piece, width, options, instances))
            {
                continue;
            }

            // A whole single-piece mask may have had its line made already (by the metric on the same stack).
            var (length, points) = Measure(
                piece.Whole?.SingleComponentLine(options.KnotSpacing, options.MinPixels) ?? CroppedMaskLine.Extract(piece.Pixels, width, piece.Box, lineOptions),
                options.LinePoints);
            instances.Add(new SegmentedInstance(instances.Count + 1, piece.Channel, piece.Component, piece.Pixels, piece.Sum / piece.Pixels.Length, length, points));
        }

        if (options.LinkGap > 0 && instances.Count > 1)
        {
            instances = Link(instances, width, maps.Height, options, lineOptions);
        }

        if (options.ShortLineConfidence > 0)
        {
            instances = DropFaintShortLines(instances, options, specks);
        }

        if (instances.Count > ushort.MaxValue)
        {
            throw new InvalidOperationException($"{instances.Count} instances do not fit a 16-bit label image.");
        }

        var channels = new ChannelSummary[maps.Count];
        for (var c = 0; c < channels.Length; c++)
        {
            var p = profiles[c];
            var mean = p.Foreground.Length > 0 ? p.ForegroundSum / p.Foreground.Length : 0;
            channels[c] = new ChannelSummary(c, p.Foreground.Length, mean, specks[c], duplicates[c], instances.Count(i => i.Channel == c));
        }

        Paint(maps, instances, labels);
        return new PostProcessedImage(width, maps.Height, instances, labels, channels);
    }

    /// <summary>
    /// Joins the pieces of each mask that continue each other across a short gap (<see cref="PieceLinking"/>): a joined
    /// dislocation holds its pieces' pixels and the straight pixel path between the linked ends, so its line runs
    /// through; its mean probability is over the pieces' own pixels. Labels are renumbered in the order of each group's
    /// first piece.
    /// </summary>
    private static List<SegmentedInstance> Link(List<SegmentedInstance> instances, int width, int height, PostProcessingOptions options, MaskLineOptions lineOptions)
    {
        var groups = new DisjointSets(instances.Count);
        var bridges = new List<PieceLinking.Link>();
        foreach (var channel in instances.Select(i => i.Channel).Distinct().ToList())
        {
            var members = Enumerable.Range(0, instances.Count).Where(k => instances[k].Channel == channel).ToArray();
            var lines = members.Select(k => (instances[k].Points, instances[k].Length)).ToArray();
            foreach (var link in PieceLinking.Links(lines, options.LinkGap, options.LinkAngle))
            {
                var (a, b) = (members[link.A.Piece], members[link.B.Piece]);
                groups.Union(a, b);
                bridges.Add(link with { A = link.A with { Piece = a }, B = link.B with { Piece = b } });
            }
        }

        if (bridges.Count == 0)
        {
            return instances;
        }

        // One pass each: the groups in the order of their first piece, and the bridges of each group.
        var bridgesOf = bridges.ToLookup(b => groups.Find(b.A.Piece));
        var linked = new List<SegmentedInstance>();
        foreach (var group in Enumerable.Range(0, instances.Count).GroupBy(groups.Find))
        {
            var first = instances[group.First()];
            if (group.Count() == 1)
            {
                linked.Add(first with { Label = linked.Count + 1 });
                continue;
            }

            var pixels = new HashSet<int>(group.SelectMany(m => instances[m].Pixels));
            foreach (var bridge in bridgesOf[group.Key])
            {
                AddPath(pixels, bridge.A.Point, bridge.B.Point, width, height);
            }

            var sorted = pixels.Order().ToArray();
            var box = PixelBox.Empty;
            foreach (var p in sorted)
            {
                var y = p / width;
                var x = p - (y * width);
                box = box.Include(x, y, x, y);
            }

            var (length, points) = Measure(CroppedMaskLine.Extract(sorted, width, box, lineOptions), options.LinePoints);
            var sum = group.Sum(m => instances[m].MeanProbability * instances[m].PixelCount);
            var count = group.Sum(m => instances[m].PixelCount);
            linked.Add(new SegmentedInstance(linked.Count + 1, first.Channel, first.Component, sorted, sum / count, length, points));
        }

        return linked;
    }

    /// <summary>
    /// Drops the dislocations whose line is shorter than ShortLineLength and whose mean probability is below
    /// ShortLineConfidence (after joining, so a line broken in two is judged whole), counting them as specks of their
    /// channel; labels are renumbered in order.
    /// </summary>
    private static List<SegmentedInstance> DropFaintShortLines(List<SegmentedInstance> instances, PostProcessingOptions options, int[] specks)
    {
        var kept = new List<SegmentedInstance>(instances.Count);
        foreach (var instance in instances)
        {
            if (instance.Length < options.ShortLineLength && instance.MeanProbability < options.ShortLineConfidence)
            {
                specks[instance.Channel]++;
                continue;
            }

            kept.Add(instance with { Label = kept.Count + 1 });
        }

        return kept;
    }

    /// <summary>
    /// Adds one instance per line of a piece whose lines cross or touch (<see cref="CrossingSplit"/>), each with the
    /// line along its own chain; false (nothing added) when the piece holds fewer than two such lines.
    /// </summary>
    private static bool SplitCrossings(MaskStack maps, Piece piece, int width, PostProcessingOptions options, List<SegmentedInstance> instances)
    {
        var parts = CrossingSplit.Split(piece.Pixels, width, piece.Box.X0, piece.Box.Y0, piece.Box.Width, piece.Box.Height, SkeletonChainOptions.Default, options.CrossingLength);
        if (parts.Count < 2)
        {
            return false;
        }

        foreach (var part in parts)
        {
            var sum = 0.0;
            foreach (var p in part.Pixels)
            {
                sum += maps.Value(piece.Channel, p);
            }

            var (length, points) = Measure(new PlacedMaskLine(MaskLines.FromPath(part.Path, options.KnotSpacing, part.Pixels.Length), 0, 0), options.LinePoints);
            instances.Add(new SegmentedInstance(instances.Count + 1, piece.Channel, piece.Component, part.Pixels, sum / part.Pixels.Length, length, points));
        }

        return true;
    }

    /// <summary>A piece's line as an instance keeps it: its length (0 when the mask yields no line) and its equally spaced points.</summary>
    private static (double Length, PointD[] Points) Measure(PlacedMaskLine line, int linePoints)
    {
        var length = double.IsFinite(line.Length) && line.Length > 0 ? line.Length : 0;
        return (length, length > 0 ? line.Resample(linePoints) : []);
    }

    /// <summary>Adds the 8-connected pixel path from <paramref name="from"/> to <paramref name="to"/> (pixel (x, y) covers [x, x+1) × [y, y+1)).</summary>
    private static void AddPath(HashSet<int> pixels, PointD from, PointD to, int width, int height)
    {
        foreach (var (x, y) in PixelRun.Between((int)Math.Floor(from.X), (int)Math.Floor(from.Y), (int)Math.Floor(to.X), (int)Math.Floor(to.Y)))
        {
            if (x >= 0 && y >= 0 && x < width && y < height)
            {
                pixels.Add((y * width) + x);
            }
        }
    }

    /// <summary>Adds the pieces of one mask that are kept (see the steps above); returns how many were dropped.</summary>
    private static int Split(MaskProfile profile, int channel, int height, PostProcessingOptions options, List<Piece> pieces)
    {
        var foreground = profile.Foreground;
        if (foreground.Length == 0)
        {
            return 0;
        }

        var width = profile.Width;
        if (foreground.Length < options.MinPixels || foreground.Length > options.MaxAreaFraction * width * height)
        {
            return 1;
        }

        var component = new int[foreground.Length];
        var count = options.SplitComponents ? SparseComponents.Label(foreground, width, height, component) : 1;
        if (count == 1)
        {
            // A copy: the profile's list is cached in the stack and must not be exposed.
            pieces.Add(new Piece(channel, 0, [.. foreground], profile.ForegroundBox, profile.ForegroundSum, profile));
            return 0;
        }

        var sizes = new int[count];
        foreach (var c in component)
        {
            sizes[c]++;
        }

        // Kept components get their piece number (raster order of first pixel, which is component order) and a list.
        var piece = new int[count];
        var lists = new int[count][];
        var boxes = new PixelBox[count];
        var sums = new double[count];
        var fill = new int[count];
        // Only the MaxPieces largest pieces (ties to the earlier one) may be kept.
        var allowed = new bool[count];
        foreach (var c in Enumerable.Range(0, count).OrderByDescending(c => sizes[c]).ThenBy(c => c).Take(options.MaxPieces))
        {
            allowed[c] = true;
        }

        var kept = 0;
        for (var c = 0; c < count; c++)
        {
            piece[c] = sizes[c] >= options.MinPixels && allowed[c] ? kept++ : -1;
            lists[c] = piece[c] >= 0 ? new int[sizes[c]] : [];
            boxes[c] = PixelBox.Empty;
        }

        for (var i = 0; i < foreground.Length; i++)
        {
            var c = component[i];
            if (piece[c] < 0)
            {
                continue;
            }

            var p = foreground[i];
            var y = p / width;
            var x = p - (y * width);
            lists[c][fill[c]++] = p;
            sums[c] += profile.Plane[p];
            boxes[c] = boxes[c].Include(x, y, x, y);
        }

        for (var c = 0; c < count; c++)
        {
            if (piece[c] >= 0)
            {
                pieces.Add(new Piece(channel, piece[c], lists[c], boxes[c], sums[c], null));
            }
        }

        return count - kept;
    }

    /// <summary>Groups duplicate pieces and marks the best of each group as kept.</summary>
    private static bool[] KeepBest(List<Piece> pieces, double duplicateLoss)
    {
        var groups = new DisjointSets(pieces.Count);
        for (var a = 0; a < pieces.Count; a++)
        {
            for (var b = a + 1; b < pieces.Count; b++)
            {
                if (pieces[a].Channel != pieces[b].Channel && AreDuplicates(pieces[a], pieces[b], duplicateLoss))
                {
                    groups.Union(a, b);
                }
            }
        }

        var best = new int[pieces.Count];
        Array.Fill(best, -1);
        for (var k = 0; k < pieces.Count; k++)
        {
            var root = groups.Find(k);
            // Strict > keeps the earlier piece (lower channel) among equal means.
            if (best[root] < 0 || pieces[k].Mean > pieces[best[root]].Mean)
            {
                best[root] = k;
            }
        }

        var keep = new bool[pieces.Count];
        for (var k = 0; k < pieces.Count; k++)
        {
            keep[k] = best[groups.Find(k)] == k;
        }

        return keep;
    }

    private static bool AreDuplicates(Piece a, Piece b, double duplicateLoss)
    {
        var na = a.Pixels.Length;
        var nb = b.Pixels.Length;
        // Loss < t needs |A∩B| > (1 − t)(|A| + |B|) / 2; the overlap can be at most the smaller piece.
        var needed = (1 - duplicateLoss) * (na + nb) / 2;
        if (Math.Min(na, nb) <= needed || a.Box.Intersect(b.Box).IsEmpty)
        {
            return false;
        }

        var overlap = SortedOverlap(a.Pixels, b.Pixels);
        return 1 - (2.0 * overlap / (na + nb)) < duplicateLoss;
    }

    private static int SortedOverlap(int[] a, int[] b)
    {
        int i = 0, j = 0, overlap = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] < b[j])
            {
                i++;
            }
            else if (a[i] > b[j])
            {
                j++;
            }
            else
            {
                overlap++;
                i++;
                j++;
            }
        }

        return overlap;
    }

    /// <summary>The label image; at a pixel two instances share, the higher probability in its own map wins (ties: the lower label).</summary>
    private static void Paint(MaskStack maps, List<SegmentedInstance> instances, ushort[] labels)
    {
        Array.Clear(labels);
        foreach (var instance in instances)
        {
            foreach (var p in instance.Pixels)
            {
                var owner = labels[p];
                if (owner == 0 || maps.Value(instance.Channel, p) > maps.Value(instances[owner - 1].Channel, p))
                {
                    labels[p] = (ushort)instance.Label;
                }
            }
        }
    }

    /// <summary>A connected piece of one binarised mask.</summary>
    /// <param name="Channel">The mask.</param>
    /// <param name="Component">The piece's number within the mask (raster order).</param>
    /// <param name="Pixels">Sorted flat indices.</param>
    /// <param name="Box">Bounding box of <paramref name="Pixels"/>.</param>
    /// <param name="Sum">Σ probabilities over <paramref name="Pixels"/>.</param>
    /// <param name="Whole">The mask's profile when the piece is its whole foreground (its line may already be made), else null.</param>
    private sealed record Piece(int Channel, int Component, int[] Pixels, PixelBox Box, double Sum, MaskProfile? Whole)
    {
        public double Mean => this.Sum / this.Pixels.Length;
    }
}
