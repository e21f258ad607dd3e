namespace Dislocate.Contracts;

/// <summary>
/// An input image stack handed to a command: planes of Width × Height floats in ImageJ's hyperstack order
/// (channel fastest, then slice, then frame), with the original bit depth and spatial calibration.
/// </summary>
/// <remarks>
/// The planes belong to the host and are valid while the command runs (and while its result, which may return
/// them unchanged, is shown); a command that keeps pixel data beyond that copies it.
/// </remarks>
/// <param name="Title">Image title or file name.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Channels">Channel count.</param>
/// <param name="Slices">Z-slice count.</param>
/// <param name="Frames">Time-frame count.</param>
/// <param name="Planes">Channels × Slices × Frames planes; values as stored (0..255 for 8-bit, 0..65535 for 16-bit).</param>
/// <param name="BitDepth">8, 16 or 32.</param>
/// <param name="PixelWidth">Calibrated pixel width (1 when uncalibrated).</param>
/// <param name="PixelHeight">Calibrated pixel height.</param>
/// <param name="Unit">Calibration unit ("pixel" when uncalibrated).</param>
public sealed record ImageData(
    string Title,
    int Width,
    int Height,
    int Channels,
    int Slices,
    int Frames,
    IReadOnlyList<float[]> Planes,
    int BitDepth,
    double PixelWidth = 1,
    double PixelHeight = 1,
    string Unit = "pixel")
{
    /// <summary>Seconds between time frames from the image's calibration; 0 = unknown. Since host API 1.2.</summary>
    public double FrameInterval { get; init; }

    /// <summary>Number of planes.</summary>
    public int PlaneCount => this.Channels * this.Slices * this.Frames;
}
