namespace Dislocate.Core.Geometry;

/// <summary>A natural cubic spline through two or more points, parameterised by cumulative chord length.</summary>
/// <remarks>
/// <para>Knot i has parameter tᵢ = Σ |k_j+1 − k_j| (j &lt; i); x(t) and y(t) are separate natural cubic splines
/// (second derivative 0 at both ends) found with one tridiagonal (Thomas) solve. With two knots the curve is the
/// straight segment. Consecutive knots must differ.</para>
/// <para>On interval i the curve is evaluated as kᵢ + bᵢ·d + cᵢ·d² + eᵢ·d³ with d = t − tᵢ, so every knot is
/// reproduced exactly; parameters outside [0, <see cref="ParameterLength"/>] are clamped to the ends.</para>
/// </remarks>
public sealed class CubicSpline
{
    private readonly PointD[] knots;
    private readonly double[] t;

    // Per-interval polynomial coefficients for x and y.
    private readonly double[] bx;
    private readonly double[] cx;
    private readonly double[] ex;
    private readonly double[] by;
    private readonly double[] cy;
    private readonly double[] ey;

    /// <summary>Builds the spline through <paramref name="points"/> (at least two, finite, no two consecutive ones equal).</summary>
    public CubicSpline(ReadOnlySpan<PointD> points)
    {
        if (points.Length < 2)
        {
            throw new ArgumentException("A spline needs at least two points.", nameof(points));
        }

        var n = points.Length;
        this.knots = points.ToArray();
        this.t = new double[n];
        for (var i = 0; i < n; i++)
        {
            if (!double.IsFinite(points[i].X) || !double.IsFinite(points[i].Y))
            {
                throw new ArgumentException($"Point {i} is not finite.", nameof(points));
            }

            if (i > 0)
            {
                var h = (points[i] - points[i - 1]).Length;
                if (h == 0)
                {
                    throw new ArgumentException($"Points {i - 1} and {i} coincide; the chord-length parameterisation needs distinct consecutive points.", nameof(points));
                }

                this.t[i] = this.t[i - 1] + h;
            }
        }

        var segments = n - 1;
        this.bx = new double[segments];
        this.cx = new double[segments];
        this.ex = new double[segments];
        this.by = new double[segments];
        this.cy = new double[segments];
        this.ey = new double[segments];

        var mx = new double[n];
        var my = new double[n];
        if (n > 2)
        {
            SolveSecondDerivatives(this.t, this.knots, mx, my);
        }

        for (var i = 0; i < segments; i++)
        {
            var h = this.t[i + 1] - this.t[i];
            (this.bx[i], this.cx[i], this.ex[i]) = Coefficients(this.knots[i].X, this.knots[i + 1].X, mx[i], mx[i + 1], h);
            (this.by[i], this.cy[i], this.ey[i]) = Coefficients(this.knots[i].Y, this.knots[i + 1].Y, my[i], my[i + 1], h);
        }
    }

    /// <summary>The points the spline passes through, in order.</summary>
    public IReadOnlyList<PointD> Knots => Array.AsReadOnly(this.knots);

    /// <summary>The parameter of the last knot: the total chord length of the knot polygon.</summary>
    public double ParameterLength => this.t[^1];

    /// <summary>The point at parameter <paramref name="t"/> (clamped to [0, <see cref="ParameterLength"/>]).</summary>
    public PointD Evaluate(double t)
    {
        if (t >= this.ParameterLength)
        {
            return this.knots[^1];
        }

        var i = this.IntervalOf(t);
        var d = Math.Max(t - this.t[i], 0.0);
        return this.EvaluateLocal(i, d);
    }

    /// <summary>The derivative d(x, y)/dt at <paramref name="t"/> (clamped); roughly unit length because t is chord length.</summary>
    public PointD Tangent(double t)
    {
        var (i, d) = this.Locate(t);
        return new PointD(
            this.bx[i] + (d * ((2.0 * this.cx[i]) + (3.0 * this.ex[i] * d))),
            this.by[i] + (d * ((2.0 * this.cy[i]) + (3.0 * this.ey[i] * d))));
    }

    /// <summary>The second derivative d²(x, y)/dt² at <paramref name="t"/> (clamped); zero at both ends of a natural spline.</summary>
    public PointD SecondDerivative(double t)
    {
        var (i, d) = this.Locate(t);
        return new PointD((2.0 * this.cx[i]) + (6.0 * this.ex[i] * d), (2.0 * this.cy[i]) + (6.0 * this.ey[i] * d));
    }

    /// <summary>
    /// A polyline along the curve from the first to the last knot whose consecutive points are at most
    /// <paramref name="maxStep"/> apart. Every knot is included exactly.
    /// </summary>
    /// <remarks>
    /// Each interval is split into m equal parameter steps, starting from m = ⌈h/maxStep⌉ and increasing m until
    /// the largest actual point spacing fits, so the result is deterministic and close to the minimal uniform split.
    /// </remarks>
    public PointD[] Sample(double maxStep)
    {
        if (!(maxStep > 0) || double.IsInfinity(maxStep))
        {
            throw new ArgumentOutOfRangeException(nameof(maxStep), maxStep, "maxStep must be positive and finite.");
        }

        var result = new List<PointD>((int)Math.Min(1e7, (this.ParameterLength / maxStep) + this.knots.Length + 1));
        for (var i = 0; i < this.knots.Length - 1; i++)
        {
            var h = this.t[i + 1] - this.t[i];
            var m = (int)Math.Min(int.MaxValue / 2, Math.Max(1.0, Math.Ceiling(h / maxStep)));
            while (true)
            {
                var largest = this.LargestStep(i, h, m);
                if (largest <= maxStep)
                {
                    break;
                }

                // Spacing scales roughly like 1/m; ask for a little more than the ratio to converge quickly.
                m = (int)Math.Min(int.MaxValue / 2, Math.Max(m + 1.0, Math.Ceiling(m * largest / maxStep * 1.01)));
            }

            result.Add(this.knots[i]);
            for (var j = 1; j < m; j++)
            {
                result.Add(this.EvaluateLocal(i, h * j / m));
            }
        }

        result.Add(this.knots[^1]);
        return [.. result];
    }

    private static (double B, double C, double E) Coefficients(double y0, double y1, double m0, double m1, double h) =>
        (((y1 - y0) / h) - (h * ((2.0 * m0) + m1) / 6.0), m0 / 2.0, (m1 - m0) / (6.0 * h));

    // Natural spline second derivatives M (M0 = Mn-1 = 0): h[i-1]·M[i-1] + 2(h[i-1]+h[i])·M[i] + h[i]·M[i+1] = 6·(slope[i] − slope[i-1]).
    private static void SolveSecondDerivatives(double[] t, PointD[] k, double[] mx, double[] my)
    {
        var n = t.Length;
        var inner = n - 2;
        var cPrime = new double[inner];
        var dx = new double[inner];
        var dy = new double[inner];
        for (var row = 0; row < inner; row++)
        {
            var i = row + 1;
            var h0 = t[i] - t[i - 1];
            var h1 = t[i + 1] - t[i];
            var diag = 2.0 * (h0 + h1);
            var rx = 6.0 * (((k[i + 1].X - k[i].X) / h1) - ((k[i].X - k[i - 1].X) / h0));
            var ry = 6.0 * (((k[i + 1].Y - k[i].Y) / h1) - ((k[i].Y - k[i - 1].Y) / h0));
            if (row > 0)
            {
                // Forward elimination with the sub-diagonal h0.
                diag -= h0 * cPrime[row - 1];
                rx -= h0 * dx[row - 1];
                ry -= h0 * dy[row - 1];
            }

            cPrime[row] = h1 / diag;
            dx[row] = rx / diag;
            dy[row] = ry / diag;
        }

        // Back substitution; the last row uses M[n-1] = 0.
        for (var row = inner - 1; row >= 0; row--)
        {
            mx[row + 1] = dx[row] - (cPrime[row] * mx[row + 2]);
            my[row + 1] = dy[row] - (cPrime[row] * my[row + 2]);
        }
    }

    private PointD EvaluateLocal(int i, double d)
    {
        if (d == 0)
        {
            return this.knots[i];
        }

        return new PointD(
            this.knots[i].X + (d * (this.bx[i] + (d * (this.cx[i] + (d * this.ex[i]))))),
            this.knots[i].Y + (d * (this.by[i] + (d * (this.cy[i] + (d * this.ey[i]))))));
    }

    // Largest distance between consecutive points when interval i is split into m parameter steps (end = exact knot).
    private double LargestStep(int i, double h, int m)
    {
        var largest = 0.0;
        var previous = this.knots[i];
        for (var j = 1; j <= m; j++)
        {
            var p = j == m ? this.knots[i + 1] : this.EvaluateLocal(i, h * j / m);
            largest = Math.Max(largest, (p - previous).Length);
            previous = p;
        }

        return largest;
    }

    private (int Interval, double Offset) Locate(double t)
    {
        var last = this.knots.Length - 2;
        if (t >= this.ParameterLength)
        {
            return (last, this.t[last + 1] - this.t[last]);
        }

        var i = this.IntervalOf(t);
        return (i, Math.Max(t - this.t[i], 0.0));
    }

    // The interval i with t[i] <= t < t[i+1] (0 for t below the start).
    private int IntervalOf(double t)
    {
        var index = Array.BinarySearch(this.t, t);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return Math.Clamp(index, 0, this.knots.Length - 2);
    }
}
