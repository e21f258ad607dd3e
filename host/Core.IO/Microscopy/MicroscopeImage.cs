using Dislocate.Contracts;
using Dislocate.Core.Imaging;

namespace Dislocate.Core.IO.Microscopy;

/// <summary>The image or stack of a microscope file, with its pixel size: raw values as stored, one array per frame.</summary>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Frames">Width × Height values per frame, row-major, as stored (counts, electrons, …), converted to float.</param>
/// <param name="PixelSize">Side of one pixel in <paramref name="Unit"/>, or null when the file gives none.</param>
/// <param name="Unit">Unit of the pixel size as the file writes it ("nm", "µm", …); "pixel" without calibration.</param>
/// <param name="Format">What was read, e.g. "DigitalMicrograph 3, int16".</param>
public sealed record MicroscopeImage(int Width, int Height, IReadOnlyList<float[]> Frames, double? PixelSize, string Unit, string Format)
{
    /// <summary>
    /// The raw values as 32-bit planes, frames as slices (as ImageJ opens a stack), with the file's pixel size and unit;
    /// what the CLI hands to commands and ImageJ opens.
    /// </summary>
    public ImageData ToImageData(string title) =>
        new(title, this.Width, this.Height, 1, this.Frames.Count, 1, this.Frames, 32, this.PixelSize ?? 1, this.PixelSize ?? 1, this.Unit);

    /// <summary>
    /// Frame <paramref name="index"/> scaled to [0, 1] by its own minimum and maximum (a constant frame is all 0):
    /// microscope values have no fixed range like 8- or 16-bit TIFF, and the models normalise each image anyway.
    /// </summary>
    public GrayImage ToGray(int index)
    {
        var values = this.Frames[index];
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        foreach (var v in values)
        {
            if (float.IsFinite(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        var pixels = new float[values.Length];
        if (max > min)
        {
            var scale = 1.0 / ((double)max - min);
            for (var i = 0; i < values.Length; i++)
            {
                pixels[i] = float.IsFinite(values[i]) ? (float)((values[i] - (double)min) * scale) : 0f;
            }
        }

        return new GrayImage(this.Width, this.Height, pixels);
    }
}
