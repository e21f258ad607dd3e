using Dislocate.Core.Geometry;
using Dislocate.Core.Numerics;
using Dislocate.Core.Random;
using Dislocate.Synthetic.Recipes;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Microstructure;

/// <summary>
/// Places the dislocations of one pileup (paper section 2.3). Slip traces A and B are parallel lines with direction
/// t = (cos α, sin α), B = A + Δd·n with n = (−sin α, cos α). The first dislocation runs from p0 on A to
/// p0 + Δd·n + skew·Δd·t on B through support points; follower k is the first one shifted by
/// sign·(s1 + … + sk)·t along the traces plus jitter of its inner points, so its ends stay on the traces.
/// </summary>
public static class PileupGeometry
{
    /// <summary>Trace direction t for an inclination in degrees.</summary>
    public static PointD Direction(double angleDegrees)
    {
        var a = angleDegrees * Math.PI / 180.0;
        return new PointD(DeterministicMath.Cos(a), DeterministicMath.Sin(a));
    }

    /// <summary>Normal n pointing from trace A to trace B.</summary>
    public static PointD Normal(double angleDegrees)
    {
        var t = Direction(angleDegrees);
        return new PointD(-t.Y, t.X);
    }

    /// <summary>
    /// Support points of the first dislocation from <paramref name="start"/> (on trace A) to <paramref name="end"/> (on B):
    /// either a library shape mapped onto the chord, or a circular-ish bow of curvature κ (sagitta κ·L²/8) plus
    /// uniform perturbation (amplitude drawn per line) of the inner points normal to the chord.
    /// </summary>
    public static PointD[] FirstLine(Rng rng, PointD start, PointD end, MicrostructureSettings s)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(s);
        var chord = end - start;
        var length = chord.Length;
        var normal = chord.Perpendicular.Normalized();
        if (s.Shapes.Count > 0 && rng.Chance(s.ShapeProbability))
        {
            var shape = s.Shapes[rng.NextInt(0, s.Shapes.Count)];
            var mirror = rng.Chance(0.5) ? -1.0 : 1.0;
            var points = new PointD[shape.U.Length];
            for (var i = 0; i < points.Length; i++)
            {
                points[i] = start + (chord * shape.U[i]) + (normal * (mirror * shape.V[i] * length));
            }

            return points;
        }

        var count = Math.Max(2, rng.DrawWhole(s.SupportPoints));
        var sagitta = rng.Draw(s.Curvature) * length * length / 8.0;
        var amplitude = rng.Draw(s.Perturbation);
        var result = new PointD[count];
        for (var i = 0; i < count; i++)
        {
            var u = (double)i / (count - 1);
            var inner = i > 0 && i < count - 1;
            var offset = (4.0 * sagitta * u * (1 - u)) + (inner ? rng.Uniform(-amplitude, amplitude) : 0.0);
            result[i] = start + (chord * u) + (normal * offset);
        }

        return result;
    }

    /// <summary>A follower: the leader shifted by <paramref name="shift"/> along the traces, inner points jittered normal to the chord.</summary>
    public static PointD[] Follower(Rng rng, ReadOnlySpan<PointD> leader, PointD traceDirection, double shift, MicrostructureSettings s)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(s);
        var chord = leader[^1] - leader[0];
        var normal = chord.Perpendicular.Normalized();
        var jitter = rng.Draw(s.FollowerJitter);
        var result = new PointD[leader.Length];
        for (var i = 0; i < leader.Length; i++)
        {
            var inner = i > 0 && i < leader.Length - 1;
            var j = inner ? rng.Uniform(-jitter, jitter) : 0.0;
            result[i] = leader[i] + (traceDirection * shift) + (normal * j);
        }

        return result;
    }

    /// <summary>Most samples <see cref="VisibleLength"/> takes along one line.</summary>
    public const int MaxVisibilitySamples = 2000;

    /// <summary>Length of the part of the spline through <paramref name="points"/> that lies inside the image.</summary>
    /// <remarks>
    /// Sampled every 2 px, or every 1/<see cref="MaxVisibilitySamples"/> of the spline when that is longer: the sampler
    /// asks this of every candidate line, and a 20,000-px slip band (within the documented range) in a 64-px image
    /// took minutes of attempts at 2 px. Lines up to 4,000 px are measured as before.
    /// </remarks>
    public static double VisibleLength(ReadOnlySpan<PointD> points, int width, int height)
    {
        var spline = new CubicSpline(Polyline.RemoveRepeats(points));
        var dense = spline.Sample(Math.Max(2.0, spline.ParameterLength / MaxVisibilitySamples));
        var total = 0.0;
        foreach (var part in Polyline.ClipToRect(dense, 0, 0, width, height))
        {
            total += Polyline.Length(part);
        }

        return total;
    }
}
