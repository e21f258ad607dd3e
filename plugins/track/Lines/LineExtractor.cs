using Dislocate.Core.Geometry;
using Dislocate.Core.Skeletons;

namespace Dislocate.Track.Lines;

/// <summary>Turns instance masks (one plane per instance, or a 16-bit label image) into <see cref="DislocationLine"/>s.</summary>
/// <remarks>
/// <para>Per mask: <see cref="MaskLines.Extract(ReadOnlySpan{byte}, int, int, MaskLineOptions)"/> (threshold, specks
/// removed, Lee skeleton, longest path, smoothing spline), then <see cref="MaskLine.Resample"/> to K points and
/// <see cref="LineOrientation.Canonical"/>. Masks are first extracted keeping every component above the speck size, so
/// the number of components is known; only when there are several (rare) is the mask extracted again keeping the
/// largest. With one component both give the same line.</para>
/// <para>A label image is read in one pass that lists each label's pixels (raster order) and bounding box; each label
/// then goes through <see cref="MaskLines"/> as a small cropped 0/255 mask and its points are shifted back. Cropping
/// changes nothing but the rounding of the spline arithmetic (the points agree with a whole-image mask of the same
/// label to far better than 1e-9 px).</para>
/// <para>An engine reuses its scratch buffers, so it is not thread-safe: use one per thread. Results depend only on
/// the input.</para>
/// </remarks>
public sealed class LineExtractor
{
    private const int LabelValues = ushort.MaxValue + 1;

    private readonly MaskLineOptions maskOptions;
    private readonly MaskLineOptions allComponents;
    private readonly byte byteCut;

    // Per-label scratch for label images, allocated on first use; counts are all 0 between calls.
    private int[]? counts;
    private int[]? boxes;
    private int[]? offsets;
    private int[]? present;
    private int[] foreground = [];
    private int[] sorted = [];
    private byte[] crop = [];

    /// <summary>Creates an engine; throws an <see cref="ArgumentException"/> naming the first bad option.</summary>
    public LineExtractor(LineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.Options = options;
        this.maskOptions = options.MaskOptions;
        this.allComponents = this.maskOptions with { KeepLargestComponent = false };

        // The smallest byte v with v / 255 ≥ Threshold, as MaskLines decides it.
        var cut = 0;
        while (cut / 255.0 < this.maskOptions.Threshold)
        {
            cut++;
        }

        this.byteCut = (byte)cut;
    }

    /// <summary>The options this engine was created with.</summary>
    public LineOptions Options { get; }

    /// <summary>The line of one 8-bit instance mask (row-major width × height, foreground = value/255 ≥ threshold).</summary>
    public MaskLineResult Extract(ReadOnlySpan<byte> mask, int width, int height, int frame, int label)
    {
        var line = MaskLines.Extract(mask, width, height, this.allComponents);
        var components = line.Components;
        if (components == 0)
        {
            return Dropped(frame, label, CountAtLeast(mask, this.byteCut));
        }

        if (components > 1 && this.maskOptions.KeepLargestComponent)
        {
            line = MaskLines.Extract(mask, width, height, this.maskOptions);
        }

        return this.Finish(line, components, frame, label, 0, 0);
    }

    /// <summary>The line of one probability map (row-major width × height, foreground = value ≥ threshold; NaN is background).</summary>
    public MaskLineResult Extract(ReadOnlySpan<float> probabilities, int width, int height, int frame, int label)
    {
        var line = MaskLines.Extract(probabilities, width, height, this.allComponents);
        var components = line.Components;
        if (components == 0)
        {
            var pixels = 0;
            foreach (var value in probabilities)
            {
                pixels += value >= this.maskOptions.Threshold ? 1 : 0;
            }

            return Dropped(frame, label, pixels);
        }

        if (components > 1 && this.maskOptions.KeepLargestComponent)
        {
            line = MaskLines.Extract(probabilities, width, height, this.maskOptions);
        }

        return this.Finish(line, components, frame, label, 0, 0);
    }

    /// <summary>
    /// All lines of a 16-bit label image (row-major width × height; 0 = background, v &gt; 0 = instance v), in
    /// increasing label order; labels that do not occur are not reported.
    /// </summary>
    public FrameLines ExtractLabels(ReadOnlySpan<ushort> labels, int width, int height, int frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        var size = (long)width * height;
        if (labels.Length != size)
        {
            throw new ArgumentException(FormattableString.Invariant($"The label image holds {labels.Length} values but a {width}×{height} image needs {size}."), nameof(labels));
        }

        this.counts ??= new int[LabelValues];
        this.boxes ??= new int[4 * LabelValues];
        this.offsets ??= new int[LabelValues];
        this.present ??= new int[LabelValues];
        if (this.foreground.Length < size)
        {
            this.foreground = new int[size];
            this.sorted = new int[size];
        }

        var labelCount = 0;
        try
        {
            var listed = this.Scan(labels, width, height, ref labelCount);
            var order = this.present.AsSpan(0, labelCount);
            order.Sort();
            this.Bucket(labels, listed, order);

            var lines = new List<DislocationLine>(labelCount);
            var issues = new List<MaskIssue>();
            foreach (var label in order)
            {
                var result = this.ExtractLabel(label, width, frame);
                if (result.Line is not null)
                {
                    lines.Add(result.Line);
                }

                issues.AddRange(result.Issues);
            }

            return new FrameLines(frame, lines, issues);
        }
        finally
        {
            foreach (var label in this.present.AsSpan(0, labelCount))
            {
                this.counts[label] = 0;
            }
        }
    }

    private static MaskLineResult Dropped(int frame, int label, int pixels) =>
        new(frame, label, null, [new MaskIssue(frame, label, pixels == 0 ? MaskIssueKind.EmptyMask : MaskIssueKind.Speck, pixels)]);

    private static int CountAtLeast(ReadOnlySpan<byte> values, byte cut)
    {
        var count = 0;
        foreach (var value in values)
        {
            count += value >= cut ? 1 : 0;
        }

        return count;
    }

    // One pass: each label's pixel count and bounding box, and the foreground pixel indices in raster order.
    private int Scan(ReadOnlySpan<ushort> labels, int width, int height, ref int labelCount)
    {
        var counts = this.counts!;
        var boxes = this.boxes!;
        var present = this.present!;
        var foreground = this.foreground;
        var listed = 0;
        for (var y = 0; y < height; y++)
        {
            var rowStart = y * width;
            var row = labels.Slice(rowStart, width);
            var x = 0;
            while (x < width)
            {
                // Background runs are skipped vectorised; masks are thin lines, so most of the image is background.
                var skip = row[x..].IndexOfAnyExcept((ushort)0);
                if (skip < 0)
                {
                    break;
                }

                x += skip;
                do
                {
                    int v = row[x];
                    var box = 4 * v;
                    if (counts[v]++ == 0)
                    {
                        present[labelCount++] = v;
                        boxes[box] = x;
                        boxes[box + 1] = y;
                        boxes[box + 2] = x;
                    }
                    else if (x < boxes[box])
                    {
                        boxes[box] = x;
                    }
                    else if (x > boxes[box + 2])
                    {
                        boxes[box + 2] = x;
                    }

                    boxes[box + 3] = y;
                    foreground[listed++] = rowStart + x;
                    x++;
                }
                while (x < width && row[x] != 0);
            }
        }

        return listed;
    }

    // Counting sort of the foreground by label (stable, so each label's pixels stay in raster order);
    // afterwards offsets[v] is the end of label v's run in `sorted`.
    private void Bucket(ReadOnlySpan<ushort> labels, int listed, ReadOnlySpan<int> order)
    {
        var counts = this.counts!;
        var offsets = this.offsets!;
        var start = 0;
        foreach (var label in order)
        {
            offsets[label] = start;
            start += counts[label];
        }

        var sorted = this.sorted;
        foreach (var index in this.foreground.AsSpan(0, listed))
        {
            sorted[offsets[labels[index]]++] = index;
        }
    }

    private MaskLineResult ExtractLabel(int label, int width, int frame)
    {
        var count = this.counts![label];
        var box = 4 * label;
        var x0 = this.boxes![box];
        var y0 = this.boxes[box + 1];
        var cropWidth = this.boxes[box + 2] - x0 + 1;
        var cropHeight = this.boxes[box + 3] - y0 + 1;
        if (count < this.maskOptions.MinPixels)
        {
            // Every component is smaller than the whole label, so all would be removed as specks.
            return Dropped(frame, label, count);
        }

        var area = cropWidth * cropHeight;
        if (this.crop.Length < area)
        {
            this.crop = new byte[Math.Max(area, 2 * this.crop.Length)];
        }

        var crop = this.crop.AsSpan(0, area);
        crop.Clear();

        // The label's pixels are in raster order, so the row only ever advances (no division per pixel).
        var y = y0;
        var rowStart = y0 * width;
        foreach (var index in this.sorted.AsSpan(this.offsets![label] - count, count))
        {
            while (index >= rowStart + width)
            {
                y++;
                rowStart += width;
            }

            crop[((y - y0) * cropWidth) + (index - rowStart - x0)] = byte.MaxValue;
        }

        var line = MaskLines.Extract(crop, cropWidth, cropHeight, this.allComponents);
        var components = line.Components;
        if (components == 0)
        {
            return Dropped(frame, label, count);
        }

        if (components > 1 && this.maskOptions.KeepLargestComponent)
        {
            line = MaskLines.Extract(crop, cropWidth, cropHeight, this.maskOptions);
        }

        return this.Finish(line, components, frame, label, x0, y0);
    }

    // The K canonical points (shifted by the crop origin) and the issues met, in MaskIssueKind order.
    private MaskLineResult Finish(MaskLine line, int components, int frame, int label, int dx, int dy)
    {
        List<MaskIssue>? issues = null;
        DislocationLine? result = null;
        if (line.Spline is null || line.Length == 0 || line.Length < this.Options.MinLength)
        {
            Add(ref issues, new MaskIssue(frame, label, MaskIssueKind.TooShort, line.Length));
        }
        else
        {
            var points = LineOrientation.Canonical(line.Resample(this.Options.Points));
            if (dx != 0 || dy != 0)
            {
                for (var i = 0; i < points.Length; i++)
                {
                    points[i] = new PointD(points[i].X + dx, points[i].Y + dy);
                }
            }

            result = new DislocationLine(frame, label, points, line.Pixels, line.Length);
        }

        if (line.Path.DroppedPixels > 0)
        {
            Add(ref issues, new MaskIssue(frame, label, MaskIssueKind.Branched, line.Path.DroppedPixels));
        }

        if (components > 1)
        {
            Add(ref issues, new MaskIssue(frame, label, MaskIssueKind.SeveralComponents, components));
        }

        if (line.Path.Closed)
        {
            Add(ref issues, new MaskIssue(frame, label, MaskIssueKind.ClosedLoop, 0));
        }

        return new MaskLineResult(frame, label, result, issues is null ? Array.Empty<MaskIssue>() : issues);
    }

    private static void Add(ref List<MaskIssue>? issues, MaskIssue issue) => (issues ??= new List<MaskIssue>(2)).Add(issue);
}
