using Dislocate.Core.Geometry;
using Dislocate.Core.Numerics;
using Dislocate.Core.Random;
using Dislocate.Track.Lines;

namespace Dislocate.Track.Analysis;

/// <summary>Groups tracks into pileups and orders each pileup from its leading dislocation.</summary>
/// <remarks>
/// <para>Linking: two tracks are linked when their mean undirected line directions (chords averaged as axes over all
/// observations) differ by at most <see cref="PileupOptions.AngleToleranceDegrees"/> and the mean over their common
/// frames (at least <see cref="PileupOptions.MinCommonFrames"/>) of <see cref="LineDistance.Symmetric"/> is at most
/// <see cref="PileupOptions.MaxSpacing"/>. Pileups are the connected components (single linkage: each member is near a
/// neighbour, not necessarily near all) with at least <see cref="PileupOptions.MinTracks"/> members. A track whose chords
/// all have zero length has no line direction and links to nothing.</para>
/// <para>Ordering: the stacking direction is the principal axis of the members' mean centroids (the mean over each
/// track's observations); when those coincide, the normal of the mean line direction. Members are ordered by the
/// projection of their mean centroid on that axis (ties by id). The leading end is, in this order of precedence:
/// (1) the end the pileup moves toward, when the mean of the members' fitted drifts carries it at least
/// <see cref="PileupOptions.StationaryDisplacement"/> along the axis over the frames the members span; (2) otherwise the
/// end whose outermost gap between neighbouring projections is smaller (pileups compress toward the obstacle that holds
/// them), which needs three members and unequal end gaps; (3) otherwise the end farther along the axis oriented to +x
/// (+y when vertical), see <see cref="PileupLeadingRule.Undecided"/>.</para>
/// <para>Output: pileups sorted by their leading track's id, numbered from 1. Input order does not matter: tracks are
/// processed in id order and every sum runs in that order.</para>
/// </remarks>
public static class PileupGrouping
{
    // Below this the axis is taken as vertical, so its orientation does not hang on the last bit of a cosine.
    private const double VerticalEpsilon = 1e-12;

    /// <summary>The pileups among <paramref name="tracks"/> (track ids must be unique).</summary>
    /// <exception cref="ArgumentException">A track is invalid, two tracks share an id, or the options are out of range.</exception>
    public static IReadOnlyList<Pileup> Group(IReadOnlyList<TrackHistory> tracks, PileupOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        foreach (var track in tracks)
        {
            TrackGeometry.Validate(track, nameof(tracks));
        }

        var summaries = tracks.Select(t =>
        {
            var centroids = TrackGeometry.Centroids(t);
            return Summarise(t, centroids, TrackGeometry.FittedDrift(t, centroids));
        }).ToArray();
        return GroupSummarised(tracks, summaries, options ?? PileupOptions.Default);
    }

    /// <summary>
    /// The pileups among <paramref name="tracks"/>, reusing their centroids and drifts from <paramref name="kinematics"/>
    /// (one result per track, same order, as <see cref="TrackKinematics.Compute"/> gives them).
    /// </summary>
    /// <exception cref="ArgumentException">A track is invalid, two tracks share an id, the kinematics do not match the tracks, or the options are out of range.</exception>
    public static IReadOnlyList<Pileup> Group(IReadOnlyList<TrackHistory> tracks, IReadOnlyList<TrackKinematicsResult> kinematics, PileupOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        ArgumentNullException.ThrowIfNull(kinematics);
        if (kinematics.Count != tracks.Count)
        {
            throw new ArgumentException(FormattableString.Invariant($"Got {kinematics.Count} kinematics results for {tracks.Count} tracks; give one per track, same order."), nameof(kinematics));
        }

        var summaries = new TrackSummary[tracks.Count];
        for (var i = 0; i < tracks.Count; i++)
        {
            TrackGeometry.Validate(tracks[i], nameof(tracks));
            var k = kinematics[i] ?? throw new ArgumentException(FormattableString.Invariant($"Kinematics result {i} is null."), nameof(kinematics));
            if (k.Summary.TrackId != tracks[i].Id || k.States.Count != tracks[i].Observations.Count)
            {
                throw new ArgumentException(
                    FormattableString.Invariant($"Kinematics result {i} (track {k.Summary.TrackId}, {k.States.Count} states) does not belong to track {tracks[i].Id} ({tracks[i].Observations.Count} observations)."),
                    nameof(kinematics));
            }

            summaries[i] = Summarise(tracks[i], k.States.Select(st => st.Centroid).ToArray(), k.Summary.Drift);
        }

        return GroupSummarised(tracks, summaries, options ?? PileupOptions.Default);
    }

    private static Pileup[] GroupSummarised(IReadOnlyList<TrackHistory> tracks, TrackSummary[] unsortedSummaries, PileupOptions options)
    {
        options.Validate();
        var byId = Enumerable.Range(0, tracks.Count).OrderBy(i => tracks[i].Id).ToArray();
        var sorted = byId.Select(i => tracks[i]).ToArray();
        var summaries = byId.Select(i => unsortedSummaries[i]).ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Id == sorted[i - 1].Id)
            {
                throw new ArgumentException(FormattableString.Invariant($"Track id {sorted[i].Id} appears more than once."), nameof(tracks));
            }
        }

        var parent = Enumerable.Range(0, sorted.Length).ToArray();
        for (var i = 0; i < sorted.Length; i++)
        {
            for (var j = i + 1; j < sorted.Length; j++)
            {
                if (Find(parent, i) != Find(parent, j) && Linked(sorted[i], summaries[i], sorted[j], summaries[j], options))
                {
                    parent[Find(parent, j)] = Find(parent, i);
                }
            }
        }

        var pileups = Enumerable.Range(0, sorted.Length)
            .GroupBy(i => Find(parent, i))
            .Where(g => g.Count() >= options.MinTracks)
            .Select(g => Order(g.ToArray(), sorted, summaries, options))
            .OrderBy(p => p.TrackIds[0])
            .ToArray();
        for (var k = 0; k < pileups.Length; k++)
        {
            pileups[k] = pileups[k] with { Id = k + 1 };
        }

        return pileups;
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }

    private static TrackSummary Summarise(TrackHistory track, PointD[] centroids, PointD drift)
    {
        var boxes = new Box[track.Observations.Count];
        for (var i = 0; i < boxes.Length; i++)
        {
            boxes[i] = Box.Of(track.Observations[i].Points);
        }

        return new TrackSummary(
            TrackGeometry.MeanPoint(centroids),
            TrackGeometry.MeanLineAngle(track),
            drift,
            boxes);
    }

    private static bool Linked(TrackHistory a, TrackSummary sa, TrackHistory b, TrackSummary sb, PileupOptions options)
    {
        if (double.IsNaN(sa.LineAngle) || double.IsNaN(sb.LineAngle)
            || TrackGeometry.AxialDifference(sa.LineAngle, sb.LineAngle) * (180.0 / Math.PI) > options.AngleToleranceDegrees)
        {
            return false;
        }

        var common = TrackGeometry.CommonFrames(a, b);
        if (common.Count < options.MinCommonFrames)
        {
            return false;
        }

        // Bounding-box gaps bound every point-to-line distance from below, so far-apart pairs skip the exact distances.
        var limit = options.MaxSpacing * common.Count;
        var bound = 0.0;
        foreach (var (ia, ib) in common)
        {
            bound += sa.Boxes[ia].DistanceTo(sb.Boxes[ib]);
        }

        if (bound > limit)
        {
            return false;
        }

        var sum = 0.0;
        foreach (var (ia, ib) in common)
        {
            sum += LineDistance.Symmetric(a.Observations[ia].Points, b.Observations[ib].Points);
        }

        return sum / common.Count <= options.MaxSpacing;
    }

    private static Pileup Order(int[] members, TrackHistory[] tracks, TrackSummary[] summaries, PileupOptions options)
    {
        var axis = StackingAxis(members, summaries);
        var ascending = members
            .OrderBy(m => summaries[m].MeanCentroid.Dot(axis))
            .ThenBy(m => tracks[m].Id)
            .ToArray();
        var projections = ascending.Select(m => summaries[m].MeanCentroid.Dot(axis)).ToArray();

        var drift = PointD.Zero;
        var moving = 0;
        foreach (var m in members)
        {
            if (tracks[m].Observations.Count > 1)
            {
                drift += summaries[m].Drift;
                moving++;
            }
        }

        drift = moving > 0 ? drift / moving : PointD.Zero;
        var span = members.Max(m => tracks[m].LastFrame) - members.Min(m => tracks[m].FirstFrame);
        var travel = drift.Dot(axis) * span;

        bool highEndLeads;
        PileupLeadingRule rule;
        var n = ascending.Length;
        if (travel != 0 && Math.Abs(travel) >= options.StationaryDisplacement)
        {
            highEndLeads = travel > 0;
            rule = PileupLeadingRule.Motion;
        }
        else if (n >= 3 && projections[1] - projections[0] != projections[n - 1] - projections[n - 2])
        {
            highEndLeads = projections[n - 1] - projections[n - 2] < projections[1] - projections[0];
            rule = PileupLeadingRule.Spacing;
        }
        else
        {
            highEndLeads = true;
            rule = PileupLeadingRule.Undecided;
        }

        var order = Enumerable.Range(0, n).ToArray();
        if (highEndLeads)
        {
            Array.Reverse(order);
        }

        var spacings = new double[n - 1];
        for (var k = 1; k < n; k++)
        {
            spacings[k - 1] = Math.Abs(projections[order[k]] - projections[order[k - 1]]);
        }

        return new Pileup(
            0,
            order.Select(k => tracks[ascending[k]].Id).ToArray(),
            highEndLeads ? axis : -axis,
            LineDirectionDegrees(members, summaries),
            drift,
            spacings,
            rule);
    }

    /// <summary>The principal axis of the members' mean centroids, oriented to +x (or +y when vertical).</summary>
    private static PointD StackingAxis(int[] members, TrackSummary[] summaries)
    {
        var mean = PointD.Zero;
        foreach (var m in members)
        {
            mean += summaries[m].MeanCentroid;
        }

        mean /= members.Length;
        double sxx = 0, sxy = 0, syy = 0;
        foreach (var m in members)
        {
            var d = summaries[m].MeanCentroid - mean;
            sxx += d.X * d.X;
            sxy += d.X * d.Y;
            syy += d.Y * d.Y;
        }

        PointD axis;
        if (sxx + syy > 0)
        {
            var theta = 0.5 * DeterministicMath.Atan2(2 * sxy, sxx - syy);
            axis = new PointD(DeterministicMath.Cos(theta), DeterministicMath.Sin(theta));
        }
        else
        {
            // Coincident centroids: lines of a pileup are stacked across themselves.
            var angle = MeanAxialAngle(members, summaries);
            axis = double.IsNaN(angle) ? new PointD(1, 0) : new PointD(-DeterministicMath.Sin(angle), DeterministicMath.Cos(angle));
        }

        if (Math.Abs(axis.X) <= VerticalEpsilon)
        {
            return new PointD(0, 1);
        }

        return axis.X > 0 ? axis : -axis;
    }

    private static double MeanAxialAngle(int[] members, TrackSummary[] summaries)
    {
        double c = 0, s = 0;
        foreach (var m in members)
        {
            var angle = summaries[m].LineAngle;
            if (!double.IsNaN(angle))
            {
                c += DeterministicMath.Cos(2 * angle);
                s += DeterministicMath.Sin(2 * angle);
            }
        }

        return c == 0 && s == 0 ? double.NaN : 0.5 * DeterministicMath.Atan2(s, c);
    }

    private static double LineDirectionDegrees(int[] members, TrackSummary[] summaries)
    {
        var angle = MeanAxialAngle(members, summaries);
        if (double.IsNaN(angle))
        {
            return double.NaN;
        }

        // Image angles turn clockwise on screen; negate for the screen counter-clockwise convention, then fold into [0, 180).
        var degrees = (-angle * (180.0 / Math.PI)) % 180.0;
        degrees = degrees <= 0 ? degrees + 180.0 : degrees;
        return degrees >= 180.0 ? 0.0 : degrees;
    }

    private readonly record struct TrackSummary(PointD MeanCentroid, double LineAngle, PointD Drift, Box[] Boxes);

    private readonly record struct Box(double MinX, double MinY, double MaxX, double MaxY)
    {
        public static Box Of(ReadOnlySpan<PointD> points)
        {
            double minX = double.PositiveInfinity, minY = double.PositiveInfinity;
            double maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
            foreach (var p in points)
            {
                minX = Math.Min(minX, p.X);
                minY = Math.Min(minY, p.Y);
                maxX = Math.Max(maxX, p.X);
                maxY = Math.Max(maxY, p.Y);
            }

            return new Box(minX, minY, maxX, maxY);
        }

        public double DistanceTo(Box other)
        {
            var dx = Math.Max(0, Math.Max(this.MinX - other.MaxX, other.MinX - this.MaxX));
            var dy = Math.Max(0, Math.Max(this.MinY - other.MaxY, other.MinY - this.MaxY));
            return Math.Sqrt((dx * dx) + (dy * dy));
        }
    }
}
