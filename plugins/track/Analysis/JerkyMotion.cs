namespace Dislocate.Track.Analysis;

/// <summary>Detection of jerky motion: per-track steps along the motion direction, stop/go fractions, bursts and step sizes.</summary>
/// <remarks>
/// A step is the centroid displacement along the track's motion direction between consecutive observations divided by
/// their frame gap (the along-motion velocity of <see cref="TrackKinematics"/>), so a bridged gap of g frames is one step
/// at its mean rate, counted once. A step is a stop when its magnitude is below
/// <see cref="JerkyMotionOptions.StopThreshold"/> (a large backward step is a go too), else a go. Fractions count steps;
/// a single-observation track has no steps: fractions and statistics NaN, no bursts. For a histogram of the step sizes
/// on bins shared by all tracks, use <see cref="StepHistogram"/>.
/// </remarks>
public static class JerkyMotion
{
    /// <summary>The stop-and-go statistics of the track behind <paramref name="kinematics"/>.</summary>
    /// <exception cref="ArgumentException">The options are out of range.</exception>
    public static JerkyMotionResult Analyze(TrackKinematicsResult kinematics, JerkyMotionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(kinematics);
        options ??= JerkyMotionOptions.Default;
        options.Validate();

        var states = kinematics.States;
        var count = Math.Max(states.Count - 1, 0);
        var steps = new TrackStep[count];
        var sizes = new double[count];
        var stops = 0;
        var bursts = 0;
        for (var i = 0; i < count; i++)
        {
            var to = states[i + 1];
            var size = to.Velocity?.Along
                ?? throw new ArgumentException(FormattableString.Invariant($"Track {kinematics.Summary.TrackId}: the state of frame {to.Frame} has no velocity."), nameof(kinematics));
            var isStop = Math.Abs(size) < options.StopThreshold;
            steps[i] = new TrackStep(states[i].Frame, to.Frame, size, isStop);
            sizes[i] = size;
            stops += isStop ? 1 : 0;
            bursts += i > 0 && steps[i - 1].IsStop && !isStop ? 1 : 0;
        }

        var stopFraction = count > 0 ? (double)stops / count : double.NaN;
        var goFraction = count > 0 ? (double)(count - stops) / count : double.NaN;
        return new JerkyMotionResult(kinematics.Summary.TrackId, steps, stopFraction, goFraction, bursts, StepStatistics.Of(sizes));
    }
}
