using Dislocate.Core.Geometry;
using Dislocate.Track.Analysis;
using static Dislocate.Track.Tests.Analysis.AnalysisTracks;

namespace Dislocate.Track.Tests.Analysis;

public class JerkyMotionTests
{
    private const double Tolerance = 1e-9;

    /// <summary>A vertical line moving along +x by the given steps, one per frame.</summary>
    private static JerkyMotionResult StepsOf(double[] steps, JerkyMotionOptions? options = null)
    {
        var x = new double[steps.Length + 1];
        for (var i = 0; i < steps.Length; i++)
        {
            x[i + 1] = x[i] + steps[i];
        }

        var track = Moving(4, Vertical(10), Enumerable.Range(0, x.Length), f => new PointD(x[f], 0));
        return JerkyMotion.Analyze(TrackKinematics.Compute(track), options);
    }

    [Fact]
    public void Stop_go_sequence_gives_known_fractions_bursts_and_quantiles()
    {
        var result = StepsOf([0, 0, 3, 4, 0, 0.2, 5, 0]);

        Assert.Equal(4, result.TrackId);
        Assert.Equal(8, result.Steps.Count);
        Assert.Equal([true, true, false, false, true, true, false, true], result.Steps.Select(s => s.IsStop));
        Assert.Equal(Enumerable.Range(0, 8), result.Steps.Select(s => s.FromFrame));
        Assert.Equal(Enumerable.Range(1, 8), result.Steps.Select(s => s.ToFrame));
        Assert.Equal(5.0 / 8, result.StopFraction, Tolerance);
        Assert.Equal(3.0 / 8, result.GoFraction, Tolerance);

        // Stop→go at steps 1→2 and 5→6.
        Assert.Equal(2, result.Bursts);

        // Sorted: 0 0 0 0 0.2 3 4 5; type-7 quantiles at h = 7p.
        var stats = result.Statistics;
        Assert.Equal(8, stats.Count);
        Assert.Equal(12.2 / 8, stats.Mean, Tolerance);
        Assert.Equal(Math.Sqrt(31.435 / 7), stats.StandardDeviation, Tolerance);
        Assert.Equal(0, stats.P10, Tolerance);
        Assert.Equal(0.1, stats.P50, Tolerance);
        Assert.Equal(4.3, stats.P90, Tolerance);
        Assert.Equal(5, stats.Max, Tolerance);
    }

    [Fact]
    public void Stop_threshold_decides_what_a_stop_is()
    {
        var result = StepsOf([0, 0, 3, 4, 0, 0.2, 5, 0], new JerkyMotionOptions(StopThreshold: 0.1));

        Assert.Equal(4.0 / 8, result.StopFraction, Tolerance);
        Assert.Equal(2, result.Bursts);
        Assert.False(result.Steps[5].IsStop);
    }

    [Fact]
    public void A_large_backward_step_is_a_go_and_a_track_that_starts_moving_has_no_burst_until_it_stops()
    {
        var result = StepsOf([2, -1, 2, 2]);

        Assert.Equal(0, result.StopFraction);
        Assert.Equal(1, result.GoFraction);
        Assert.Equal(0, result.Bursts);
        Assert.Equal(-1, result.Steps[1].Size, Tolerance);
    }

    [Fact]
    public void A_gap_gives_one_step_at_its_mean_rate()
    {
        var x = new Dictionary<int, double> { [0] = 0, [1] = 1, [3] = 5 };
        var track = Moving(1, Vertical(0), x.Keys, f => new PointD(x[f], 0));

        var result = JerkyMotion.Analyze(TrackKinematics.Compute(track));

        Assert.Equal(2, result.Steps.Count);
        Assert.Equal(new TrackStep(1, 3, result.Steps[1].Size, false), result.Steps[1]);
        Assert.Equal(2, result.Steps[1].Size, Tolerance);
    }

    [Fact]
    public void Single_observation_has_no_steps_and_undefined_fractions()
    {
        var track = new TrackHistory(2, [new TrackObservation(5, 1, Vertical(0))]);

        var result = JerkyMotion.Analyze(TrackKinematics.Compute(track));

        Assert.Empty(result.Steps);
        Assert.True(double.IsNaN(result.StopFraction));
        Assert.True(double.IsNaN(result.GoFraction));
        Assert.Equal(0, result.Bursts);
        Assert.Equal(0, result.Statistics.Count);
        Assert.True(double.IsNaN(result.Statistics.Mean));
        Assert.True(double.IsNaN(result.Statistics.Max));
    }

    [Fact]
    public void One_step_has_no_standard_deviation()
    {
        var stats = StepStatistics.Of([1.5]);

        Assert.Equal(1.5, stats.Mean);
        Assert.Equal(1.5, stats.P10);
        Assert.Equal(1.5, stats.Max);
        Assert.True(double.IsNaN(stats.StandardDeviation));
    }

    [Fact]
    public void Histogram_counts_values_in_fixed_bins_and_keeps_the_rest_apart()
    {
        double[] values = [0, 0, 0, 0, 0.2, 3, 4, 5, 6, -1, 7, double.NaN];

        var histogram = StepHistogram.Compute(values, 0, 6, 3);

        // [0, 2): 0 0 0 0 0.2; [2, 4): 3; [4, 6]: 4 5 6 (the last bin holds its upper edge).
        Assert.Equal([5, 1, 3], histogram.Counts);
        Assert.Equal(1, histogram.Below);
        Assert.Equal(1, histogram.Above);
        Assert.Equal(1, histogram.NotFinite);
        Assert.Equal(2, histogram.BinLower(1));
        Assert.Equal(4, histogram.BinUpper(1));
        Assert.Equal(6, histogram.BinUpper(2));
    }

    [Fact]
    public void Histogram_edges_decide_values_that_rounding_would_misplace()
    {
        // Over [−0.3, 1.1] in 7 bins the edge of bin 3 is −0.3 + 1.4·3/7 = 0.3, but (0.3 + 0.3)/1.4·7 rounds to 2.999….
        var histogram = StepHistogram.Compute([0.3, 0.2999999], -0.3, 1.1, 7);

        Assert.Equal(0.3, histogram.BinLower(3));
        Assert.Equal(1, histogram.Counts[3]);
        Assert.Equal(1, histogram.Counts[2]);
        Assert.Equal(2, histogram.Counts.Sum());
    }

    [Fact]
    public void Bad_options_and_ranges_are_rejected()
    {
        var kinematics = TrackKinematics.Compute(new TrackHistory(1, [new TrackObservation(0, 1, Vertical(0))]));

        Assert.Contains("StopThreshold", Assert.Throws<ArgumentException>(() => JerkyMotion.Analyze(kinematics, new JerkyMotionOptions(0))).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => StepHistogram.Compute([1.0], 2, 2, 3));
        Assert.Throws<ArgumentException>(() => StepHistogram.Compute([1.0], 0, 2, 0));
    }
}
