namespace Dislocate.Track.Inputs;

/// <summary>One dislocation's mask in a frame: 8-bit (foreground = value/255 ≥ threshold) or float probabilities; exactly one array is set.</summary>
/// <param name="Label">The instance id: 1-based page or channel number.</param>
/// <param name="Bytes">Row-major 8-bit mask, or null.</param>
/// <param name="Floats">Row-major probabilities, or null.</param>
public sealed record MaskPlane(int Label, byte[]? Bytes, float[]? Floats);
