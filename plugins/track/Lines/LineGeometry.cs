using Dislocate.Core.Geometry;
using Dislocate.Core.Numerics;

namespace Dislocate.Track.Lines;

/// <summary>Length, ends, centre, direction and signed curvature of a line given as K equally spaced points.</summary>
/// <remarks>
/// <para>Direction: the axial (mod 180°) mean of the segment directions θ = atan2(−dy, dx) (y points down, so angles
/// run counter-clockwise as seen on screen), each segment weighted by its length: half the angle of
/// Σ L·(cos 2θ, sin 2θ). Doubling the angle makes a segment and its reverse count the same.</para>
/// <para>Curvature at point i: the signed curvature (κ = 2·sin(turn)/|chord|, Menger curvature) of the circle through
/// three group means centred on points i − w, i and i + w, each the mean of the 2h + 1 points around its centre;
/// w = round(span / spacing) clamped to [1, ⌊(K − 1)/2⌋], spacing = Length/(K − 1), and h = ⌊w/2⌋, or less near the
/// ends (the same h for all three groups, so they stay inside the line).</para>
/// <para>Why: the centre line comes from a skeleton of whole pixels, so its points carry a staircase error δ of a few
/// tenths of a pixel, and a circle through three single points moves by about 2δ/span² with it. A longer span and
/// averaging each of the three points over half a span reduce that (measured on arcs drawn 3–5 px wide, R = 40–150 px:
/// |κ − 1/R| ≤ 0.0032 px⁻¹ pointwise with a 20 px span, against 0.0038 for single points; with a 10 px span 0.012
/// against 0.019). On a circle the three group means lie on one concentric circle, shrunk alike by 1 − ψ²h(h + 1)/6
/// (ψ = spacing/R), so arcs come out only slightly high (at most 2 % while h·spacing ≤ R/4). Bends sharper than the span
/// are rounded off: at the crests of the sines y = A sin(2πx/λ) in the tests (λ = 7–10 spans) the estimate is 78–94 %
/// of A(2π/λ)².</para>
/// <para>The first and last w points, which have no group w away on one side, take the value of the nearest point that
/// has. The sign is positive where the line turns counter-clockwise on screen walking from start to end; since y points
/// down that is where the image-coordinate cross product (b − a) × (c − b) is negative.</para>
/// </remarks>
public static class LineGeometry
{
    private const double RadiansToDegrees = 180.0 / Math.PI;

    /// <summary>Measures a line of K ≥ 2 finite points (equally spaced, as <see cref="LineExtractor"/> gives them).</summary>
    /// <param name="points">The points from start to end, px.</param>
    /// <param name="curvatureSpan">Arc length from a point to each neighbour of its curvature circle, px (&gt; 0); see <see cref="LineOptions.CurvatureSpan"/>.</param>
    public static LineMeasures Measure(ReadOnlySpan<PointD> points, double curvatureSpan = LineOptions.DefaultCurvatureSpan)
    {
        if (points.Length < 2)
        {
            throw new ArgumentException(FormattableString.Invariant($"A line needs at least 2 points. Got {points.Length}."), nameof(points));
        }

        if (!(curvatureSpan > 0) || double.IsInfinity(curvatureSpan))
        {
            throw new ArgumentException(FormattableString.Invariant($"The curvature span must be positive and finite. Got {curvatureSpan}."), nameof(curvatureSpan));
        }

        var sx = 0.0;
        var sy = 0.0;
        for (var i = 0; i < points.Length; i++)
        {
            if (!double.IsFinite(points[i].X) || !double.IsFinite(points[i].Y))
            {
                throw new ArgumentException(FormattableString.Invariant($"Point {i} is not finite."), nameof(points));
            }

            sx += points[i].X;
            sy += points[i].Y;
        }

        var length = Polyline.Length(points);
        var (direction, coherence) = AxialDirection(points, length);
        var curvature = new double[points.Length];
        var step = Curvatures(points, length, curvatureSpan, curvature);
        var radius = new double[points.Length];
        var sum = 0.0;
        var sumAbs = 0.0;
        var maxAbs = 0.0;
        for (var i = 0; i < curvature.Length; i++)
        {
            var magnitude = Math.Abs(curvature[i]);
            radius[i] = magnitude > 0 ? 1.0 / magnitude : double.PositiveInfinity;
            sum += curvature[i];
            sumAbs += magnitude;
            maxAbs = Math.Max(maxAbs, magnitude);
        }

        return new LineMeasures(
            points.ToArray(),
            length,
            points[0],
            points[^1],
            new PointD(sx / points.Length, sy / points.Length),
            direction,
            coherence,
            step,
            curvature,
            radius,
            sum / points.Length,
            sumAbs / points.Length,
            maxAbs);
    }

    /// <summary>Signed curvature (1/px, positive counter-clockwise on screen) of the circle through a, b, c in order; 0 when two coincide.</summary>
    public static double ThreePointCurvature(PointD a, PointD b, PointD c)
    {
        var ab = b - a;
        var bc = c - b;
        var denominator = ab.Length * bc.Length * (c - a).Length;
        return denominator > 0 ? -2.0 * ab.Cross(bc) / denominator : 0.0;
    }

    private static (double Degrees, double Coherence) AxialDirection(ReadOnlySpan<PointD> points, double length)
    {
        // Σ L·cos 2θ and Σ L·sin 2θ with θ = atan2(−dy, dx): cos 2θ = (dx² − dy²)/L², sin 2θ = −2·dx·dy/L².
        var c = 0.0;
        var s = 0.0;
        for (var i = 1; i < points.Length; i++)
        {
            var d = points[i] - points[i - 1];
            var segment = d.Length;
            if (segment > 0)
            {
                c += ((d.X * d.X) - (d.Y * d.Y)) / segment;
                s -= 2.0 * d.X * d.Y / segment;
            }
        }

        var resultant = Math.Sqrt((c * c) + (s * s));

        // Below this the angle is rounding noise (e.g. a half circle, whose doubled angles cancel).
        if (!(length > 0) || resultant <= 1e-9 * length)
        {
            return (double.NaN, length > 0 ? resultant / length : 0.0);
        }

        var degrees = 0.5 * DeterministicMath.Atan2(s, c) * RadiansToDegrees;
        degrees = degrees < 0 ? degrees + 180.0 : degrees + 0.0;
        return (degrees >= 180.0 ? 0.0 : degrees, Math.Min(1.0, resultant / length));
    }

    // Fills the curvature of every point and returns w (0 when no point has two neighbours).
    private static int Curvatures(ReadOnlySpan<PointD> points, double length, double span, Span<double> curvature)
    {
        var last = points.Length - 1;
        if (last < 2 || !(length > 0))
        {
            curvature.Clear();
            return 0;
        }

        var spacing = length / last;
        var w = (int)Math.Clamp(Math.Round(span / spacing, MidpointRounding.AwayFromZero), 1.0, last / 2);
        var g = w / 2;

        // Prefix sums give the mean of any run of points in O(1).
        var sums = new PointD[points.Length + 1];
        for (var j = 0; j <= last; j++)
        {
            sums[j + 1] = sums[j] + points[j];
        }

        for (var i = w; i <= last - w; i++)
        {
            // All three groups get the same half-width h, the largest that fits, so on a circle all shrink alike.
            var h = Math.Min(g, Math.Min(i - w, last - w - i));
            var size = (2 * h) + 1;
            var a = (sums[i - w + h + 1] - sums[i - w - h]) / size;
            var b = (sums[i + h + 1] - sums[i - h]) / size;
            var c = (sums[i + w + h + 1] - sums[i + w - h]) / size;
            curvature[i] = ThreePointCurvature(a, b, c);
        }

        curvature[..w].Fill(curvature[w]);
        curvature[(last - w + 1)..].Fill(curvature[last - w]);
        return w;
    }
}
