namespace Dislocate.Track.Inputs;

/// <summary>One frame of a mask input, as a label image or as one mask per dislocation (exactly one of the two is set).</summary>
/// <param name="Index">0-based frame index.</param>
/// <param name="Name">Name for messages and outputs: the file stem, or <c>stem_000001</c> style for a frame of a stack.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Labels">Row-major label image (0 = background), or null.</param>
/// <param name="Masks">One plane per dislocation, or null.</param>
public sealed record MaskFrame(int Index, string Name, int Width, int Height, ushort[]? Labels, IReadOnlyList<MaskPlane>? Masks);
