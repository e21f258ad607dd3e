using Dislocate.Track.Lines;

namespace Dislocate.Track.Analysis;

/// <summary>Distances between tracked dislocations frame by frame: a chosen pair, or the neighbours of a pileup (Fig. 15).</summary>
/// <remarks>
/// In each frame both tracks are seen in, the distance is <see cref="LineDistance.Symmetric"/> of their K points: the
/// mean over the points of each line of the distance to the other line's polyline, averaged over both directions (the
/// paper's "average distance between two closest dislocations" over the 50 points). Two parallel straight lines d apart
/// that overlap fully give exactly d. Frames where only one track is seen are left out.
/// </remarks>
public static class PairDistances
{
    /// <summary>The distance between <paramref name="a"/> and <paramref name="b"/> in every frame they share.</summary>
    /// <exception cref="ArgumentException">A track has no observations, frames that do not increase, or empty or non-finite lines.</exception>
    public static PairDistanceSeries Between(TrackHistory a, TrackHistory b)
    {
        TrackGeometry.Validate(a, nameof(a));
        TrackGeometry.Validate(b, nameof(b));
        var common = TrackGeometry.CommonFrames(a, b);
        if (common.Count == 0)
        {
            var reason = FormattableString.Invariant(
                $"Tracks {a.Id} (frames {a.FirstFrame}–{a.LastFrame}) and {b.Id} (frames {b.FirstFrame}–{b.LastFrame}) are never seen in the same frame.");
            return new PairDistanceSeries(a.Id, b.Id, [], double.NaN, double.NaN, double.NaN, reason);
        }

        var samples = new PairDistanceSample[common.Count];
        var sum = 0.0;
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        for (var k = 0; k < samples.Length; k++)
        {
            var (ia, ib) = common[k];
            var distance = LineDistance.Symmetric(a.Observations[ia].Points, b.Observations[ib].Points);
            samples[k] = new PairDistanceSample(a.Observations[ia].Frame, distance);
            sum += distance;
            min = Math.Min(min, distance);
            max = Math.Max(max, distance);
        }

        return new PairDistanceSeries(a.Id, b.Id, samples, sum / samples.Length, min, max, null);
    }

    /// <summary>
    /// The distances between neighbours of <paramref name="pileup"/> ordered from the leading one: element k is between
    /// its (k+1)-th and (k+2)-th track (1st–2nd, 2nd–3rd, …), the first track of each pair nearer the lead.
    /// </summary>
    /// <exception cref="ArgumentException">The pileup names a track that is not in <paramref name="tracks"/>, or a track is invalid.</exception>
    public static IReadOnlyList<PairDistanceSeries> Neighbours(Pileup pileup, IReadOnlyList<TrackHistory> tracks)
    {
        ArgumentNullException.ThrowIfNull(pileup);
        return Neighbours([pileup], tracks).Select(pair => pair.Distances).ToArray();
    }

    /// <summary>The neighbour distances of every pileup, pileup by pileup in the given order, each pair tagged with its pileup and rank.</summary>
    /// <exception cref="ArgumentException">A pileup names a track that is not in <paramref name="tracks"/>, two tracks share an id, or a track is invalid.</exception>
    public static IReadOnlyList<PileupPair> Neighbours(IReadOnlyList<Pileup> pileups, IReadOnlyList<TrackHistory> tracks)
    {
        ArgumentNullException.ThrowIfNull(pileups);
        ArgumentNullException.ThrowIfNull(tracks);

        // Used for lookups only; the output follows the pileups' own order.
        var byId = new Dictionary<int, TrackHistory>();
        foreach (var track in tracks)
        {
            ArgumentNullException.ThrowIfNull(track, nameof(tracks));
            if (!byId.TryAdd(track.Id, track))
            {
                throw new ArgumentException(FormattableString.Invariant($"Track id {track.Id} appears more than once."), nameof(tracks));
            }
        }

        var pairs = new List<PileupPair>();
        foreach (var pileup in pileups)
        {
            ArgumentNullException.ThrowIfNull(pileup, nameof(pileups));
            var members = new TrackHistory[pileup.TrackIds.Count];
            for (var k = 0; k < members.Length; k++)
            {
                var id = pileup.TrackIds[k];
                members[k] = byId.TryGetValue(id, out var track)
                    ? track
                    : throw new ArgumentException(FormattableString.Invariant($"Pileup {pileup.Id} names track {id}, which is not among the {byId.Count} tracks given."), nameof(tracks));
            }

            for (var k = 1; k < members.Length; k++)
            {
                pairs.Add(new PileupPair(pileup.Id, k, Between(members[k - 1], members[k])));
            }
        }

        return pairs;
    }
}
