using Dislocate.Core.Geometry;
using Dislocate.Track.Analysis;
using Dislocate.Track.Lines;
using static Dislocate.Track.Tests.Analysis.AnalysisTracks;

namespace Dislocate.Track.Tests.Analysis;

public class TrackKinematicsTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Straight_line_translating_two_px_per_frame_moves_two_px_per_frame_along_its_motion()
    {
        var track = Translating(3, Vertical(10), new PointD(2, 0), Enumerable.Range(0, 6));

        var result = TrackKinematics.Compute(track);

        Assert.Null(result.States[0].Velocity);
        for (var f = 0; f < 6; f++)
        {
            var state = result.States[f];
            Assert.Equal(f, state.Frame);
            Assert.Equal(10 + (2.0 * f), state.Centroid.X, Tolerance);
            Assert.Equal(50, state.Centroid.Y, Tolerance);
            Assert.Equal(2.0 * f, state.Displacement.X, Tolerance);
            Assert.Equal(0, state.Displacement.Y, Tolerance);
            Assert.Equal(2.0 * f, state.DisplacementAlong, Tolerance);
            Assert.Equal(100, state.Length, 1e-9);
            Assert.Equal(0, state.MeanCurvature, 1e-12);

            // Perpendicular to its motion the whole line is the leading front: its midpoint leads.
            Assert.Equal(10 + (2.0 * f), state.LeadingPoint.X, Tolerance);
            Assert.Equal(50, state.LeadingPoint.Y, Tolerance);
            if (f > 0)
            {
                var v = state.Velocity!;
                Assert.Equal(2, v.Vx, Tolerance);
                Assert.Equal(0, v.Vy, Tolerance);
                Assert.Equal(2, v.Speed, Tolerance);
                Assert.Equal(2, v.Along, Tolerance);
            }
        }

        var summary = result.Summary;
        Assert.Equal(3, summary.TrackId);
        Assert.Equal(6, summary.FramesSeen);
        Assert.Equal(0, summary.FirstFrame);
        Assert.Equal(5, summary.LastFrame);
        Assert.Equal(2, summary.Drift.X, Tolerance);
        Assert.Equal(0, summary.Drift.Y, Tolerance);
        Assert.Equal(0, summary.MotionDirectionDegrees, Tolerance);
        Assert.Equal(10, summary.NetDisplacement, Tolerance);
        Assert.False(summary.IsStationary);
        Assert.Equal(2, summary.MeanVelocityAlong, Tolerance);
        Assert.Null(summary.MeanVelocityAlongNmPerSecond);
    }

    [Theory]
    [InlineData(2.0, 0.0, 0.0, true)]
    [InlineData(-2.0, 0.0, 180.0, false)]
    public void Tilted_line_leads_with_the_end_ahead_of_its_motion(double vx, double vy, double degrees, bool endLeads)
    {
        // From (0, 0) to (20, 100): the end lies 20 px further along +x than the start.
        var line = Segment(new PointD(0, 0), new PointD(20, 100));
        var track = Translating(1, line, new PointD(vx, vy), Enumerable.Range(0, 4));

        var exact = TrackKinematics.Compute(track, options: new TrackKinematicsOptions(LeadingTolerance: 0));
        var front = TrackKinematics.Compute(track);

        Assert.Equal(degrees, exact.Summary.MotionDirectionDegrees, 1e-9);
        foreach (var (state, observation) in exact.States.Zip(track.Observations))
        {
            Assert.Equal(endLeads ? observation.Points[^1] : observation.Points[0], state.LeadingPoint);
        }

        // With the default 0.5 px front the two outermost points (0.41 px apart along x) share the lead.
        foreach (var (state, observation) in front.States.Zip(track.Observations))
        {
            var expected = endLeads
                ? PointD.Lerp(observation.Points[^2], observation.Points[^1], 0.5)
                : PointD.Lerp(observation.Points[0], observation.Points[1], 0.5);
            Assert.Equal(expected.X, state.LeadingPoint.X, Tolerance);
            Assert.Equal(expected.Y, state.LeadingPoint.Y, Tolerance);
        }
    }

    [Fact]
    public void Motion_up_the_screen_is_ninety_degrees()
    {
        var track = Translating(1, Horizontal(50), new PointD(0, -1.5), Enumerable.Range(0, 4));

        var summary = TrackKinematics.Compute(track).Summary;

        Assert.Equal(90, summary.MotionDirectionDegrees, 1e-9);
        Assert.Equal(0, summary.MotionDirection.X, Tolerance);
        Assert.Equal(-1, summary.MotionDirection.Y, Tolerance);
        Assert.Equal(1.5, summary.MeanVelocityAlong, Tolerance);
    }

    [Fact]
    public void Bowed_line_leads_with_its_apex_and_has_curvature_minus_one_over_radius()
    {
        // A 90° arc of radius 50 bulging toward +x, walked downwards on screen: it turns clockwise, so κ = −1/50.
        const double radius = 50;
        var arc = new PointD[51];
        for (var i = 0; i < arc.Length; i++)
        {
            var phi = (-45 + (90.0 * i / 50)) * Math.PI / 180;
            arc[i] = new PointD(radius * Math.Cos(phi), radius * Math.Sin(phi));
        }

        var track = Translating(1, arc, new PointD(1, 0), Enumerable.Range(0, 5));

        var result = TrackKinematics.Compute(track);

        foreach (var (state, f) in result.States.Select((s, f) => (s, f)))
        {
            Assert.Equal(radius + f, state.LeadingPoint.X, 1e-12);
            Assert.Equal(0, state.LeadingPoint.Y, 1e-12);
            // The grouped three-point estimator of LineGeometry reads a circle up to 1.5 % high (see its remarks).
            Assert.InRange(state.MeanCurvature, -1.015 / radius, -1 / radius);
        }
    }

    [Fact]
    public void Velocity_in_nm_per_second_is_px_per_frame_times_pixel_size_over_frame_interval()
    {
        var track = Translating(1, Vertical(10), new PointD(2, 0), Enumerable.Range(0, 3));

        // 2 px/frame · 2.5 nm/px / 0.04 s/frame = 125 nm/s.
        var result = TrackKinematics.Compute(track, new PhysicalScale(PixelSizeNm: 2.5, FrameIntervalSeconds: 0.04));

        var v = result.States[2].VelocityNmPerSecond!;
        Assert.Equal(125, v.Vx, 1e-9);
        Assert.Equal(0, v.Vy, 1e-9);
        Assert.Equal(125, v.Speed, 1e-9);
        Assert.Equal(125, v.Along, 1e-9);
        Assert.Equal(125, result.Summary.MeanVelocityAlongNmPerSecond!.Value, 1e-9);
        Assert.Null(result.States[0].VelocityNmPerSecond);
    }

    [Fact]
    public void Velocity_in_nm_per_second_needs_both_pixel_size_and_frame_interval()
    {
        var track = Translating(1, Vertical(10), new PointD(2, 0), Enumerable.Range(0, 3));

        var pixelOnly = TrackKinematics.Compute(track, new PhysicalScale(PixelSizeNm: 2.5));
        var intervalOnly = TrackKinematics.Compute(track, new PhysicalScale(FrameIntervalSeconds: 0.04));

        Assert.Null(pixelOnly.States[1].VelocityNmPerSecond);
        Assert.Null(intervalOnly.States[1].VelocityNmPerSecond);
        Assert.Null(pixelOnly.Summary.MeanVelocityAlongNmPerSecond);
        Assert.NotNull(pixelOnly.States[1].Velocity);
    }

    [Fact]
    public void A_gap_divides_the_displacement_by_its_frame_count()
    {
        var x = new Dictionary<int, double> { [0] = 0, [1] = 1, [4] = 10 };
        var track = Moving(1, Vertical(0), x.Keys, f => new PointD(x[f], 0));

        var result = TrackKinematics.Compute(track);

        Assert.Equal(1, result.States[1].Velocity!.Vx, Tolerance);
        Assert.Equal(3, result.States[2].Velocity!.Vx, Tolerance);

        // Least squares over frames (0, 1, 4) and x (0, 1, 10): slope 204/78.
        Assert.Equal(204.0 / 78.0, result.Summary.Drift.X, 1e-12);
        Assert.Equal(10.0 / 4.0, result.Summary.MeanVelocityAlong, Tolerance);
    }

    [Fact]
    public void Single_observation_has_no_velocity_and_leads_with_its_midpoint()
    {
        var line = Segment(new PointD(0, 0), new PointD(20, 100));
        var track = new TrackHistory(9, [new TrackObservation(7, 2, line)]);

        var result = TrackKinematics.Compute(track, new PhysicalScale(2.5, 0.04));

        var state = Assert.Single(result.States);
        Assert.Null(state.Velocity);
        Assert.Null(state.VelocityNmPerSecond);
        Assert.Equal(0, state.DisplacementAlong);
        Assert.Equal(PointD.Lerp(line[24], line[25], 0.5), state.LeadingPoint);
        Assert.Equal(1, result.Summary.FramesSeen);
        Assert.Equal(PointD.Zero, result.Summary.MotionDirection);
        Assert.True(double.IsNaN(result.Summary.MotionDirectionDegrees));
        Assert.True(double.IsNaN(result.Summary.MeanVelocityAlong));
        Assert.True(double.IsNaN(result.Summary.MeanVelocityAlongNmPerSecond!.Value));
        Assert.True(result.Summary.IsStationary);
    }

    [Fact]
    public void Jittering_track_is_stationary_and_leads_with_its_midpoint()
    {
        var line = Segment(new PointD(0, 0), new PointD(20, 100), 51);
        var track = Moving(1, line, Enumerable.Range(0, 6), f => new PointD(0.3 * (f % 2), 0));

        var result = TrackKinematics.Compute(track);

        Assert.True(result.Summary.IsStationary);
        Assert.Equal(0.3, result.Summary.NetDisplacement, Tolerance);
        foreach (var (state, observation) in result.States.Zip(track.Observations))
        {
            Assert.Equal(observation.Points[25], state.LeadingPoint);
        }
    }

    [Fact]
    public void Bad_tracks_and_options_are_rejected_with_the_track_and_the_problem()
    {
        var line = Vertical(0);
        var empty = new TrackHistory(7, []);
        var backwards = new TrackHistory(8, [new TrackObservation(3, 1, line), new TrackObservation(2, 1, line)]);
        var onePoint = new TrackHistory(9, [new TrackObservation(0, 1, [new PointD(1, 1)])]);
        var ok = new TrackHistory(10, [new TrackObservation(0, 1, line)]);

        Assert.Contains("Track 7 has no observations", Assert.Throws<ArgumentException>(() => TrackKinematics.Compute(empty)).Message, StringComparison.Ordinal);
        Assert.Contains("frame 2 follows frame 3", Assert.Throws<ArgumentException>(() => TrackKinematics.Compute(backwards)).Message, StringComparison.Ordinal);
        Assert.Contains("Track 9", Assert.Throws<ArgumentException>(() => TrackKinematics.Compute(onePoint)).Message, StringComparison.Ordinal);
        Assert.Contains("StationaryThreshold", Assert.Throws<ArgumentException>(() => TrackKinematics.Compute(ok, options: new TrackKinematicsOptions(StationaryThreshold: -1))).Message, StringComparison.Ordinal);
        Assert.Contains("PixelSizeNm", Assert.Throws<ArgumentException>(() => TrackKinematics.Compute(ok, new PhysicalScale(PixelSizeNm: 0))).Message, StringComparison.Ordinal);
    }
}
