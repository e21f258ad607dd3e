using System.Globalization;
using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Core.IO.Microscopy;

namespace Dislocate.Cli.Execution;

/// <summary>Reads image parameters given as files on the command line, and writes image outputs as ImageJ-readable TIFF.</summary>
internal static class ImageFiles
{
    /// <summary>Reads a TIFF stack (with its ImageJ hyperstack dimensions) or a single PNG/JPEG image.</summary>
    public static ImageData Load(string path)
    {
        try
        {
            return Read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or OverflowException or ArgumentException or IndexOutOfRangeException or InvalidCastException or NotSupportedException)
        {
            // Readers of hostile files fail in many ways; the user learns which file and why, never a stack trace.
            throw new InputFileException(path, null, $"cannot be read as an image: {e.Message}", e);
        }
    }

    private static ImageData Read(string path)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is ".tif" or ".tiff")
        {
            var tiff = TiffStackReader.Read(path);
            var meta = TiffStackReader.ParseImageJDescription(tiff.ImageDescription);
            int Dim(string key) => meta.TryGetValue(key, out var v) && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1;
            var c = Dim("channels");
            var t = Dim("frames");
            var z = tiff.Pages.Count / Math.Max(1, c * t);
            if (c * z * t != tiff.Pages.Count)
            {
                (c, z, t) = (1, tiff.Pages.Count, 1);
            }

            var planes = tiff.Pages.Select(p => p.Floats ?? p.UInt16s?.Select(v => (float)v).ToArray() ?? p.Bytes!.Select(v => (float)v).ToArray()).ToList();
            return new ImageData(Path.GetFileName(path), tiff.Width, tiff.Height, c, z, t, planes, tiff.Pages[0].BitsPerSample == 1 ? 8 : tiff.Pages[0].BitsPerSample);
        }

        if (MicroscopeFiles.Handles(path))
        {
            return MicroscopeFiles.Read(path).ToImageData(Path.GetFileName(path));
        }

        var gray = ImageFileReader.ReadGray(path);
        return new ImageData(Path.GetFileName(path), gray.Width, gray.Height, 1, 1, 1, [gray.Pixels.Select(v => v * 255f).ToArray()], 8);
    }

    /// <summary>Writes an image output as a TIFF hyperstack of its bit depth (values rounded and clamped for 8/16-bit).</summary>
    public static void Save(string path, ImageStackOutput image)
    {
        var description = TiffStackWriter.ImageJDescription(image.Planes.Count, image.Channels, image.Slices, image.Frames);
        switch (image.BitDepth)
        {
            case 8:
                TiffStackWriter.Write(path, image.Planes.Select(p => (ReadOnlyMemory<byte>)p.Select(v => (byte)Math.Clamp(MathF.Round(v), 0, 255)).ToArray()).ToList(), image.Width, image.Height, TiffCompression.PackBits, description, durable: false);
                break;
            case 16:
                TiffStackWriter.Write(path, image.Planes.Select(p => (ReadOnlyMemory<ushort>)p.Select(v => (ushort)Math.Clamp(MathF.Round(v), 0, 65535)).ToArray()).ToList(), image.Width, image.Height, TiffCompression.None, description, durable: false);
                break;
            default:
                TiffStackWriter.Write(path, image.Planes.Select(p => (ReadOnlyMemory<float>)p).ToList(), image.Width, image.Height, TiffCompression.None, description, durable: false);
                break;
        }
    }
}
