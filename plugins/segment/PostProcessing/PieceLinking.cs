using Dislocate.Core.Geometry;
using Dislocate.Core.Numerics;

namespace Dislocate.Segment.PostProcessing;

/// <summary>
/// Which broken pieces of one line map belong to the same dislocation: pieces whose ends face each other across a short
/// gap, each continuing the other's direction (a line-map model's crest breaks where a line fades or crosses another;
/// on the synthetic M2 images 37 % of the true lines came out as a fragment under 80 % of their length).
/// </summary>
/// <remarks>
/// <para>Each piece is its ordered line (equally spaced points). An end's direction is the chord from the point about
/// <see cref="DirectionArc"/> pixels inside to the end (half the line when it is shorter). Two ends of different pieces
/// are a candidate when they lie at most <c>maxGap</c> pixels apart, their directions are opposed within
/// <c>maxAngle</c> degrees (the lines run on through each other), and, for a gap of 2 pixels or more, the gap itself
/// leaves each end within <c>maxAngle</c> of its direction (so parallel neighbours a few pixels apart, whose ends sit side
/// by side, are never joined). Candidates are taken greedily by cost, the gap plus <c>maxGap</c> × (1 − cos) of each
/// end's bend, each end at most once, never closing a loop.</para>
/// <para>The paper's instances are masks, one per dislocation; it has no step for a line broken in two. The limits are
/// parameters (<c>link-gap</c>, <c>link-angle</c> of <c>segment run</c>); their defaults were chosen on M2 and the real
/// development video (README, "The paper's metric for a line map").</para>
/// </remarks>
public static class PieceLinking
{
    /// <summary>Arc length in pixels over which an end's direction is measured.</summary>
    public const double DirectionArc = 10;

    /// <summary>A gap shorter than this has no direction of its own; only the ends' directions are compared.</summary>
    private const double ShortGap = 2;

    /// <summary>One end of a piece: its position and the unit direction pointing out of the line.</summary>
    /// <param name="Piece">The piece's index.</param>
    /// <param name="AtStart">True for the line's first point, false for its last.</param>
    /// <param name="Point">The end point.</param>
    /// <param name="Outward">Unit direction from inside the line towards the end.</param>
    public readonly record struct LineEnd(int Piece, bool AtStart, PointD Point, PointD Outward);

    /// <summary>A chosen join: the two ends and its cost.</summary>
    public readonly record struct Link(LineEnd A, LineEnd B, double Cost);

    /// <summary>
    /// The joins among <paramref name="lines"/> (each a piece's equally spaced points along its line, with its length in
    /// pixels; an empty line takes no part), in the order they were chosen.
    /// </summary>
    public static IReadOnlyList<Link> Links(IReadOnlyList<(PointD[] Points, double Length)> lines, double maxGap, double maxAngleDegrees)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentOutOfRangeException.ThrowIfNegative(maxGap);
        if (!(maxAngleDegrees is >= 0 and <= 90))
        {
            throw new ArgumentOutOfRangeException(nameof(maxAngleDegrees), maxAngleDegrees, "must be within 0..90 degrees");
        }

        var ends = new List<LineEnd>();
        for (var i = 0; i < lines.Count; i++)
        {
            var (points, length) = lines[i];
            if (points.Length >= 2 && length > 0)
            {
                ends.Add(End(i, points, length, atStart: true));
                ends.Add(End(i, points, length, atStart: false));
            }
        }

        var cosMax = DeterministicMath.Cos(maxAngleDegrees * Math.PI / 180);
        var candidates = new List<(int A, int B, double Cost)>();
        for (var a = 0; a < ends.Count; a++)
        {
            for (var b = a + 1; b < ends.Count; b++)
            {
                if (ends[a].Piece != ends[b].Piece && Cost(ends[a], ends[b], maxGap, cosMax) is { } cost)
                {
                    candidates.Add((a, b, cost));
                }
            }
        }

        // Sorted by cost, then by the ends' order, so equal costs are taken the same way on every machine.
        candidates.Sort((x, y) => x.Cost != y.Cost ? x.Cost.CompareTo(y.Cost) : x.A != y.A ? x.A.CompareTo(y.A) : x.B.CompareTo(y.B));
        var used = new bool[ends.Count];
        var groups = new DisjointSets(lines.Count);
        var links = new List<Link>();
        foreach (var (a, b, cost) in candidates)
        {
            if (used[a] || used[b] || groups.Find(ends[a].Piece) == groups.Find(ends[b].Piece))
            {
                continue;
            }

            used[a] = used[b] = true;
            groups.Union(ends[a].Piece, ends[b].Piece);
            links.Add(new Link(ends[a], ends[b], cost));
        }

        return links;
    }

    /// <summary>The join's cost, or null when the two ends do not continue each other.</summary>
    private static double? Cost(LineEnd a, LineEnd b, double maxGap, double cosMax)
    {
        var gap = b.Point - a.Point;
        var distance = gap.Length;
        if (distance > maxGap)
        {
            return null;
        }

        // The lines run on through each other: a's outward direction is b's inward one.
        var opposed = -a.Outward.Dot(b.Outward);
        if (opposed < cosMax)
        {
            return null;
        }

        if (distance < ShortGap)
        {
            return distance + (maxGap * (1 - opposed));
        }

        var direction = gap / distance;
        var bendA = a.Outward.Dot(direction);
        var bendB = -b.Outward.Dot(direction);
        return bendA < cosMax || bendB < cosMax ? null : distance + (maxGap * ((1 - bendA) + (1 - bendB)));
    }

    private static LineEnd End(int piece, PointD[] points, double length, bool atStart)
    {
        var spacing = length / (points.Length - 1);
        var steps = Math.Clamp((int)Math.Round(Math.Min(DirectionArc, length / 2) / spacing), 1, points.Length - 1);
        var (end, inside) = atStart ? (points[0], points[steps]) : (points[^1], points[^(1 + steps)]);
        return new LineEnd(piece, atStart, end, (end - inside).Normalized());
    }
}
