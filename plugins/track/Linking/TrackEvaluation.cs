using Dislocate.Track.Analysis;
using Dislocate.Track.Lines;

namespace Dislocate.Track.Linking;

/// <summary>How a tracking result compares with ground truth: line detection per frame, then identity over the frames.</summary>
/// <param name="Frames">Frames in which either side has a line.</param>
/// <param name="Matched">Lines matched to a true line (per frame, within the gate).</param>
/// <param name="Missed">True lines with no predicted line matched.</param>
/// <param name="Spurious">Predicted lines matched to no true line.</param>
/// <param name="MeanDistance">Mean symmetric line distance of the matched pairs, px (NaN when none).</param>
/// <param name="Identity">Identity scores (switches, fragmentations, merges, id accuracy) over the matched lines; null when none matched.</param>
public sealed record TrackEvaluation(int Frames, int Matched, int Missed, int Spurious, double MeanDistance, TrackingScore? Identity)
{
    /// <summary>Matched ÷ (matched + spurious): the fraction of predicted lines that are real; NaN without predictions.</summary>
    public double Precision => this.Matched + this.Spurious > 0 ? (double)this.Matched / (this.Matched + this.Spurious) : double.NaN;

    /// <summary>Matched ÷ (matched + missed): the fraction of true lines found; NaN without truth.</summary>
    public double Recall => this.Matched + this.Missed > 0 ? (double)this.Matched / (this.Matched + this.Missed) : double.NaN;

    /// <summary>
    /// Compares <paramref name="predicted"/> tracks with <paramref name="truth"/>, whose observation labels are the true
    /// ids (e.g. the generator's mask channels): in every frame the lines are matched one to one by
    /// <see cref="LineDistance.Symmetric"/> with <see cref="GatedAssignment"/> (a pair farther apart than
    /// <paramref name="gate"/> px is never matched), then <see cref="TrackingScore"/> scores the predicted track ids of
    /// the matched lines against their true ids.
    /// </summary>
    public static TrackEvaluation Compare(IReadOnlyList<TrackHistory> predicted, IReadOnlyList<TrackHistory> truth, double gate)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(truth);
        if (!(gate > 0) || double.IsInfinity(gate))
        {
            throw new ArgumentException(FormattableString.Invariant($"The matching gate must be positive and finite. Got {gate}."), nameof(gate));
        }

        var byFrame = new SortedDictionary<int, (List<(int Id, TrackObservation O)> P, List<TrackObservation> T)>();
        foreach (var t in predicted)
        {
            foreach (var o in t.Observations)
            {
                Frame(byFrame, o.Frame).P.Add((t.Id, o));
            }
        }

        foreach (var t in truth)
        {
            foreach (var o in t.Observations)
            {
                Frame(byFrame, o.Frame).T.Add(o);
            }
        }

        var observations = new List<ScoredObservation>();
        int missed = 0, spurious = 0;
        var distanceSum = 0.0;
        foreach (var (frame, (p, t)) in byFrame)
        {
            var cost = new double[t.Count * p.Count];
            for (var i = 0; i < t.Count; i++)
            {
                for (var j = 0; j < p.Count; j++)
                {
                    var d = LineDistance.Symmetric(t[i].Points, p[j].O.Points);
                    cost[(i * p.Count) + j] = d <= gate ? d : double.PositiveInfinity;
                }
            }

            var match = GatedAssignment.Solve(cost, t.Count, p.Count, gate);
            var used = 0;
            for (var i = 0; i < t.Count; i++)
            {
                if (match[i] < 0)
                {
                    missed++;
                    continue;
                }

                used++;
                distanceSum += cost[(i * p.Count) + match[i]];
                observations.Add(new ScoredObservation(frame, p[match[i]].Id, t[i].Label));
            }

            spurious += p.Count - used;
        }

        return new TrackEvaluation(
            byFrame.Count,
            observations.Count,
            missed,
            spurious,
            observations.Count > 0 ? distanceSum / observations.Count : double.NaN,
            observations.Count > 0 ? TrackingScore.Compute(observations) : null);
    }

    private static (List<(int Id, TrackObservation O)> P, List<TrackObservation> T) Frame(
        SortedDictionary<int, (List<(int Id, TrackObservation O)> P, List<TrackObservation> T)> frames, int frame)
    {
        if (!frames.TryGetValue(frame, out var entry))
        {
            entry = ([], []);
            frames.Add(frame, entry);
        }

        return entry;
    }
}
