namespace Dislocate.Track.Analysis;

/// <summary>A velocity in one unit (px/frame or nm/s): its components, speed and signed component along the track's motion.</summary>
/// <param name="Vx">x component (image x, to the right).</param>
/// <param name="Vy">y component (image y, downwards).</param>
/// <param name="Speed">Magnitude sqrt(Vx² + Vy²).</param>
/// <param name="Along">Signed component along the track's motion direction (positive = forward); 0 when the track has no motion direction.</param>
public sealed record TrackVelocity(double Vx, double Vy, double Speed, double Along)
{
    /// <summary>Every member multiplied by <paramref name="factor"/> (a unit conversion).</summary>
    public TrackVelocity Scaled(double factor) => new(this.Vx * factor, this.Vy * factor, this.Speed * factor, this.Along * factor);
}
