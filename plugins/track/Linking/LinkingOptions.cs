using System.Text.Json.Serialization;
using Dislocate.Core.Geometry;
using Dislocate.Core.Numerics;

namespace Dislocate.Track.Linking;

/// <summary>How lines are linked frame to frame into tracks (see <see cref="TrackLinker"/>).</summary>
/// <remarks>
/// <para>Defaults. MaxDistance 20 px: the generator's glide steps are at most 6 px a frame (plus ±0.5 px jitter) and
/// line extraction adds about 1 px of noise, so a line bridged over the default MaxGap of 2 frames may have moved
/// 3 × 6.5 ≈ 20 px. The gate does not have to separate the neighbours of a pileup (spacings from 8 px): the optimal
/// assignment does that; the gate only forbids links that no plausible motion explains, such as one line vanishing and
/// another appearing far away. MaxGap 2 bridges the short drop-outs of a segmentation (a missed mask in one or two
/// frames) without joining unrelated lines over long gaps. GapPenalty 2 px a missed frame makes a track seen in the
/// previous frame win over one coming back from a gap when both are about equally close.</para>
/// <para>The slip-direction prior is off by default. Dislocations glide along their slip traces (the direction of the
/// traces, i.e. of the pileup), so a link whose centroid moved across the traces is less likely; the prior adds
/// GlideWeight × |component of the centroid displacement perpendicular to the glide direction| to the cost.</para>
/// <para>Common motion. When all lines of a frame move together (the specimen drifts, or a pileup glides as one) by
/// a good part of the pileup spacing, the nearest line to a track's last position is its neighbour's, and plain
/// linking swaps the ids of a whole pileup. With MaxShift &gt; 0 the linker also tries the shifts most lines agree on
/// (<see cref="CollectiveShift"/>), links against each, and keeps the one with the lowest total cost, no shift
/// included. MaxShift 20 px, the gate: a common shift the gate would allow for a single line. One shift for the whole
/// frame (the simplest model; two pileups moving differently keep their own best links through the assignment).</para>
/// </remarks>
/// <param name="MaxDistance">Gate in pixels on the symmetric mean line distance: a track and a line farther apart are never linked; also the cost of ending a track or starting one. &gt; 0.</param>
/// <param name="MaxGap">Frames a track may be missing and still be continued (0: only consecutive frames link); ≥ 0.</param>
/// <param name="GapPenalty">Pixels added to a link's cost per missed frame; ≥ 0.</param>
/// <param name="GlideAngleDegrees">Glide (slip-trace) direction in degrees counter-clockwise on screen from the image x axis (ImageJ's convention, as every angle of this plugin; the generator's slip-trace angle α, measured with image y pointing down, is −α here); only its axis matters; null turns the prior off.</param>
/// <param name="GlideWeight">Weight of the slip-direction prior (cost per pixel of displacement across the glide direction); ≥ 0.</param>
/// <param name="MaxShift">Largest common shift of all lines between two frames that the linker compensates, in pixels; 0 turns the search off; ≥ 0.</param>
public sealed record LinkingOptions(
    double MaxDistance = LinkingOptions.DefaultMaxDistance,
    int MaxGap = LinkingOptions.DefaultMaxGap,
    double GapPenalty = LinkingOptions.DefaultGapPenalty,
    double? GlideAngleDegrees = null,
    double GlideWeight = LinkingOptions.DefaultGlideWeight,
    double MaxShift = LinkingOptions.DefaultMaxShift)
{
    /// <summary>Default gate in pixels.</summary>
    public const double DefaultMaxDistance = 20.0;

    /// <summary>Default number of frames a track may be missing.</summary>
    public const int DefaultMaxGap = 2;

    /// <summary>Default cost in pixels per missed frame.</summary>
    public const double DefaultGapPenalty = 2.0;

    /// <summary>Default weight of the slip-direction prior (used only when a glide angle is given).</summary>
    public const double DefaultGlideWeight = 1.0;

    /// <summary>Default largest common shift in pixels (the default gate).</summary>
    public const double DefaultMaxShift = 20.0;

    /// <summary>The default options (no slip-direction prior).</summary>
    public static LinkingOptions Default { get; } = new();

    /// <summary>The unit glide direction (cos α, −sin α) in image coordinates (y down), or null when the prior is off.</summary>
    [JsonIgnore]
    public PointD? GlideDirection =>
        this.GlideAngleDegrees is { } a ? new PointD(DeterministicMath.Cos(a * Math.PI / 180.0), -DeterministicMath.Sin(a * Math.PI / 180.0)) : null;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first option that is out of range.</summary>
    public void Validate()
    {
        if (!(this.MaxDistance > 0 && double.IsFinite(this.MaxDistance)))
        {
            throw new ArgumentException(FormattableString.Invariant($"LinkingOptions.MaxDistance must be positive and finite. Got {this.MaxDistance}."));
        }

        if (this.MaxGap < 0)
        {
            throw new ArgumentException(FormattableString.Invariant($"LinkingOptions.MaxGap must not be negative. Got {this.MaxGap}."));
        }

        if (!(this.GapPenalty >= 0 && double.IsFinite(this.GapPenalty)))
        {
            throw new ArgumentException(FormattableString.Invariant($"LinkingOptions.GapPenalty must be non-negative and finite. Got {this.GapPenalty}."));
        }

        if (this.GlideAngleDegrees is { } angle && !double.IsFinite(angle))
        {
            throw new ArgumentException(FormattableString.Invariant($"LinkingOptions.GlideAngleDegrees must be finite. Got {angle}."));
        }

        if (!(this.GlideWeight >= 0 && double.IsFinite(this.GlideWeight)))
        {
            throw new ArgumentException(FormattableString.Invariant($"LinkingOptions.GlideWeight must be non-negative and finite. Got {this.GlideWeight}."));
        }

        if (!(this.MaxShift >= 0 && double.IsFinite(this.MaxShift)))
        {
            throw new ArgumentException(FormattableString.Invariant($"LinkingOptions.MaxShift must be non-negative and finite. Got {this.MaxShift}."));
        }
    }
}
