using Dislocate.Core.Geometry;

namespace Dislocate.Track.Linking;

/// <summary>
/// Candidate common shifts of all lines between two frames (specimen drift, or a pileup gliding as one): the shifts
/// that most track-to-line centroid displacements agree on.
/// </summary>
/// <remarks>
/// <para>Every track-line pair whose centroids are at most the largest shift apart votes for its displacement in a
/// grid of one-pixel cells (a Hough transform of the displacements). A shift shared by many lines piles its votes into
/// a few neighbouring cells; the displacements to the neighbours of a pileup spread over many, because pileup spacings
/// vary. Peaks are scored by the votes in their 3 × 3 cells, kept at least 3 px apart, and each is refined to the mean
/// of the displacements voting within 1.5 px of it.</para>
/// <para>The candidates are hypotheses only: <see cref="TrackLinker"/> links against each and keeps the one with the
/// lowest total assignment cost, no shift included, so a frame without common motion links as before.</para>
/// <para>Pure arithmetic in a fixed order: the same input gives the same candidates on any machine.</para>
/// </remarks>
public static class CollectiveShift
{
    // A common shift needs at least three lines agreeing: two lines that move together are as well explained by one
    // vanishing and another appearing, and the plain assignment decides that case.
    private const int MinimumSupport = 3;

    // Peaks closer than this (cells) are one peak.
    private const int Separation = 3;

    // Displacements within this distance of a peak's centre refine it.
    private const double RefineRadius = 1.5;

    /// <summary>
    /// Up to <paramref name="count"/> candidate shifts (to − from), strongest first; each is backed by votes of at
    /// least three pairs, and none is within 1 px of no shift.
    /// </summary>
    /// <param name="from">Centroids of the tracks' last lines.</param>
    /// <param name="to">Centroids of the new frame's lines.</param>
    /// <param name="maxShift">Largest shift searched, in pixels; &gt; 0 and finite.</param>
    /// <param name="count">Largest number of candidates returned; ≥ 0.</param>
    public static IReadOnlyList<PointD> Candidates(ReadOnlySpan<PointD> from, ReadOnlySpan<PointD> to, double maxShift, int count)
    {
        if (!(maxShift > 0 && double.IsFinite(maxShift)))
        {
            throw new ArgumentOutOfRangeException(nameof(maxShift), maxShift, "The largest shift must be positive and finite.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var radius = (int)Math.Ceiling(maxShift);
        var side = (2 * radius) + 1;
        var votes = new int[side * side];
        var shifts = new List<PointD>();
        var maxSquared = maxShift * maxShift;
        foreach (var a in from)
        {
            foreach (var b in to)
            {
                var d = b - a;
                if (d.LengthSquared > maxSquared)
                {
                    continue;
                }

                shifts.Add(d);
                votes[Cell(d.Y, radius, side) * side + Cell(d.X, radius, side)]++;
            }
        }

        var result = new List<PointD>();
        if (count == 0 || shifts.Count == 0)
        {
            return result;
        }

        // Each cell scored by its 3 × 3 neighbourhood, so a shift that falls on a cell border is not split in two.
        var score = new int[side * side];
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                var s = 0;
                for (var dy = Math.Max(0, y - 1); dy <= Math.Min(side - 1, y + 1); dy++)
                {
                    for (var dx = Math.Max(0, x - 1); dx <= Math.Min(side - 1, x + 1); dx++)
                    {
                        s += votes[(dy * side) + dx];
                    }
                }

                score[(y * side) + x] = s;
            }
        }

        // Strongest cells first; ties by cell index, so the order is fixed.
        var order = Enumerable.Range(0, side * side).Where(k => score[k] >= MinimumSupport).OrderByDescending(k => score[k]).ThenBy(k => k);
        var peaks = new List<(int X, int Y)>();
        foreach (var k in order)
        {
            var (x, y) = (k % side, k / side);
            if (peaks.Exists(p => Math.Abs(p.X - x) < Separation && Math.Abs(p.Y - y) < Separation))
            {
                continue;
            }

            peaks.Add((x, y));
            var centre = new PointD(x - radius, y - radius);
            var sum = PointD.Zero;
            var n = 0;
            foreach (var d in shifts)
            {
                if ((d - centre).LengthSquared <= RefineRadius * RefineRadius)
                {
                    sum += d;
                    n++;
                }
            }

            var shift = n > 0 ? sum / n : centre;
            if (shift.LengthSquared > 1.0)
            {
                result.Add(shift);
                if (result.Count == count)
                {
                    break;
                }
            }
        }

        return result;
    }

    // The grid cell of a displacement component: cells are one pixel wide, centred on whole pixels.
    private static int Cell(double v, int radius, int side) => Math.Clamp((int)Math.Round(v, MidpointRounding.AwayFromZero) + radius, 0, side - 1);
}
