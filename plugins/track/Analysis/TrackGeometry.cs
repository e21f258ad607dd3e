using Dislocate.Core.Geometry;
using Dislocate.Core.Numerics;
using Dislocate.Core.Random;

namespace Dislocate.Track.Analysis;

/// <summary>Per-track quantities the analyses share: input checks, centroids, the fitted drift and the mean line angle.</summary>
/// <remarks>All sums run in observation order, so results do not depend on threads or on how tracks are listed.</remarks>
internal static class TrackGeometry
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the track and the problem when it cannot be analysed.</summary>
    public static void Validate(TrackHistory track, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(track, parameterName);
        var observations = track.Observations
            ?? throw new ArgumentException(FormattableString.Invariant($"Track {track.Id} has no observation list."), parameterName);
        if (observations.Count == 0)
        {
            throw new ArgumentException(FormattableString.Invariant($"Track {track.Id} has no observations."), parameterName);
        }

        for (var i = 0; i < observations.Count; i++)
        {
            var observation = observations[i]
                ?? throw new ArgumentException(FormattableString.Invariant($"Track {track.Id}: observation {i} is null."), parameterName);
            if (i > 0 && observation.Frame <= observations[i - 1].Frame)
            {
                throw new ArgumentException(
                    FormattableString.Invariant($"Track {track.Id}: frames must increase strictly, but frame {observation.Frame} follows frame {observations[i - 1].Frame}."),
                    parameterName);
            }

            if (observation.Points is not { Length: >= 2 } points)
            {
                throw new ArgumentException(
                    FormattableString.Invariant($"Track {track.Id}: the line in frame {observation.Frame} has {observation.Points?.Length ?? 0} points; a line needs at least 2."),
                    parameterName);
            }

            foreach (var p in points)
            {
                if (!double.IsFinite(p.X) || !double.IsFinite(p.Y))
                {
                    throw new ArgumentException(
                        FormattableString.Invariant($"Track {track.Id}: the line in frame {observation.Frame} has a non-finite point {p}."),
                        parameterName);
                }
            }
        }
    }

    /// <summary>The arithmetic mean of the points (the K points are equally spaced, so this is the line's centre).</summary>
    public static PointD MeanPoint(ReadOnlySpan<PointD> points)
    {
        var sx = 0.0;
        var sy = 0.0;
        foreach (var p in points)
        {
            sx += p.X;
            sy += p.Y;
        }

        return new PointD(sx / points.Length, sy / points.Length);
    }

    /// <summary>The centroid (mean point) of every observation, in observation order.</summary>
    public static PointD[] Centroids(TrackHistory track)
    {
        var centroids = new PointD[track.Observations.Count];
        for (var i = 0; i < centroids.Length; i++)
        {
            centroids[i] = MeanPoint(track.Observations[i].Points);
        }

        return centroids;
    }

    /// <summary>
    /// The least-squares slope of centroid against frame, (dx/df, dy/df) in px/frame; zero for a single observation.
    /// </summary>
    public static PointD FittedDrift(TrackHistory track, ReadOnlySpan<PointD> centroids)
    {
        var n = centroids.Length;
        if (n < 2)
        {
            return PointD.Zero;
        }

        var meanFrame = 0.0;
        foreach (var observation in track.Observations)
        {
            meanFrame += observation.Frame;
        }

        meanFrame /= n;
        var mean = MeanPoint(centroids);
        var sff = 0.0;
        var sfx = 0.0;
        var sfy = 0.0;
        for (var i = 0; i < n; i++)
        {
            var df = track.Observations[i].Frame - meanFrame;
            sff += df * df;
            sfx += df * (centroids[i].X - mean.X);
            sfy += df * (centroids[i].Y - mean.Y);
        }

        // Frames increase strictly, so sff > 0 whenever there are two observations.
        return new PointD(sfx / sff, sfy / sff);
    }

    /// <summary>
    /// The undirected mean direction of the track's line chords (end − start), in radians in [0, π) in image coordinates;
    /// NaN when every chord has zero length or the chords cancel.
    /// </summary>
    /// <remarks>Directions are averaged as axes (angles doubled), so a chord and its reverse count the same.</remarks>
    public static double MeanLineAngle(TrackHistory track)
    {
        var c = 0.0;
        var s = 0.0;
        foreach (var observation in track.Observations)
        {
            var u = (observation.Points[^1] - observation.Points[0]).Normalized();
            c += (u.X * u.X) - (u.Y * u.Y);
            s += 2 * u.X * u.Y;
        }

        if (c == 0 && s == 0)
        {
            return double.NaN;
        }

        var angle = 0.5 * DeterministicMath.Atan2(s, c);
        return angle < 0 ? angle + Math.PI : angle;
    }

    /// <summary>The unsigned difference between two undirected angles (radians), in [0, π/2].</summary>
    public static double AxialDifference(double a, double b)
    {
        var d = Math.Abs(a - b) % Math.PI;
        return Math.Min(d, Math.PI - d);
    }

    /// <summary>The direction of an image-coordinate vector in degrees, screen counter-clockwise from +x: atan2(−dy, dx), in (−180, 180].</summary>
    public static double ScreenDegrees(PointD v) =>
        DeterministicMath.Atan2(0.0 - v.Y, v.X) * (180.0 / Math.PI); // 0.0 − y, not −y: a zero y gives +0, so +x is 0° and −x is 180°, never −0° or −180°.

    /// <summary>Pairs of observation indices (in a, in b) with the same frame, in increasing frame order.</summary>
    public static List<(int A, int B)> CommonFrames(TrackHistory a, TrackHistory b)
    {
        var pairs = new List<(int A, int B)>();
        var i = 0;
        var j = 0;
        while (i < a.Observations.Count && j < b.Observations.Count)
        {
            var fa = a.Observations[i].Frame;
            var fb = b.Observations[j].Frame;
            if (fa == fb)
            {
                pairs.Add((i++, j++));
            }
            else if (fa < fb)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return pairs;
    }
}
