namespace Dislocate.Track.Analysis;

/// <summary>When tracks form a pileup (see <see cref="PileupGrouping"/>).</summary>
/// <remarks>
/// Defaults: AngleToleranceDegrees 10 (the lines of one pileup are near-parallel copies of the leader with some random
/// shape, as in the paper's generator; lines of different slip systems differ by tens of degrees). MaxSpacing 50 px
/// (above the generator's largest spacing of 40 px between neighbours; a pileup is linked through neighbours, so this
/// bounds only the gap to the nearest one). MinCommonFrames 1 (any shared frame can tell the distance). MinTracks 2 (a
/// pileup is a group; a lone track is reported as no pileup). StationaryDisplacement 1 px (as
/// <see cref="TrackKinematicsOptions.StationaryThreshold"/>: less than a pixel of drift over the pileup's frames is noise).
/// </remarks>
/// <param name="AngleToleranceDegrees">Largest difference (degrees) between two tracks' mean line directions that still links them; in [0, 90].</param>
/// <param name="MaxSpacing">Largest mean line distance (px) over common frames that still links two tracks; &gt; 0.</param>
/// <param name="MinCommonFrames">Frames two tracks must share to be linked; ≥ 1.</param>
/// <param name="MinTracks">Smallest group reported as a pileup; ≥ 1.</param>
/// <param name="StationaryDisplacement">Drift (px) along the stacking direction over the pileup's frames below which the pileup counts as not moving; ≥ 0.</param>
public sealed record PileupOptions(
    double AngleToleranceDegrees = 10.0,
    double MaxSpacing = 50.0,
    int MinCommonFrames = 1,
    int MinTracks = 2,
    double StationaryDisplacement = 1.0)
{
    /// <summary>The default options.</summary>
    public static PileupOptions Default { get; } = new();

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first option that is out of range.</summary>
    public void Validate()
    {
        if (!(this.AngleToleranceDegrees >= 0 && this.AngleToleranceDegrees <= 90))
        {
            throw new ArgumentException(FormattableString.Invariant($"PileupOptions.AngleToleranceDegrees must lie in [0, 90]. Got {this.AngleToleranceDegrees}."));
        }

        if (!(this.MaxSpacing > 0) || double.IsInfinity(this.MaxSpacing))
        {
            throw new ArgumentException(FormattableString.Invariant($"PileupOptions.MaxSpacing must be positive and finite. Got {this.MaxSpacing}."));
        }

        if (this.MinCommonFrames < 1)
        {
            throw new ArgumentException(FormattableString.Invariant($"PileupOptions.MinCommonFrames must be at least 1. Got {this.MinCommonFrames}."));
        }

        if (this.MinTracks < 1)
        {
            throw new ArgumentException(FormattableString.Invariant($"PileupOptions.MinTracks must be at least 1. Got {this.MinTracks}."));
        }

        if (!(this.StationaryDisplacement >= 0) || double.IsInfinity(this.StationaryDisplacement))
        {
            throw new ArgumentException(FormattableString.Invariant($"PileupOptions.StationaryDisplacement must be finite and not negative. Got {this.StationaryDisplacement}."));
        }
    }
}
