namespace Dislocate.Track.Analysis;

/// <summary>How <see cref="JerkyMotion"/> tells a stop from a go.</summary>
/// <remarks>
/// Default StopThreshold 0.5 px/frame: a centre line from a Lee skeleton and a smoothing spline jitters by a fraction of
/// a pixel from frame to frame, and the generator's sequence mode (beyond the paper) lets each dislocation of a pinned
/// pileup breathe by up to ±0.5 px while a gliding one steps 1 to 6 px; so a step under half a pixel per frame is a stop
/// and anything from one pixel up is clearly a go.
/// </remarks>
/// <param name="StopThreshold">A step whose along-motion size has magnitude below this (px/frame) is a stop; &gt; 0.</param>
public sealed record JerkyMotionOptions(double StopThreshold = 0.5)
{
    /// <summary>The default options.</summary>
    public static JerkyMotionOptions Default { get; } = new();

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first option that is out of range.</summary>
    public void Validate()
    {
        if (!(this.StopThreshold > 0) || double.IsInfinity(this.StopThreshold))
        {
            throw new ArgumentException(FormattableString.Invariant($"JerkyMotionOptions.StopThreshold must be positive and finite. Got {this.StopThreshold}."));
        }
    }
}
