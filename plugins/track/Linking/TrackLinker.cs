using Dislocate.Core.Geometry;
using Dislocate.Track.Lines;

namespace Dislocate.Track.Linking;

/// <summary>
/// Links the lines of a stream of frames into tracks with stable ids: an online engine that sees one frame at a time
/// and keeps only the active tracks (memory bounded by their number, not by the length of the stream).
/// </summary>
/// <remarks>
/// <para>Cost of continuing track i with line j: <see cref="LineDistance.Symmetric"/>(track's last points, line)
/// + GapPenalty × frames missed (+ the slip-direction prior, see <see cref="LinkingOptions"/>). Pairs whose line
/// distance (before penalty and prior) exceeds MaxDistance are forbidden; ending a track and starting a track each
/// cost MaxDistance, so an allowed pair is linked when that beats both (cost &lt; 2 × MaxDistance, always so with the
/// default penalty and no prior). The links are the optimum of that problem (<see cref="GatedAssignment"/>, the
/// augmented-matrix LAP of Jaqaman et al. 2008).</para>
/// <para>Common motion (MaxShift &gt; 0): the problem is solved again with every track's last line moved by each of
/// a few candidate shifts (<see cref="CollectiveShift"/>), and the solution with the lowest total cost is kept, the
/// unshifted one on a tie; so a pileup that glides as one by more than half its spacing keeps its ids.</para>
/// <para>Pairs are ruled out first by a cheap lower bound (<see cref="LineFootprint"/>); the exact distance searches
/// only the nearby chunks of the other line (<see cref="ChunkedPolyline"/>) and stops once it passes the gate, so
/// only near neighbours cost more than a few box tests.</para>
/// <para>A track not seen for more than MaxGap frames can no longer be continued: it is retired, and its id is
/// listed in <see cref="Retired"/> after the call that retired it, so the caller can write it out and forget it.</para>
/// <para>Deterministic: tracks are kept in id order, new ids are given in input-line order and the assignment breaks
/// ties by index.</para>
/// </remarks>
public sealed class TrackLinker
{
    // Common shifts tried besides none: the strongest few peaks of the displacement vote (CollectiveShift).
    private const int ShiftCandidates = 3;

    // A shift must lower the total cost by more than rounding to replace no shift (or a stronger candidate).
    private const double TieMargin = 1e-9;

    private readonly List<ActiveTrack> active = [];
    private readonly PointD? glide;
    private int nextId = 1;
    private int? lastFrame;
    private int[] retired = [];

    /// <summary>Creates a linker; validates the options.</summary>
    public TrackLinker(LinkingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.Options = options;
        this.glide = options.GlideDirection;
    }

    /// <summary>The linking options.</summary>
    public LinkingOptions Options { get; }

    /// <summary>Number of tracks that may still be continued.</summary>
    public int ActiveCount => this.active.Count;

    /// <summary>Ids of the tracks that may still be continued, ascending.</summary>
    public IReadOnlyList<int> ActiveIds => this.active.ConvertAll(t => t.Id);

    /// <summary>Ids (ascending) of the tracks retired by the last call to <see cref="Add"/> or <see cref="RetireAll"/>.</summary>
    public IReadOnlyList<int> Retired => this.retired;

    /// <summary>The last frame passed to <see cref="Add"/>, or null before the first.</summary>
    public int? LastFrame => this.lastFrame;

    /// <summary>
    /// Links the lines of <paramref name="frame"/> to the active tracks; element j of the result belongs to
    /// <c>lines[j]</c>. Lines that continue no track start new ones, numbered in input order.
    /// </summary>
    /// <param name="frame">Frame index, ≥ 0 and greater than the previous call's.</param>
    /// <param name="lines">The frame's lines (e.g. K resampled points each); may be empty.</param>
    public IReadOnlyList<LinkedLine> Add(int frame, IReadOnlyList<PointD[]> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        if (this.lastFrame is { } previous && frame <= previous)
        {
            throw new ArgumentException($"Frame {frame} does not come after frame {previous}; frames must arrive in strictly increasing order.", nameof(frame));
        }

        Validate(frame, lines);
        this.lastFrame = frame;
        var retiredNow = new List<int>();

        // Tracks already past MaxGap when frames were skipped cannot take part.
        this.RetireWhere(t => frame - t.LastFrame - 1 > this.Options.MaxGap, retiredNow);

        var indexed = new ChunkedPolyline[lines.Count];
        for (var j = 0; j < lines.Count; j++)
        {
            indexed[j] = new ChunkedPolyline(lines[j]);
        }

        var n = this.active.Count;
        var m = lines.Count;
        var (columnOf, shifted, distances) = this.Assign(frame, indexed);

        var result = new LinkedLine?[m];
        for (var i = 0; i < n; i++)
        {
            var j = columnOf[i];
            if (j < 0)
            {
                continue;
            }

            var track = this.active[i];

            // Oriented against the track's last line moved by the common shift, which is where this line was looked for.
            var reference = shifted?[i].Points ?? track.Line.Points;
            var points = LineOrientation.AlignWith(lines[j], reference);
            points = ReferenceEquals(points, lines[j]) ? (PointD[])points.Clone() : points;
            // The distance to the previous line as it was: from the unshifted costs, unless a shift linked it past the gate.
            var distance = distances[(i * m) + j];
            if (double.IsInfinity(distance))
            {
                distance = BoundedLineDistance.Symmetric(track.Line, indexed[j], double.PositiveInfinity);
            }

            result[j] = new LinkedLine(track.Id, points, distance, frame - track.LastFrame - 1);
            track.Update(frame, new ChunkedPolyline(points));
        }

        for (var j = 0; j < m; j++)
        {
            if (result[j] is null)
            {
                var points = (PointD[])lines[j].Clone();
                var track = new ActiveTrack(this.nextId++, frame, new ChunkedPolyline(points));
                this.active.Add(track);
                result[j] = new LinkedLine(track.Id, points, null, 0);
            }
        }

        // A track unseen for more than MaxGap frames after this one can no longer be continued by any later frame.
        this.RetireWhere(t => frame - t.LastFrame > this.Options.MaxGap, retiredNow);
        retiredNow.Sort();
        this.retired = [.. retiredNow];
        return result!;
    }

    /// <summary>Retires every active track (end of the stream) and returns their ids, ascending; also in <see cref="Retired"/>.</summary>
    public IReadOnlyList<int> RetireAll()
    {
        this.retired = this.active.ConvertAll(t => t.Id).ToArray();
        this.active.Clear();
        return this.retired;
    }

    private static void Validate(int frame, IReadOnlyList<PointD[]> lines)
    {
        for (var j = 0; j < lines.Count; j++)
        {
            var line = lines[j];
            if (line is null || line.Length == 0)
            {
                throw new ArgumentException($"Frame {frame}: line {j} has no points.", nameof(lines));
            }

            foreach (var p in line)
            {
                if (!double.IsFinite(p.X) || !double.IsFinite(p.Y))
                {
                    throw new ArgumentException($"Frame {frame}: line {j} has a non-finite point {p}.", nameof(lines));
                }
            }
        }
    }

    // The optimal links, the tracks' last lines moved by the common shift they were linked against (null: none), and
    // each pair's unshifted line distance (+∞ beyond the gate).
    // Without a shift search this is the plain assignment; with one, each candidate shift is tried and the lowest total
    // cost (links plus MaxDistance for every track ended and every line started) wins, no shift on a tie.
    private (int[] ColumnOf, ChunkedPolyline[]? Shifted, double[] Distances) Assign(int frame, ChunkedPolyline[] lines)
    {
        var n = this.active.Count;
        var m = lines.Length;
        var gate = this.Options.MaxDistance;
        var cost = new double[n * m];
        var distances = new double[n * m];
        this.FillCosts(frame, lines, null, PointD.Zero, cost, distances);
        var best = GatedAssignment.Solve(cost, n, m, gate);
        ChunkedPolyline[]? bestShifted = null;
        if (this.Options.MaxShift <= 0 || n == 0 || m == 0)
        {
            return (best, bestShifted, distances);
        }

        var bestTotal = TotalCost(cost, best, n, m, gate);
        var from = this.active.ConvertAll(t => t.Centroid).ToArray();
        var to = Array.ConvertAll(lines, l => Polyline.Centroid(l.Points));
        foreach (var shift in CollectiveShift.Candidates(from, to, this.Options.MaxShift, ShiftCandidates))
        {
            var moved = this.active.ConvertAll(t => new ChunkedPolyline(Array.ConvertAll(t.Line.Points, p => p + shift))).ToArray();
            this.FillCosts(frame, lines, moved, shift, cost, null);
            var columnOf = GatedAssignment.Solve(cost, n, m, gate);
            var total = TotalCost(cost, columnOf, n, m, gate);
            if (total < bestTotal - TieMargin)
            {
                (best, bestTotal, bestShifted) = (columnOf, total, moved);
            }
        }

        return (best, bestShifted, distances);
    }

    // Σ link costs + alternative × (tracks ended + lines started): the objective GatedAssignment minimises.
    private static double TotalCost(double[] cost, int[] columnOf, int n, int m, double alternative)
    {
        var total = 0.0;
        var links = 0;
        for (var i = 0; i < n; i++)
        {
            if (columnOf[i] >= 0)
            {
                total += cost[(i * m) + columnOf[i]];
                links++;
            }
        }

        return total + (alternative * (n + m - (2 * links)));
    }

    // Link costs of every track-line pair, and their line distances when asked; tracks are taken at moved[i] (their last
    // line shifted by shift) when given.
    private void FillCosts(int frame, ChunkedPolyline[] lines, ChunkedPolyline[]? moved, PointD shift, double[] cost, double[]? distance)
    {
        var gate = this.Options.MaxDistance;

        // The bound is computed in floating point; a pair is skipped only when clearly beyond the gate.
        var boundGate = gate * (1 + 1e-12);
        var m = lines.Length;
        for (var i = 0; i < this.active.Count; i++)
        {
            var track = this.active[i];
            var last = moved?[i] ?? track.Line;
            var missed = frame - track.LastFrame - 1;
            for (var j = 0; j < m; j++)
            {
                var k = (i * m) + j;
                cost[k] = double.PositiveInfinity;
                if (distance is not null)
                {
                    distance[k] = double.PositiveInfinity;
                }

                if (LineFootprint.LowerBound(last.Footprint, lines[j].Footprint) > boundGate)
                {
                    continue;
                }

                var d = BoundedLineDistance.Symmetric(last, lines[j], gate);
                if (double.IsInfinity(d))
                {
                    continue;
                }

                var c = d + (this.Options.GapPenalty * missed);
                if (this.glide is { } g)
                {
                    // The line's own motion, after the common shift: drift across the slip traces is not glide.
                    var step = Polyline.Centroid(lines[j].Points) - track.Centroid - shift;
                    c += this.Options.GlideWeight * Math.Abs(step.Cross(g));
                }

                cost[k] = c;
                if (distance is not null)
                {
                    distance[k] = d;
                }
            }
        }
    }

    private void RetireWhere(Predicate<ActiveTrack> done, List<int> ids)
    {
        foreach (var t in this.active)
        {
            if (done(t))
            {
                ids.Add(t.Id);
            }
        }

        this.active.RemoveAll(done);
    }

    // The state of one track that may still be continued: its last observation only.
    private sealed class ActiveTrack(int id, int frame, ChunkedPolyline line)
    {
        public int Id { get; } = id;

        public int LastFrame { get; private set; } = frame;

        public ChunkedPolyline Line { get; private set; } = line;

        public PointD Centroid { get; private set; } = Polyline.Centroid(line.Points);

        public void Update(int frame, ChunkedPolyline line)
        {
            this.LastFrame = frame;
            this.Line = line;
            this.Centroid = Polyline.Centroid(line.Points);
        }
    }
}
