using Dislocate.Core.Plotting;
using Dislocate.Track.Lines;
using Dislocate.Track.Pipeline;

namespace Dislocate.Track.Outputs;

/// <summary>The charts of a tracking run: neighbour distance against frame (Fig. 15 of the paper) and velocity against frame.</summary>
/// <remarks>
/// The x axis is time in seconds when the frame interval is known, else the frame number (1-based, as ImageJ counts);
/// distances are in nm when the pixel size is known, else px.
/// </remarks>
internal static class TrackPlots
{
    /// <summary>Neighbour distances of every pileup pair against time.</summary>
    public static LineChart Distances(TrackingResult result, PhysicalScale scale)
    {
        var series = result.Pairs
            .Where(p => p.Distances.Samples.Count > 0)
            .Select(p => new ChartSeries(
                p.PileupId > 0
                    ? $"pileup {p.PileupId}: {p.Distances.FirstTrackId}–{p.Distances.SecondTrackId}"
                    : $"tracks {p.Distances.FirstTrackId}–{p.Distances.SecondTrackId}",
                p.Distances.Samples.Select(s => Time(s.Frame, scale)).ToArray(),
                p.Distances.Samples.Select(s => s.Distance * (scale.PixelSizeNm ?? 1)).ToArray()))
            .ToList();
        return new LineChart("Distance between neighbouring dislocations", TimeLabel(scale), scale.PixelSizeNm is null ? "distance (px)" : "distance (nm)", series);
    }

    /// <summary>Each track's velocity along its motion direction against time.</summary>
    public static LineChart Velocities(TrackingResult result, PhysicalScale scale)
    {
        var physical = scale.PixelSizeNm is not null && scale.FrameIntervalSeconds is not null;
        var series = new List<ChartSeries>();
        foreach (var k in result.Kinematics)
        {
            var states = k.States.Where(s => s.Velocity is not null).ToList();
            if (states.Count == 0)
            {
                continue;
            }

            var y = physical ? states.Select(s => s.VelocityNmPerSecond!.Along) : states.Select(s => s.Velocity!.Along);
            series.Add(new ChartSeries($"track {k.Summary.TrackId}", states.Select(s => Time(s.Frame, scale)).ToArray(), y.ToArray()));
        }

        return new LineChart("Velocity along the motion direction", TimeLabel(scale), physical ? "velocity (nm/s)" : "velocity (px/frame)", series);
    }

    private static double Time(int frame, PhysicalScale scale) =>
        scale.FrameIntervalSeconds is { } dt ? frame * dt : frame + 1;

    private static string TimeLabel(PhysicalScale scale) => scale.FrameIntervalSeconds is null ? "frame" : "time (s)";
}
