using Dislocate.Track.Analysis;
using Dislocate.Track.Pipeline;
using static Dislocate.Track.Outputs.CsvNumbers;

namespace Dislocate.Track.Outputs;

/// <summary>
/// The JSON form of a tracking result: per track its summary, step statistics, pileup and per-frame states; the
/// pileups; the neighbour distances. Line points are in points.csv (not repeated here, so the JSON stays small for
/// long stacks). Numbers are rounded like the tables; undefined values are null.
/// </summary>
internal static class TrackJson
{
    /// <summary>A serialisable tree of <paramref name="result"/> (dictionaries keep the key order fixed).</summary>
    public static Dictionary<string, object?> Of(TrackingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var pileupOf = Analysis.Pileup.Membership(result.Pileups);

        var tracks = new List<object>(result.Tracks.Count);
        for (var i = 0; i < result.Tracks.Count; i++)
        {
            var k = result.Kinematics[i];
            var j = result.Jerky[i];
            var s = k.Summary;
            var member = pileupOf.TryGetValue(s.TrackId, out var m) ? m : ((int Pileup, int Rank)?)null;
            tracks.Add(new Dictionary<string, object?>
            {
                ["id"] = s.TrackId,
                ["pileup"] = member?.Pileup,
                ["rank"] = member?.Rank,
                ["frames_seen"] = s.FramesSeen,
                ["first_frame"] = s.FirstFrame + 1,
                ["last_frame"] = s.LastFrame + 1,
                ["motion_direction_deg"] = Json(s.MotionDirectionDegrees),
                ["net_displacement_px"] = Json(s.NetDisplacement),
                ["stationary"] = s.IsStationary,
                ["mean_v_along_px_per_frame"] = Json(s.MeanVelocityAlong),
                ["mean_v_along_nm_per_s"] = Json(s.MeanVelocityAlongNmPerSecond),
                ["stop_fraction"] = Json(j.StopFraction),
                ["go_fraction"] = Json(j.GoFraction),
                ["bursts"] = j.Bursts,
                ["steps"] = Steps(j.Statistics),
                ["states"] = k.States.Select(State).ToList(),
            });
        }

        return new Dictionary<string, object?>
        {
            ["tracks"] = tracks,
            ["pileups"] = result.Pileups.Select(Pileup).ToList(),
            ["pairs"] = Pairs(result.Pairs),
        };
    }

    /// <summary>The JSON form of neighbour or chosen pairs (summary per pair; per-frame values are in pairs.csv).</summary>
    public static List<Dictionary<string, object?>> Pairs(IEnumerable<PileupPair> pairs) => pairs.Select(Pair).ToList();

    private static Dictionary<string, object?> Steps(StepStatistics s) => new()
    {
        ["count"] = s.Count,
        ["mean_px_per_frame"] = Json(s.Mean),
        ["sd_px_per_frame"] = Json(s.StandardDeviation),
        ["p10_px_per_frame"] = Json(s.P10),
        ["p50_px_per_frame"] = Json(s.P50),
        ["p90_px_per_frame"] = Json(s.P90),
        ["max_px_per_frame"] = Json(s.Max),
    };

    private static Dictionary<string, object?> State(TrackState s) => new()
    {
        ["frame"] = s.Frame + 1,
        ["label"] = s.Label,
        ["centroid_px"] = new[] { Json(s.Centroid.X), Json(s.Centroid.Y) },
        ["leading_px"] = new[] { Json(s.LeadingPoint.X), Json(s.LeadingPoint.Y) },
        ["displacement_along_px"] = Json(s.DisplacementAlong),
        ["v_along_px_per_frame"] = Json(s.Velocity?.Along),
        ["speed_px_per_frame"] = Json(s.Velocity?.Speed),
        ["v_along_nm_per_s"] = Json(s.VelocityNmPerSecond?.Along),
        ["length_px"] = Json(s.Length),
        ["mean_curvature_per_px"] = Json(s.MeanCurvature),
    };

    private static Dictionary<string, object?> Pileup(Pileup p) => new()
    {
        ["id"] = p.Id,
        ["tracks_from_leading"] = p.TrackIds,
        ["line_direction_deg"] = Json(p.LineDirectionDegrees),
        ["stacking_direction"] = new[] { Json(p.StackingDirection.X), Json(p.StackingDirection.Y) },
        ["mean_drift_px_per_frame"] = new[] { Json(p.MeanDrift.X), Json(p.MeanDrift.Y) },
        ["spacings_px"] = p.Spacings.Select(v => Json(v)).ToList(),
        ["leading_rule"] = p.LeadingRule.ToString(),
    };

    private static Dictionary<string, object?> Pair(PileupPair p) => new()
    {
        ["pileup"] = p.PileupId,
        ["pair"] = p.Rank,
        ["track_a"] = p.Distances.FirstTrackId,
        ["track_b"] = p.Distances.SecondTrackId,
        ["frames"] = p.Distances.Samples.Count,
        ["mean_distance_px"] = Json(p.Distances.Mean),
        ["min_distance_px"] = Json(p.Distances.Min),
        ["max_distance_px"] = Json(p.Distances.Max),
        ["empty_reason"] = p.Distances.EmptyReason,
    };
}
