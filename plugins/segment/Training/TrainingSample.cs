namespace Dislocate.Segment.Training;

/// <summary>One training image with its instance masks, before augmentation and normalisation.</summary>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Image">Gray values in [0, 1], row-major.</param>
/// <param name="Masks">One mask per dislocation (nonzero = dislocation), row-major, in instance order.</param>
/// <param name="Source">Where the sample came from (file or stream index), for messages.</param>
internal sealed record TrainingSample(int Width, int Height, float[] Image, IReadOnlyList<byte[]> Masks, string Source);
