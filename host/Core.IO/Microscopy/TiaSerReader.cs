using System.Buffers.Binary;
using Dislocate.Contracts;

namespace Dislocate.Core.IO.Microscopy;

/// <summary>
/// Reads FEI TIA <c>.ser</c> series of 2-D images (the files beside a TIA <c>.emi</c>): every valid element is a frame,
/// with the pixel size from the first element's calibration (TIA stores it in metres; returned in nm).
/// </summary>
/// <remarks>
/// Layout (little-endian; FEI's "Series Data File" description, as rosettasciio reads it): byte order "II", series id
/// 0x0197, version 0x0210 (32-bit offsets) or 0x0220 (64-bit), data type 0x4122 for 2-D images, tag type, element
/// counts, the offset of the data-offset array, then per element: x and y calibration (offset, delta, element), the
/// pixel type, width, height and the pixels. 1-D spectra (0x4120) are refused. Offsets, sizes and counts are checked
/// against the file's length before anything is allocated.
/// </remarks>
public static class TiaSerReader
{
    /// <summary>Most frames read from one file.</summary>
    public const int MaxFrames = 1 << 20;

    /// <summary>Reads <paramref name="path"/>; see the class remarks.</summary>
    public static MicroscopeImage Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var header = Bytes(stream, 30, path, "header");
        if (header[0] != 'I' || header[1] != 'I' || BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(2)) != 0x0197)
        {
            throw new InputFileException(path, "header", "is not a TIA series file (no 'II' and series id 0x0197)");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(4));
        var wide = version switch
        {
            0x0210 => false,
            0x0220 => true,
            _ => throw new InputFileException(path, "header", $"has series version 0x{version:X4}; 0x0210 and 0x0220 are read"),
        };
        var dataType = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(6));
        if (dataType != 0x4122)
        {
            throw new InputFileException(path, "header", dataType == 0x4120 ? "holds 1-D spectra, not images" : $"has data type 0x{dataType:X4}, not 2-D images (0x4122)");
        }

        var valid = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(18));
        stream.Position = 22;
        var offsetArray = wide ? Int64(stream, path, "header") : Int32(stream, path, "header");
        if (valid < 1 || valid > MaxFrames || offsetArray < 0 || offsetArray + ((long)valid * (wide ? 8 : 4)) > stream.Length)
        {
            throw new InputFileException(path, "header", $"declares {valid} images with offsets at {offsetArray}, outside the file");
        }

        stream.Position = offsetArray;
        var offsets = new long[valid];
        for (var i = 0; i < valid; i++)
        {
            offsets[i] = wide ? Int64(stream, path, "offset array") : Int32(stream, path, "offset array");
        }

        var frames = new List<float[]>(valid);
        int width = 0, height = 0;
        double? pixel = null;
        for (var i = 0; i < valid; i++)
        {
            var where = $"image {i + 1}";
            if (offsets[i] < 0 || offsets[i] + 50 > stream.Length)
            {
                throw new InputFileException(path, where, $"starts at {offsets[i]}, outside the file");
            }

            stream.Position = offsets[i];
            var element = Bytes(stream, 50, path, where);
            var deltaX = BinaryPrimitives.ReadDoubleLittleEndian(element.AsSpan(8));
            var type = BinaryPrimitives.ReadInt16LittleEndian(element.AsSpan(40));
            var w = BinaryPrimitives.ReadInt32LittleEndian(element.AsSpan(42));
            var h = BinaryPrimitives.ReadInt32LittleEndian(element.AsSpan(46));
            var size = type switch
            {
                1 or 4 => 1,
                2 or 5 => 2,
                3 or 6 or 7 => 4,
                8 => 8,
                _ => throw new InputFileException(path, where, $"has pixel type {type} (complex or unknown); real-valued images are read"),
            };
            if (w < 1 || h < 1 || (long)w * h > DigitalMicrographReader.MaxFramePixels || (long)w * h * size > stream.Length - stream.Position)
            {
                throw new InputFileException(path, where, $"declares {w}×{h} pixels of {size} bytes, more than the file holds");
            }

            if (i == 0)
            {
                (width, height) = (w, h);
                pixel = double.IsFinite(deltaX) && deltaX > 0 ? deltaX * 1e9 : null;
            }
            else if (w != width || h != height)
            {
                throw new InputFileException(path, where, $"is {w}×{h}, the first image {width}×{height}");
            }

            var bytes = Bytes(stream, w * h * size, path, where);
            var plane = new float[w * h];
            for (var k = 0; k < plane.Length; k++)
            {
                var b = bytes.AsSpan(k * size, size);
                plane[k] = type switch
                {
                    1 => b[0],
                    2 => BinaryPrimitives.ReadUInt16LittleEndian(b),
                    3 => BinaryPrimitives.ReadUInt32LittleEndian(b),
                    4 => (sbyte)b[0],
                    5 => BinaryPrimitives.ReadInt16LittleEndian(b),
                    6 => BinaryPrimitives.ReadInt32LittleEndian(b),
                    7 => BinaryPrimitives.ReadSingleLittleEndian(b),
                    _ => (float)BinaryPrimitives.ReadDoubleLittleEndian(b),
                };
            }

            frames.Add(plane);
        }

        return new MicroscopeImage(width, height, frames, pixel, pixel is null ? "pixel" : "nm", $"TIA series 0x{version:X4}");
    }

    private static long Int32(Stream s, string path, string where) => BinaryPrimitives.ReadInt32LittleEndian(Bytes(s, 4, path, where));

    private static long Int64(Stream s, string path, string where) => BinaryPrimitives.ReadInt64LittleEndian(Bytes(s, 8, path, where));

    private static byte[] Bytes(Stream s, int count, string path, string where)
    {
        if (count > s.Length - s.Position)
        {
            throw new InputFileException(path, where, "is cut off: the file ends inside it");
        }

        var bytes = new byte[count];
        s.ReadExactly(bytes);
        return bytes;
    }
}
