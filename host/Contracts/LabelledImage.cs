namespace Dislocate.Contracts;

/// <summary>One training image with one binary mask per dislocation, as a sample source hands it to training.</summary>
/// <param name="Width">Image width, pixels.</param>
/// <param name="Height">Image height, pixels.</param>
/// <param name="Pixels">Gray values in [0, 1], row-major, width × height.</param>
/// <param name="Masks">Instance masks (0 background, non-zero inside), width × height bytes each.</param>
public sealed record LabelledImage(int Width, int Height, float[] Pixels, IReadOnlyList<byte[]> Masks);
