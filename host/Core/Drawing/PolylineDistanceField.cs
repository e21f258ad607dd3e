using System.Runtime.CompilerServices;
using Dislocate.Core.Geometry;

namespace Dislocate.Core.Drawing;

/// <summary>
/// Distances from pixel centres to a polyline, computed only near the line: the basis of the anti-aliased line
/// rasteriser. Reusable, one instance per thread (not thread-safe).
/// </summary>
/// <remarks>
/// <para>Pixel (x, y) covers [x, x+1) × [y, y+1) and is measured at its centre (x + 0.5, y + 0.5). After
/// <see cref="Compute"/>, exactly the pixels whose centre lies within maxDistance of the polyline (minimum over all
/// segments) are listed in <see cref="TouchedIndices"/>, with distances equal to
/// <see cref="Polyline.DistanceToPolyline"/> rounded to float (the same double formula is used).</para>
/// <para>A W×H buffer of squared distances (double, so membership at the boundary is decided exactly) is initialised
/// to +∞ once; each call resets only the pixels the previous call touched. Cost follows the area near the line, not
/// the image: each segment evaluates only the pixels of its strip, the points within maxDistance of its line whose
/// projection falls on the segment, extended past each end by maxDistance·sin(turning angle) at an inner vertex
/// (enough to cover the wedge on the outer side of the bend, where the vertex itself is nearest) and by maxDistance at
/// the two ends of the polyline (covering the end caps). Zero-length segments are evaluated over a full disc. So every
/// pixel is evaluated by each segment that can attain its minimum distance, and with regions widened by 1e-4 px
/// against rounding, the result equals the brute-force minimum over all segments (for coordinates up to about 1e6
/// pixels). Strips are walked across their width (columns for mostly horizontal segments, rows otherwise), and parts
/// outside the image are clipped away before any pixel work.</para>
/// <para>Order of <see cref="TouchedIndices"/>: first-touch order (segment by segment, then scan line by scan line),
/// which depends only on the input. The arithmetic is scalar IEEE double, so results are the same on every machine.</para>
/// </remarks>
public sealed class PolylineDistanceField
{
    // Regions are widened by this many pixels so rounding can never drop a pixel or a tie; the exact test decides.
    private const double Margin = 1e-4;

    private readonly double[] distanceSquared;
    private int[] touched;
    private float[] touchedDistances;
    private int touchedCount;
    private bool distancesReady;

    /// <summary>Creates a field for images of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public PolylineDistanceField(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        this.Width = width;
        this.Height = height;
        this.distanceSquared = new double[checked(width * height)];
        this.distanceSquared.AsSpan().Fill(double.PositiveInfinity);
        this.touched = new int[1024];
        this.touchedDistances = new float[1024];
    }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>The maxDistance of the last <see cref="Compute"/> call.</summary>
    public double MaxDistance { get; private set; }

    /// <summary>Row-major indices (y·Width + x) of the pixels within maxDistance, each once, in first-touch order.</summary>
    public ReadOnlySpan<int> TouchedIndices => this.touched.AsSpan(0, this.touchedCount);

    /// <summary>The distances of the pixels in <see cref="TouchedIndices"/>, in the same order (computed on first access after <see cref="Compute"/>).</summary>
    public ReadOnlySpan<float> TouchedDistances
    {
        get
        {
            if (!this.distancesReady)
            {
                for (var k = 0; k < this.touchedCount; k++)
                {
                    this.touchedDistances[k] = (float)Math.Sqrt(this.distanceSquared[this.touched[k]]);
                }

                this.distancesReady = true;
            }

            return this.touchedDistances.AsSpan(0, this.touchedCount);
        }
    }

    /// <summary>The distance of pixel <paramref name="index"/> from the polyline; +∞ if it is not within maxDistance.</summary>
    public float DistanceAt(int index) => (float)Math.Sqrt(this.distanceSquared[index]);

    /// <summary>Forgets the last result (resets the touched pixels only).</summary>
    public void Clear()
    {
        var buffer = this.distanceSquared;
        foreach (var index in this.TouchedIndices)
        {
            buffer[index] = double.PositiveInfinity;
        }

        this.touchedCount = 0;
        this.distancesReady = false;
    }

    /// <summary>Computes the distances of all pixel centres within <paramref name="maxDistance"/> of <paramref name="polyline"/>.</summary>
    /// <param name="polyline">Points in pixel coordinates (may lie outside the image); one point measures the distance to that point; none touches nothing.</param>
    /// <param name="maxDistance">Largest distance of interest, in pixels (finite, ≥ 0).</param>
    public void Compute(ReadOnlySpan<PointD> polyline, double maxDistance)
    {
        if (!(maxDistance >= 0) || double.IsInfinity(maxDistance))
        {
            throw new ArgumentOutOfRangeException(nameof(maxDistance), maxDistance, "maxDistance must be finite and non-negative.");
        }

        foreach (var p in polyline)
        {
            if (!double.IsFinite(p.X) || !double.IsFinite(p.Y))
            {
                throw new ArgumentException("Polyline points must be finite.", nameof(polyline));
            }
        }

        this.Clear();
        this.MaxDistance = maxDistance;

        // Loose squared threshold: every d² with sqrt(d²) <= maxDistance passes; the final pass applies the exact test.
        var radius = maxDistance + Margin;
        var threshold = maxDistance * maxDistance * (1.0 + 1e-12);
        var n = polyline.Length;
        if (n == 1)
        {
            var point = new Segment(polyline[0], polyline[0]);
            this.AddDisc(in point, polyline[0], radius, threshold);
        }

        if (n >= 2)
        {
            var previous = default(Segment);
            var current = new Segment(polyline[0], polyline[1]);
            for (var i = 0; i < n - 1; i++)
            {
                var next = i + 2 < n ? new Segment(polyline[i + 1], polyline[i + 2]) : default;
                // Segments whose strip and caps (each reaching at most 2·radius) miss the image cost nothing more.
                if (!this.IsOutside(in current, 2 * radius))
                {
                    if (current.Length > 0)
                    {
                        var before = i > 0 ? Extension(in previous, in current, radius) : radius;
                        var after = i + 2 < n ? Extension(in current, in next, radius) : radius;
                        this.AddStrip(in current, radius, before, after, threshold);
                    }
                    else
                    {
                        // A zero-length segment is a point: its capsule is a disc.
                        this.AddDisc(in current, polyline[i], radius, threshold);
                    }
                }

                previous = current;
                current = next;
            }
        }

        this.RemoveBeyond(maxDistance);
    }

    // How far a strip must reach past the shared vertex of s1 and s2 to cover the wedge between their strips:
    // radius·sin(turning angle), radius for turns of 90° or more, or radius next to a zero-length segment.
    private static double Extension(in Segment s1, in Segment s2, double radius)
    {
        if (s1.Length == 0 || s2.Length == 0)
        {
            return radius;
        }

        var dot = (s1.Dx * s2.Dx) + (s1.Dy * s2.Dy);
        if (dot <= 0)
        {
            return radius;
        }

        var sine = Math.Abs((s1.Dx * s2.Dy) - (s1.Dy * s2.Dx)) * s1.InverseLength * s2.InverseLength;
        return Math.Min(radius, (radius * sine) + Margin);
    }

    private static int CeilToInt(double v, int lo, int hi) => (int)Math.Ceiling(v < lo ? lo : (v > hi ? hi : v));

    private static int FloorToInt(double v, int lo, int hi) => (int)Math.Floor(v < lo ? lo : (v > hi ? hi : v));

    // True when the segment's bounding box widened by reach misses every pixel centre of the image.
    private bool IsOutside(in Segment s, double reach)
    {
        var bx = s.Ax + s.Dx;
        var by = s.Ay + s.Dy;
        return Math.Max(s.Ax, bx) + reach < 0.5
            || Math.Min(s.Ax, bx) - reach > this.Width - 0.5
            || Math.Max(s.Ay, by) + reach < 0.5
            || Math.Min(s.Ay, by) - reach > this.Height - 0.5;
    }

    // Exact membership, Math.Sqrt(d²) <= maxDistance as Polyline.DistanceToPolyline decides it. Any d² <= fl(maxDistance²)
    // passes (its square root rounds to at most maxDistance), so only the thin shell above needs a square root.
    private void RemoveBeyond(double maxDistance)
    {
        var limit = maxDistance * maxDistance;
        var buffer = this.distanceSquared;
        var kept = 0;
        for (var k = 0; k < this.touchedCount; k++)
        {
            var index = this.touched[k];
            var d2 = buffer[index];
            if (d2 <= limit || Math.Sqrt(d2) <= maxDistance)
            {
                this.touched[kept++] = index;
            }
            else
            {
                buffer[index] = double.PositiveInfinity;
            }
        }

        this.touchedCount = kept;
    }

    // The strip of segment s: points within radius of its line, |(p − a) × d| <= radius·|d|, whose position along it,
    // (p − a)·d / |d|, lies in [−before, |d| + after]. It is walked along the segment's major axis ("outer" lines, columns
    // for a mostly horizontal segment) and each line is scanned across the strip ("inner" axis).
    private void AddStrip(in Segment s, double radius, double before, double after, double threshold)
    {
        var columns = Math.Abs(s.Dx) >= Math.Abs(s.Dy);
        var ao = columns ? s.Ax : s.Ay;
        var ai = columns ? s.Ay : s.Ax;
        var dOut = columns ? s.Dx : s.Dy;
        var dIn = columns ? s.Dy : s.Dx;
        var outerCount = columns ? this.Width : this.Height;
        var innerCount = columns ? this.Height : this.Width;

        // Extent of the strip rectangle: along the segment from −before to |d| + after, across it ±radius.
        var ux = dOut * s.InverseLength;
        var nx = Math.Abs(dIn) * s.InverseLength;
        var back = ao - ((before + Margin) * ux);
        var ahead = ao + ((s.Length + after + Margin) * ux);
        var across = ((radius + Margin) * nx) + Margin;
        var o0 = CeilToInt(Math.Min(back, ahead) - across - 0.5, 0, outerCount);
        var o1 = FloorToInt(Math.Max(back, ahead) + across - 0.5, -1, outerCount - 1);
        var reach = radius + Math.Max(before, after) + Margin;
        var i0 = CeilToInt(Math.Min(ai, ai + dIn) - reach - 0.5, 0, innerCount);
        var i1 = FloorToInt(Math.Max(ai, ai + dIn) + reach - 0.5, -1, innerCount - 1);
        if (o0 > o1 || i0 > i1)
        {
            return;
        }

        // In the (outer, inner) frame with offsets o, i from a: position along o·dOut + i·dIn ∈ [projLow, projHigh]
        // and |o·dIn − i·dOut| <= band (the cross product up to sign). dOut is never 0 (major axis of a non-empty segment).
        var projLow = -(before + Margin) * s.Length;
        var projHigh = s.Len2 + ((after + Margin) * s.Length);
        var band = (radius + Margin) * s.Length;
        var invOut = 1.0 / dOut;
        var invIn = dIn != 0 ? 1.0 / dIn : 0.0;

        // Locals, so the JIT keeps the segment in registers across the scans.
        var ax = s.Ax;
        var ay = s.Ay;
        var dx = s.Dx;
        var dy = s.Dy;
        var len2 = s.Len2;
        for (var o = o0; o <= o1; o++)
        {
            var oc = o + 0.5 - ao;
            var b1 = ((oc * dIn) - band) * invOut;
            var b2 = ((oc * dIn) + band) * invOut;
            var lo = b1 < b2 ? b1 : b2;
            var hi = b1 < b2 ? b2 : b1;
            var along = oc * dOut;
            if (dIn != 0)
            {
                var a1 = (projLow - along) * invIn;
                var a2 = (projHigh - along) * invIn;
                var aLo = a1 < a2 ? a1 : a2;
                var aHi = a1 < a2 ? a2 : a1;
                lo = aLo > lo ? aLo : lo;
                hi = aHi < hi ? aHi : hi;
            }
            else if (along < projLow || along > projHigh)
            {
                continue;
            }

            var start = CeilToInt(ai + lo - 0.5, i0, i1 + 1);
            var end = FloorToInt(ai + hi - 0.5, i0 - 1, i1);
            if (start > end)
            {
                continue;
            }

            if (columns)
            {
                this.ScanColumn(o, start, end, ax, ay, dx, dy, len2, threshold);
            }
            else
            {
                this.ScanRow(o, start, end, ax, ay, dx, dy, len2, threshold);
            }
        }
    }

    // The full disc of the given radius around c, evaluated for segment s (single points and zero-length segments).
    private void AddDisc(in Segment s, PointD c, double radius, double threshold)
    {
        var r = radius + Margin;
        var y0 = CeilToInt(c.Y - r - 0.5, 0, this.Height);
        var y1 = FloorToInt(c.Y + r - 0.5, -1, this.Height - 1);
        for (var y = y0; y <= y1; y++)
        {
            var w = y + 0.5 - c.Y;
            var h2 = (r * r) - (w * w);
            if (h2 < 0)
            {
                continue;
            }

            var h = Math.Sqrt(h2);
            var xs = CeilToInt(c.X - h - 0.5, 0, this.Width);
            var xe = FloorToInt(c.X + h - 0.5, -1, this.Width - 1);
            if (xs <= xe)
            {
                this.ScanRow(y, xs, xe, s.Ax, s.Ay, s.Dx, s.Dy, s.Len2, threshold);
            }
        }
    }

    // Evaluates pixels xs..xe of row y for the segment from (ax, ay) by (dx, dy), with the formula of Polyline.DistanceToPolyline.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ScanRow(int y, int xs, int xe, double ax, double ay, double dx, double dy, double len2, double threshold)
    {
        var buffer = this.distanceSquared;
        var py = y + 0.5;
        var index = (y * this.Width) + xs;
        for (var x = xs; x <= xe; x++, index++)
        {
            var d2 = SegmentMath.DistanceSquared(x + 0.5, py, ax, ay, dx, dy, len2);
            var stored = buffer[index];
            if (d2 <= threshold && d2 < stored)
            {
                if (double.IsPositiveInfinity(stored))
                {
                    this.AddTouched(index);
                }

                buffer[index] = d2;
            }
        }
    }

    // Evaluates pixels ys..ye of column x for the segment from (ax, ay) by (dx, dy), with the formula of Polyline.DistanceToPolyline.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ScanColumn(int x, int ys, int ye, double ax, double ay, double dx, double dy, double len2, double threshold)
    {
        var buffer = this.distanceSquared;
        var width = this.Width;
        var px = x + 0.5;
        var index = (ys * width) + x;
        for (var y = ys; y <= ye; y++, index += width)
        {
            var d2 = SegmentMath.DistanceSquared(px, y + 0.5, ax, ay, dx, dy, len2);
            var stored = buffer[index];
            if (d2 <= threshold && d2 < stored)
            {
                if (double.IsPositiveInfinity(stored))
                {
                    this.AddTouched(index);
                }

                buffer[index] = d2;
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddTouched(int index)
    {
        if (this.touchedCount == this.touched.Length)
        {
            Array.Resize(ref this.touched, this.touched.Length * 2);
            Array.Resize(ref this.touchedDistances, this.touched.Length);
        }

        this.touched[this.touchedCount++] = index;
    }

    private readonly struct Segment
    {
        public Segment(PointD a, PointD b)
        {
            this.Ax = a.X;
            this.Ay = a.Y;
            this.Dx = b.X - a.X;
            this.Dy = b.Y - a.Y;
            this.Len2 = (this.Dx * this.Dx) + (this.Dy * this.Dy);
            this.Length = Math.Sqrt(this.Len2);
            this.InverseLength = this.Length > 0 ? 1.0 / this.Length : 0.0;
        }

        public double InverseLength { get; }

        public double Ax { get; }

        public double Ay { get; }

        public double Dx { get; }

        public double Dy { get; }

        public double Len2 { get; }

        public double Length { get; }
    }
}
