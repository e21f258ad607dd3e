using Dislocate.Track.Analysis;
using Dislocate.Track.Lines;
using Dislocate.Track.Pipeline;
using static Dislocate.Track.Outputs.CsvNumbers;

namespace Dislocate.Track.Outputs;

/// <summary>
/// The columns and rows of the track tables; units are in the column names (px, nm, per_px, px_per_frame, nm_per_s,
/// deg, mpa). Pixel coordinates follow the project's convention: pixel (c, r) covers [c, c+1) × [r, r+1). Frames are
/// numbered from 1, as ImageJ numbers slices and Segment numbers its rows (the pipeline counts from 0 inside).
/// </summary>
/// <remarks>
/// Angles are degrees counter-clockwise from the image x axis as seen on screen (ImageJ's convention, atan2(−dy, dx)).
/// Curvature is positive where a line turns counter-clockwise on screen walking from its first point to its last
/// (max_abs_curvature and min_radius are pointwise and noisy, about 0.003 px⁻¹; mean_curvature is good to about
/// 0.001 px⁻¹, and mean_stress follows it);
/// within a track the points keep one order, so the sign means the same in every frame. nm columns stay empty without
/// a pixel size, stress columns without shear modulus and Burgers vector.
/// </remarks>
internal static class TrackTables
{
    /// <summary>lines.csv: one row per line and frame.</summary>
    public const string LinesHeader =
        "frame,track,label,length_px,length_nm,x_start_px,y_start_px,x_end_px,y_end_px,x_centroid_px,y_centroid_px,direction_deg," +
        "mean_curvature_per_px,mean_abs_curvature_per_px,max_abs_curvature_per_px,min_radius_px,min_radius_nm,max_abs_stress_mpa,mean_stress_mpa,pixels";

    /// <summary>points.csv: one row per point of every line.</summary>
    public const string PointsHeader = "frame,track,label,point,x_px,y_px,x_nm,y_nm,curvature_per_px,radius_px,radius_nm,stress_mpa";

    /// <summary>tracks.csv: one row per track and frame.</summary>
    public const string TracksHeader =
        "track,frame,label,x_centroid_px,y_centroid_px,x_leading_px,y_leading_px,dx_px,dy_px,displacement_along_px," +
        "vx_px_per_frame,vy_px_per_frame,speed_px_per_frame,v_along_px_per_frame,speed_nm_per_s,v_along_nm_per_s,length_px,mean_curvature_per_px";

    /// <summary>track_summary.csv: one row per track.</summary>
    public const string SummaryHeader =
        "track,pileup,rank,frames_seen,first_frame,last_frame,motion_direction_deg,net_displacement_px,mean_v_along_px_per_frame,mean_v_along_nm_per_s," +
        "stop_fraction,go_fraction,bursts,step_mean_px_per_frame,step_sd_px_per_frame,step_p10_px_per_frame,step_p50_px_per_frame,step_p90_px_per_frame,step_max_px_per_frame";

    /// <summary>steps.csv: one row per step of every track.</summary>
    public const string StepsHeader = "track,from_frame,to_frame,step_px_per_frame,stop";

    /// <summary>step_histogram.csv: per track, the count of steps in each of <see cref="StepBins"/> bins shared by all tracks.</summary>
    public const string StepHistogramHeader = "track,bin,from_px_per_frame,to_px_per_frame,steps";

    /// <summary>Bins of step_histogram.csv, equal in width from the smallest to the largest step of the run.</summary>
    public const int StepBins = 20;

    /// <summary>pairs.csv: one row per neighbour pair of a pileup and frame.</summary>
    public const string PairsHeader = "pileup,pair,track_a,track_b,frame,distance_px,distance_nm";

    /// <summary>The lines.csv row of <paramref name="line"/> in <paramref name="frame"/>.</summary>
    public static string LineRow(int frame, TrackedLine line, PhysicalScale scale)
    {
        var m = line.Measures;
        var nm = scale.PixelSizeNm;
        var minRadius = m.MaxAbsCurvature > 0 ? 1.0 / m.MaxAbsCurvature : double.PositiveInfinity;
        double? maxStress = null, meanStress = null;
        if (line.StressMPa is { Length: > 0 } stress)
        {
            // The largest |τ| comes from the largest pointwise |κ|, which carries the pointwise noise (~0.003 px⁻¹);
            // the mean τ comes from the mean signed curvature, the line's well-measured bow (stress ∝ curvature).
            maxStress = stress.Max(Math.Abs);
            meanStress = stress.Average();
        }

        return Row(
            Cell(frame + 1), Cell(line.TrackId), Cell(line.Line.Label), Cell(line.Line.Length), Cell(line.Line.Length * nm),
            Cell(m.Start.X), Cell(m.Start.Y), Cell(m.End.X), Cell(m.End.Y), Cell(m.Centroid.X), Cell(m.Centroid.Y), Cell(m.DirectionDegrees),
            Cell(m.MeanCurvature), Cell(m.MeanAbsCurvature), Cell(m.MaxAbsCurvature), Cell(minRadius), Cell(minRadius * nm),
            Cell(maxStress), Cell(meanStress), Cell(line.Line.Pixels));
    }

    /// <summary>The points.csv rows of <paramref name="line"/>, written through <paramref name="write"/>.</summary>
    public static void PointRows(int frame, TrackedLine line, PhysicalScale scale, Action<string> write)
    {
        var m = line.Measures;
        var nm = scale.PixelSizeNm;
        for (var i = 0; i < m.Points.Length; i++)
        {
            var p = m.Points[i];
            write(Row(
                Cell(frame + 1), Cell(line.TrackId), Cell(line.Line.Label), Cell(i), Cell(p.X), Cell(p.Y), Cell(p.X * nm), Cell(p.Y * nm),
                Cell(m.Curvature[i]), Cell(m.Radius[i]), Cell(m.Radius[i] * nm), Cell(line.StressMPa?[i])));
        }
    }

    /// <summary>The tracks.csv rows of one track.</summary>
    public static IEnumerable<string> TrackRows(TrackKinematicsResult kinematics)
    {
        foreach (var s in kinematics.States)
        {
            yield return Row(
                Cell(kinematics.Summary.TrackId), Cell(s.Frame + 1), Cell(s.Label), Cell(s.Centroid.X), Cell(s.Centroid.Y), Cell(s.LeadingPoint.X), Cell(s.LeadingPoint.Y),
                Cell(s.Displacement.X), Cell(s.Displacement.Y), Cell(s.DisplacementAlong),
                Cell(s.Velocity?.Vx), Cell(s.Velocity?.Vy), Cell(s.Velocity?.Speed), Cell(s.Velocity?.Along),
                Cell(s.VelocityNmPerSecond?.Speed), Cell(s.VelocityNmPerSecond?.Along), Cell(s.Length), Cell(s.MeanCurvature));
        }
    }

    /// <summary>The track_summary.csv row of one track (<paramref name="pileup"/> 0 and rank 0 when in no pileup).</summary>
    public static string SummaryRow(TrackMotionSummary s, JerkyMotionResult j, int pileup, int rank)
    {
        var st = j.Statistics;
        return Row(
            Cell(s.TrackId), Cell(pileup), Cell(rank), Cell(s.FramesSeen), Cell(s.FirstFrame + 1), Cell(s.LastFrame + 1), Cell(s.MotionDirectionDegrees),
            Cell(s.NetDisplacement), Cell(s.MeanVelocityAlong), Cell(s.MeanVelocityAlongNmPerSecond),
            Cell(j.StopFraction), Cell(j.GoFraction), Cell(j.Bursts), Cell(st.Mean), Cell(st.StandardDeviation), Cell(st.P10), Cell(st.P50), Cell(st.P90), Cell(st.Max));
    }

    /// <summary>
    /// The step_histogram.csv rows of a run: each track's step-size distribution over bins shared by all tracks (equal
    /// width between the run's smallest and largest step), so the tracks' distributions can be compared bin by bin.
    /// </summary>
    public static IEnumerable<string> StepHistogramRows(IReadOnlyList<JerkyMotionResult> tracks)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        var all = tracks.SelectMany(t => t.Steps).Select(s => s.Size).Where(double.IsFinite).ToList();
        if (all.Count == 0)
        {
            yield break;
        }

        var min = all.Min();
        var max = all.Max();
        if (!(max > min))
        {
            max = min + 1; // all steps equal: one-pixel-wide bins from that value
        }

        foreach (var t in tracks)
        {
            var histogram = StepHistogram.Compute(t.Steps.Select(s => s.Size).ToArray(), min, max, StepBins);
            for (var b = 0; b < StepBins; b++)
            {
                yield return Row(Cell(t.TrackId), Cell(b + 1), Cell(histogram.BinLower(b)), Cell(histogram.BinUpper(b)), Cell(histogram.Counts[b]));
            }
        }
    }

    /// <summary>The steps.csv rows of one track.</summary>
    public static IEnumerable<string> StepRows(JerkyMotionResult j) =>
        j.Steps.Select(s => Row(Cell(j.TrackId), Cell(s.FromFrame + 1), Cell(s.ToFrame + 1), Cell(s.Size), s.IsStop ? "1" : "0"));

    /// <summary>The track_summary.csv rows of a run, with each track's pileup and rank from the leading one.</summary>
    public static IEnumerable<string> SummaryRows(TrackingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var membership = Pileup.Membership(result.Pileups);
        for (var i = 0; i < result.Kinematics.Count; i++)
        {
            var summary = result.Kinematics[i].Summary;
            var (pileup, rank) = membership.GetValueOrDefault(summary.TrackId);
            yield return SummaryRow(summary, result.Jerky[i], pileup, rank);
        }
    }

    /// <summary>The pairs.csv rows of a run.</summary>
    public static IEnumerable<string> PairRows(TrackingResult result, PhysicalScale scale)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(scale);
        return result.Pairs.SelectMany(p => PairRows(p, scale));
    }

    /// <summary>The pairs.csv rows of one pair.</summary>
    public static IEnumerable<string> PairRows(PileupPair pair, PhysicalScale scale)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(scale);
        var d = pair.Distances;
        return d.Samples.Select(s => Row(
            Cell(pair.PileupId), Cell(pair.Rank), Cell(d.FirstTrackId), Cell(d.SecondTrackId), Cell(s.Frame + 1), Cell(s.Distance), Cell(s.Distance * scale.PixelSizeNm)));
    }
}
