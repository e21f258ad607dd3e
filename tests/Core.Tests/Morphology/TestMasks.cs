namespace Dislocate.Core.Tests.Morphology;

/// <summary>Small binary images for the morphology and skeleton tests (row-major, 1 = foreground).</summary>
internal static class TestMasks
{
    /// <summary>Parses rows of '0'/'1' (or '.'/'#').</summary>
    public static byte[] Parse(string[] rows, out int width, out int height)
    {
        height = rows.Length;
        width = rows[0].Length;
        var mask = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            Assert.Equal(width, rows[y].Length);
            for (var x = 0; x < width; x++)
            {
                mask[(y * width) + x] = rows[y][x] is '1' or '#' ? (byte)1 : (byte)0;
            }
        }

        return mask;
    }

    /// <summary>Pixels whose centre (x + 0.5, y + 0.5) lies within <paramref name="radius"/> of segment a–b.</summary>
    public static byte[] ThickSegment(int width, int height, double ax, double ay, double bx, double by, double radius)
    {
        var mask = new byte[width * height];
        Stamp(mask, width, height, ax, ay, bx, by, radius);
        return mask;
    }

    /// <summary>Pixels whose centre lies within distance <paramref name="radius"/> of the polyline through <paramref name="points"/>.</summary>
    public static byte[] ThickPolyline(int width, int height, (double X, double Y)[] points, double radius)
    {
        var mask = new byte[width * height];
        for (var i = 1; i < points.Length; i++)
        {
            Stamp(mask, width, height, points[i - 1].X, points[i - 1].Y, points[i].X, points[i].Y, radius);
        }

        return mask;
    }

    // Sets the pixels within radius of segment a–b (only the segment's bounding box, widened by the radius, is visited).
    private static void Stamp(byte[] mask, int width, int height, double ax, double ay, double bx, double by, double radius)
    {
        var dx = bx - ax;
        var dy = by - ay;
        var l2 = (dx * dx) + (dy * dy);
        var x0 = Math.Max(0, (int)Math.Floor(Math.Min(ax, bx) - radius - 1));
        var x1 = Math.Min(width - 1, (int)Math.Ceiling(Math.Max(ax, bx) + radius));
        var y0 = Math.Max(0, (int)Math.Floor(Math.Min(ay, by) - radius - 1));
        var y1 = Math.Min(height - 1, (int)Math.Ceiling(Math.Max(ay, by) + radius));
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                var px = x + 0.5 - ax;
                var py = y + 0.5 - ay;
                var t = l2 > 0 ? Math.Clamp(((px * dx) + (py * dy)) / l2, 0, 1) : 0;
                var ex = px - (t * dx);
                var ey = py - (t * dy);
                if ((ex * ex) + (ey * ey) <= radius * radius)
                {
                    mask[(y * width) + x] = 1;
                }
            }
        }
    }

    /// <summary>Pixels whose centre lies at a distance in [inner, outer] from (cx, cy).</summary>
    public static byte[] Annulus(int width, int height, double cx, double cy, double inner, double outer)
    {
        var mask = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var dx = x + 0.5 - cx;
                var dy = y + 0.5 - cy;
                var d2 = (dx * dx) + (dy * dy);
                if (d2 >= inner * inner && d2 <= outer * outer)
                {
                    mask[(y * width) + x] = 1;
                }
            }
        }

        return mask;
    }

    /// <summary>Number of foreground pixels.</summary>
    public static int Count(ReadOnlySpan<byte> mask)
    {
        var n = 0;
        foreach (var v in mask)
        {
            n += v != 0 ? 1 : 0;
        }

        return n;
    }

    /// <summary>Number of 8-connected foreground components.</summary>
    public static int Components(byte[] mask, int width, int height) =>
        Dislocate.Core.Morphology.ConnectedComponents.Label(mask, width, height, new int[mask.Length]);

    /// <summary>Number of 4-connected background components, the image surrounded by background (so holes + 1).</summary>
    public static int BackgroundComponents(byte[] mask, int width, int height)
    {
        // Pad by one background ring so everything outside the shape is one component.
        var w = width + 2;
        var h = height + 2;
        var seen = new bool[w * h];
        var components = 0;
        var stack = new Stack<int>();
        for (var start = 0; start < w * h; start++)
        {
            if (seen[start] || Foreground(mask, width, height, (start % w) - 1, (start / w) - 1))
            {
                continue;
            }

            components++;
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var p = stack.Pop();
                int x = p % w, y = p / w;
                foreach (var (nx, ny) in new[] { (x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1) })
                {
                    if (nx < 0 || ny < 0 || nx >= w || ny >= h)
                    {
                        continue;
                    }

                    var q = (ny * w) + nx;
                    if (!seen[q] && !Foreground(mask, width, height, nx - 1, ny - 1))
                    {
                        seen[q] = true;
                        stack.Push(q);
                    }
                }
            }
        }

        return components;
    }

    /// <summary>Whether any 2×2 block is entirely foreground.</summary>
    public static bool HasSolidBlock(byte[] mask, int width, int height)
    {
        for (var y = 0; y + 1 < height; y++)
        {
            for (var x = 0; x + 1 < width; x++)
            {
                var p = (y * width) + x;
                if (mask[p] != 0 && mask[p + 1] != 0 && mask[p + width] != 0 && mask[p + width + 1] != 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Number of 8-neighbours of (x, y) that are foreground.</summary>
    public static int Neighbours(byte[] mask, int width, int height, int x, int y)
    {
        var n = 0;
        for (var dy = -1; dy <= 1; dy++)
        {
            for (var dx = -1; dx <= 1; dx++)
            {
                if ((dx != 0 || dy != 0) && Foreground(mask, width, height, x + dx, y + dy))
                {
                    n++;
                }
            }
        }

        return n;
    }

    /// <summary>Foreground test with background outside the image.</summary>
    public static bool Foreground(byte[] mask, int width, int height, int x, int y) =>
        x >= 0 && y >= 0 && x < width && y < height && mask[(y * width) + x] != 0;

    /// <summary>Renders a mask as rows of '.'/'#' (for readable assertion failures).</summary>
    public static string Render(byte[] mask, int width, int height)
    {
        var rows = new string[height];
        for (var y = 0; y < height; y++)
        {
            rows[y] = string.Create(width, (mask, y, width), static (span, s) =>
            {
                for (var x = 0; x < span.Length; x++)
                {
                    span[x] = s.mask[(s.y * s.width) + x] != 0 ? '#' : '.';
                }
            });
        }

        return string.Join('\n', rows);
    }
}
