using System.Numerics;
using System.Runtime.InteropServices;
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
/// the image: each segment evaluates, row by row, only the pixels of its strip, the points within maxDistance of its
/// line whose projection falls on the segment, extended past each end by maxDistance·sin(turning angle) at an inner
/// vertex (enough to cover the wedge on the outer side of the bend, where the vertex itself is nearest) and by
/// maxDistance at the two ends of the polyline (covering the end caps). Zero-length segments are evaluated over a full
/// disc. So every pixel is evaluated by each segment that can attain its minimum distance, and with regions widened by
/// 1e-4 px against rounding, the result equals the brute-force minimum over all segments (for coordinates of ordinary
/// image size). Parts outside the image are clipped away before any pixel work.</para>
/// <para>Order of <see cref="TouchedIndices"/>: first-touch order (segment by segment, rows ascending, columns
/// ascending), which depends only on the input, not on the machine or vector width (vector lanes outside a row's
/// interval are masked).</para>
/// </remarks>
public sealed class PolylineDistanceField
{
    // Regions are widened by this many pixels so rounding can never drop a pixel or a tie; the exact test decides.
    private const double Margin = 1e-4;

    private static readonly Vector<double> LaneOffsets = CreateLaneOffsets();

    private readonly double[] distanceSquared;
    private int[] touched;
    private float[] touchedDistances;
    private int touchedCount;

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

    /// <summary>The distances of the pixels in <see cref="TouchedIndices"/>, in the same order.</summary>
    public ReadOnlySpan<float> TouchedDistances => this.touchedDistances.AsSpan(0, this.touchedCount);

    /// <summary>The distance of pixel <paramref name="index"/> from the polyline; +∞ if it is not within maxDistance.</summary>
    public float DistanceAt(int index) => (float)Math.Sqrt(this.distanceSquared[index]);

    /// <summary>Forgets the last result (resets the touched pixels only).</summary>
    public void Clear()
    {
        foreach (var index in this.TouchedIndices)
        {
            this.distanceSquared[index] = double.PositiveInfinity;
        }

        this.touchedCount = 0;
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

                previous = current;
                current = next;
            }
        }

        // Exact membership: Math.Sqrt(d²) <= maxDistance, as Polyline.DistanceToPolyline would decide it.
        var kept = 0;
        for (var k = 0; k < this.touchedCount; k++)
        {
            var index = this.touched[k];
            var distance = Math.Sqrt(this.distanceSquared[index]);
            if (distance <= maxDistance)
            {
                this.touched[kept] = index;
                this.touchedDistances[kept] = (float)distance;
                kept++;
            }
            else
            {
                this.distanceSquared[index] = double.PositiveInfinity;
            }
        }

        this.touchedCount = kept;
    }

    private static int CeilToInt(double v, int lo, int hi) => (int)Math.Clamp(Math.Ceiling(v), lo, hi);

    private static int FloorToInt(double v, int lo, int hi) => (int)Math.Clamp(Math.Floor(v), lo, hi);

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

        var sine = Math.Abs((s1.Dx * s2.Dy) - (s1.Dy * s2.Dx)) / (s1.Length * s2.Length);
        return Math.Min(radius, (radius * sine) + Margin);
    }

    // Intersects [lo, hi] with {u : low <= k·u + c <= high}, given invK = 1/k; an empty result has lo > hi.
    private static void Constrain(ref double lo, ref double hi, double k, double invK, double c, double low, double high)
    {
        if (k == 0)
        {
            if (!(c >= low && c <= high))
            {
                lo = double.PositiveInfinity;
                hi = double.NegativeInfinity;
            }

            return;
        }

        var u1 = (low - c) * invK;
        var u2 = (high - c) * invK;
        if (k < 0)
        {
            (u1, u2) = (u2, u1);
        }

        lo = u1 > lo ? u1 : lo;
        hi = u2 < hi ? u2 : hi;
    }

    private static Vector<double> CreateLaneOffsets()
    {
        Span<double> values = stackalloc double[Vector<double>.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = i;
        }

        return new Vector<double>(values);
    }

    // The strip of segment s: points within radius of its line, |(p − a) × d| <= radius·|d|, whose position along it,
    // (p − a)·d / |d|, lies in [−before, |d| + after]. Rows are visited in order and only the strip's interval is scanned.
    private void AddStrip(in Segment s, double radius, double before, double after, double threshold)
    {
        // The strip lies within the segment's bounding box widened by radius + max(before, after).
        var reach = radius + Math.Max(before, after) + Margin;
        var y0 = CeilToInt(Math.Min(s.Ay, s.Ay + s.Dy) - reach - 0.5, 0, this.Height);
        var y1 = FloorToInt(Math.Max(s.Ay, s.Ay + s.Dy) + reach - 0.5, -1, this.Height - 1);
        var x0 = CeilToInt(Math.Min(s.Ax, s.Ax + s.Dx) - reach - 0.5, 0, this.Width);
        var x1 = FloorToInt(Math.Max(s.Ax, s.Ax + s.Dx) + reach - 0.5, -1, this.Width - 1);
        if (x0 > x1)
        {
            return;
        }

        var len2 = (s.Dx * s.Dx) + (s.Dy * s.Dy);
        var projLow = -(before + Margin) * s.Length;
        var projHigh = len2 + ((after + Margin) * s.Length);
        var band = (radius + Margin) * s.Length;
        for (var y = y0; y <= y1; y++)
        {
            var w = y + 0.5 - s.Ay;
            var lo = double.NegativeInfinity;
            var hi = double.PositiveInfinity;
            Constrain(ref lo, ref hi, s.Dx, s.InvDx, w * s.Dy, projLow, projHigh);
            Constrain(ref lo, ref hi, s.Dy, s.InvDy, -w * s.Dx, -band, band);
            var xs = Math.Max(x0, CeilToInt(s.Ax + lo - 0.5, 0, this.Width));
            var xe = Math.Min(x1, FloorToInt(s.Ax + hi - 0.5, -1, this.Width - 1));
            if (xs <= xe)
            {
                this.ScanRow(y, xs, xe, in s, threshold);
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
                this.ScanRow(y, xs, xe, in s, threshold);
            }
        }
    }

    // Evaluates pixels xs..xe of row y for segment s. The vector path computes SegmentMath.DistanceSquared lane by lane
    // with the same operations in the same order, and masks lanes outside [xs, xe], so updates do not depend on the width.
    private void ScanRow(int y, int xs, int xe, in Segment s, double threshold)
    {
        var rowStart = y * this.Width;
        var vy = (y + 0.5) - s.Ay;
        var lanes = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated && this.Width >= lanes)
        {
            var vdx = new Vector<double>(s.Dx);
            var vdy = new Vector<double>(s.Dy);
            var vinv = new Vector<double>(s.InvLen2);
            var vvy = new Vector<double>(vy);
            var vyDy = vvy * vdy;
            var zero = Vector<double>.Zero;
            var one = Vector<double>.One;
            var vthreshold = new Vector<double>(threshold);
            var first = new Vector<double>(xs + 0.5);
            var last = new Vector<double>(xe + 0.5);
            var infinity = new Vector<double>(double.PositiveInfinity);
            ref var buf = ref MemoryMarshal.GetArrayDataReference(this.distanceSquared);
            var x = xs;
            while (x <= xe)
            {
                var start = Math.Min(x, this.Width - lanes);
                var px = new Vector<double>(start + 0.5) + LaneOffsets;
                var vx = px - new Vector<double>(s.Ax);
                var t = ((vx * vdx) + vyDy) * vinv;
                t = Vector.ConditionalSelect(Vector.LessThan(t, zero), zero, t);
                t = Vector.ConditionalSelect(Vector.GreaterThan(t, one), one, t);
                var qx = vx - (t * vdx);
                var qy = vvy - (t * vdy);
                var d2 = (qx * qx) + (qy * qy);
                var offset = (nuint)(rowStart + start);
                var stored = Vector.LoadUnsafe(ref buf, offset);
                var better = Vector.LessThan(d2, stored)
                    & Vector.LessThanOrEqual(d2, vthreshold)
                    & Vector.GreaterThanOrEqual(px, first)
                    & Vector.LessThanOrEqual(px, last);
                if (better != Vector<long>.Zero)
                {
                    Vector.ConditionalSelect(better, d2, stored).StoreUnsafe(ref buf, offset);
                    var fresh = better & Vector.Equals(stored, infinity);
                    if (fresh != Vector<long>.Zero)
                    {
                        for (var lane = 0; lane < lanes; lane++)
                        {
                            if (fresh[lane] != 0)
                            {
                                this.AddTouched(rowStart + start + lane);
                            }
                        }
                    }
                }

                x = start + lanes;
            }

            return;
        }

        var buffer = this.distanceSquared;
        for (var x = xs; x <= xe; x++)
        {
            var d2 = SegmentMath.DistanceSquared(x + 0.5, y + 0.5, s.Ax, s.Ay, s.Dx, s.Dy, s.InvLen2);
            var index = rowStart + x;
            if (d2 <= threshold && d2 < buffer[index])
            {
                if (double.IsPositiveInfinity(buffer[index]))
                {
                    this.AddTouched(index);
                }

                buffer[index] = d2;
            }
        }
    }

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
            this.InvLen2 = SegmentMath.InverseLengthSquared(this.Dx, this.Dy);
            this.Length = Math.Sqrt((this.Dx * this.Dx) + (this.Dy * this.Dy));
            this.InvDx = this.Dx != 0 ? 1.0 / this.Dx : 0.0;
            this.InvDy = this.Dy != 0 ? 1.0 / this.Dy : 0.0;
        }

        public double InvDx { get; }

        public double InvDy { get; }

        public double Ax { get; }

        public double Ay { get; }

        public double Dx { get; }

        public double Dy { get; }

        public double InvLen2 { get; }

        public double Length { get; }
    }
}
