namespace Dislocate.Segment.Evaluation;

/// <summary>Profiles an 8-bit plane (value / 255): its rows are skipped to their non-zero span with vectorised searches.</summary>
internal static class BytePlaneScanner
{
    public static MaskProfile Scan(PlaneData plane, int width, int height, float threshold)
    {
        var span = plane.Bytes.Span;
        // The smallest byte b with b / 255 ≥ threshold, by the same float division the planes are read with.
        var cut = (int)Math.Ceiling(threshold * 255f);
        while (cut > 0 && (cut - 1) / 255f >= threshold)
        {
            cut--;
        }

        while (cut / 255f < threshold)
        {
            cut++;
        }

        long total = 0;
        long foregroundTotal = 0;
        var box = PixelBox.Empty;
        var foregroundBox = PixelBox.Empty;
        var support = new List<int>();
        var foreground = new List<int>();
        var binary = true;
        for (var y = 0; y < height; y++)
        {
            var row = span.Slice(y * width, width);
            var first = row.IndexOfAnyExcept((byte)0);
            if (first < 0)
            {
                continue;
            }

            var last = row.LastIndexOfAnyExcept((byte)0);
            box = box.Include(first, y, last, y);
            for (var x = first; x <= last; x++)
            {
                int v = row[x];
                if (v == 0)
                {
                    continue;
                }

                var p = (y * width) + x;
                support.Add(p);
                total += v;
                binary &= v == byte.MaxValue;
                if (v >= cut)
                {
                    foreground.Add(p);
                    foregroundTotal += v;
                    foregroundBox = foregroundBox.Include(x, y, x, y);
                }
            }
        }

        return new MaskProfile(plane, width, total / 255.0, support.Count, binary, box, [.. support], [.. foreground], foregroundBox, foregroundTotal / 255.0);
    }
}
