namespace Dislocate.Track.Linking;

/// <summary>How well predicted track ids follow ground-truth identities over the same observations.</summary>
/// <remarks>
/// <para>Identity switches follow CLEAR-MOT (Bernardin and Stiefelhagen, 2008): walking each true identity through
/// its observations in frame order, a switch is counted whenever its predicted id differs from the one it had at its
/// previous observation (gaps in between are skipped). Fragmentations count how many extra predicted tracks each true
/// identity was split into (distinct predicted ids − 1, summed); merges count the same from the predicted side
/// (distinct true ids − 1 per predicted track, summed). Id accuracy is the fraction of observations whose predicted
/// track's majority true id (ties: the smallest id) is their own true id.</para>
/// <para>Every observation is matched (detection errors are not scored here), so a perfect tracker has 0 switches,
/// 0 fragmentations, 0 merges and id accuracy 1.</para>
/// </remarks>
/// <param name="Observations">Number of observations scored.</param>
/// <param name="TrueTracks">Distinct ground-truth ids.</param>
/// <param name="PredictedTracks">Distinct predicted ids.</param>
/// <param name="IdentitySwitches">CLEAR-MOT identity switches.</param>
/// <param name="Fragmentations">Extra predicted tracks per true identity, summed.</param>
/// <param name="Merges">Extra true identities per predicted track, summed.</param>
/// <param name="IdAccuracy">Fraction of observations whose predicted track's majority true id is theirs, in [0, 1].</param>
public sealed record TrackingScore(
    int Observations,
    int TrueTracks,
    int PredictedTracks,
    int IdentitySwitches,
    int Fragmentations,
    int Merges,
    double IdAccuracy)
{
    /// <summary>Scores <paramref name="observations"/> (any order; at most one per true id and frame).</summary>
    public static TrackingScore Compute(IReadOnlyList<ScoredObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        if (observations.Count == 0)
        {
            throw new ArgumentException("There are no observations to score.", nameof(observations));
        }

        var byTrue = observations.ToArray();
        Array.Sort(byTrue, (a, b) => a.TrueId != b.TrueId ? a.TrueId.CompareTo(b.TrueId) : a.Frame.CompareTo(b.Frame));
        var switches = 0;
        for (var k = 1; k < byTrue.Length; k++)
        {
            var (before, now) = (byTrue[k - 1], byTrue[k]);
            if (before.TrueId != now.TrueId)
            {
                continue;
            }

            if (before.Frame == now.Frame)
            {
                throw new ArgumentException($"True id {now.TrueId} is observed twice in frame {now.Frame}.", nameof(observations));
            }

            switches += before.PredictedId != now.PredictedId ? 1 : 0;
        }

        // Each distinct (true, predicted) pair with its number of observations.
        var pairs = new Dictionary<(int True, int Predicted), int>();
        foreach (var o in byTrue)
        {
            pairs[(o.TrueId, o.PredictedId)] = pairs.GetValueOrDefault((o.TrueId, o.PredictedId)) + 1;
        }

        var trueIds = new HashSet<int>();
        var predictedIds = new HashSet<int>();
        var majority = new Dictionary<int, (int TrueId, int Count)>();
        foreach (var ((trueId, predicted), count) in pairs)
        {
            trueIds.Add(trueId);
            predictedIds.Add(predicted);
            if (!majority.TryGetValue(predicted, out var best) || count > best.Count || (count == best.Count && trueId < best.TrueId))
            {
                majority[predicted] = (trueId, count);
            }
        }

        var correct = 0;
        foreach (var best in majority.Values)
        {
            correct += best.Count;
        }

        return new TrackingScore(
            Observations: byTrue.Length,
            TrueTracks: trueIds.Count,
            PredictedTracks: predictedIds.Count,
            IdentitySwitches: switches,
            Fragmentations: pairs.Count - trueIds.Count,
            Merges: pairs.Count - predictedIds.Count,
            IdAccuracy: (double)correct / byTrue.Length);
    }
}
