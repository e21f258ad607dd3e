using Dislocate.Track.Analysis;
using Dislocate.Track.Lines;
using Dislocate.Track.Linking;

namespace Dislocate.Track.Pipeline;

/// <summary>Everything that decides what a tracking run computes: one immutable record per stage.</summary>
/// <param name="Lines">Mask → line (threshold, K points, specks, curvature span).</param>
/// <param name="Linking">Frame-to-frame linking (gate, gaps, slip-direction prior).</param>
/// <param name="Scale">Pixel size and frame interval, for the physical columns.</param>
/// <param name="Tension">Shear modulus and Burgers vector for the line-tension stress, or null (no stress columns).</param>
/// <param name="Kinematics">Thresholds of the per-track kinematics.</param>
/// <param name="Jerky">Stop/go threshold of the step statistics.</param>
/// <param name="Pileups">When tracks form a pileup.</param>
public sealed record TrackingSettings(
    LineOptions Lines,
    LinkingOptions Linking,
    PhysicalScale Scale,
    LineTension? Tension,
    TrackKinematicsOptions Kinematics,
    JerkyMotionOptions Jerky,
    PileupOptions Pileups)
{
    /// <summary>The defaults of every stage, no physical scale, no stress.</summary>
    public static TrackingSettings Default { get; } = new(
        LineOptions.Default, LinkingOptions.Default, PhysicalScale.None, null, TrackKinematicsOptions.Default, JerkyMotionOptions.Default, PileupOptions.Default);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first stage option that is out of range.</summary>
    public void Validate()
    {
        this.Lines.Validate();
        this.Linking.Validate();
        this.Scale.Validate();
        this.Tension?.Validate();
        this.Kinematics.Validate();
        this.Jerky.Validate();
        this.Pileups.Validate();
        if (this.Tension is not null && this.Scale.PixelSizeNm is null)
        {
            throw new ArgumentException("The line-tension stress needs the pixel size (nm) to turn curvature into 1/nm.");
        }
    }
}
