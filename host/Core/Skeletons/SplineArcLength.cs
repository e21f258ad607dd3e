using Dislocate.Core.Geometry;

namespace Dislocate.Core.Skeletons;

/// <summary>Arc length of a <see cref="CubicSpline"/> and points equally spaced along it.</summary>
/// <remarks>
/// Each knot interval is integrated with 5-point Gauss–Legendre quadrature of the speed |d(x, y)/dt|. On an interval
/// the speed is the square root of a quartic and, with chord-length parameters, close to 1, so the rule (exact for
/// degree 9) is accurate to rounding for the spline lengths met here. Knot parameters are recomputed exactly as the
/// spline computes them (cumulative chord lengths), so intervals line up bit for bit.
/// </remarks>
internal static class SplineArcLength
{
    private static readonly double[] Nodes =
    [
        -0.9061798459386640, -0.5384693101056831, 0.0, 0.5384693101056831, 0.9061798459386640,
    ];

    private static readonly double[] Weights =
    [
        0.2369268850561891, 0.4786286704993665, 0.5688888888888889, 0.4786286704993665, 0.2369268850561891,
    ];

    /// <summary>The arc length of the whole spline.</summary>
    public static double Length(CubicSpline spline)
    {
        var knots = spline.Knots;
        var total = 0.0;
        var t0 = 0.0;
        for (var i = 1; i < knots.Count; i++)
        {
            var t1 = t0 + (knots[i] - knots[i - 1]).Length;
            total += Integrate(spline, t0, t1);
            t0 = t1;
        }

        return total;
    }

    /// <summary><paramref name="count"/> (≥ 2) points at equal arc-length steps from the first to the last knot.</summary>
    public static PointD[] Resample(CubicSpline spline, int count)
    {
        var knots = spline.Knots;
        var n = knots.Count;
        var t = new double[n];
        var s = new double[n];
        for (var i = 1; i < n; i++)
        {
            t[i] = t[i - 1] + (knots[i] - knots[i - 1]).Length;
            s[i] = s[i - 1] + Integrate(spline, t[i - 1], t[i]);
        }

        var result = new PointD[count];
        result[0] = knots[0];
        result[count - 1] = knots[n - 1];
        var interval = 0;
        for (var k = 1; k < count - 1; k++)
        {
            var target = s[n - 1] * k / (count - 1);
            while (interval < n - 2 && s[interval + 1] < target)
            {
                interval++;
            }

            result[k] = spline.Evaluate(ParameterAt(spline, t[interval], t[interval + 1], target - s[interval], s[interval + 1] - s[interval]));
        }

        return result;
    }

    private static double Integrate(CubicSpline spline, double t0, double t1)
    {
        var half = 0.5 * (t1 - t0);
        var middle = 0.5 * (t0 + t1);
        var sum = 0.0;
        for (var j = 0; j < Nodes.Length; j++)
        {
            sum += Weights[j] * spline.Tangent(middle + (half * Nodes[j])).Length;
        }

        return sum * half;
    }

    // The parameter in [t0, t1] whose arc length from t0 is `length` (of `total` for the interval): safeguarded Newton.
    private static double ParameterAt(CubicSpline spline, double t0, double t1, double length, double total)
    {
        if (total <= 0)
        {
            return t0;
        }

        var lo = t0;
        var hi = t1;
        var t = t0 + ((t1 - t0) * Math.Clamp(length / total, 0.0, 1.0));
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var error = Integrate(spline, t0, t) - length;
            if (Math.Abs(error) <= 1e-12 * Math.Max(1.0, total))
            {
                break;
            }

            if (error > 0)
            {
                hi = t;
            }
            else
            {
                lo = t;
            }

            var speed = spline.Tangent(t).Length;
            var next = speed > 0 ? t - (error / speed) : double.NaN;
            t = next > lo && next < hi ? next : 0.5 * (lo + hi);
        }

        return t;
    }
}
