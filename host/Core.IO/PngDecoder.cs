using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using Dislocate.Contracts;

namespace Dislocate.Core.IO;

/// <summary>A decoded PNG: samples row-major and channel-interleaved, at 8 or 16 bits.</summary>
public sealed class PngImage
{
    internal PngImage(int width, int height, int bitDepth, int channels, byte[]? samples8, ushort[]? samples16)
    {
        this.Width = width;
        this.Height = height;
        this.BitDepth = bitDepth;
        this.Channels = channels;
        this.Samples8 = samples8;
        this.Samples16 = samples16;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Bits per returned sample: 8 (<see cref="Samples8"/>) or 16 (<see cref="Samples16"/>).</summary>
    public int BitDepth { get; }

    /// <summary>Samples per pixel: 1 gray, 2 gray + alpha, 3 RGB, 4 RGBA.</summary>
    public int Channels { get; }

    /// <summary>The samples when <see cref="BitDepth"/> is 8, otherwise null.</summary>
    public byte[]? Samples8 { get; }

    /// <summary>The samples (native byte order) when <see cref="BitDepth"/> is 16, otherwise null.</summary>
    public ushort[]? Samples16 { get; }
}

/// <summary>Decodes non-interlaced PNG files from any writer: gray (1–16 bit), gray + alpha, RGB, RGBA (8/16 bit) and palette.</summary>
/// <remarks>
/// Sub-byte grayscale is scaled to 8 bits (e.g. 1-bit 0/1 → 0/255); palette images are expanded to 8-bit RGB
/// (a tRNS chunk is ignored). 16-bit samples are returned exactly. All five filter types and any number of
/// IDAT chunks are handled; chunk CRCs are verified. Interlaced (Adam7) files are rejected.
/// Every problem is reported as an <see cref="InputFileException"/> naming the file.
/// </remarks>
public static class PngDecoder
{
    /// <summary>Largest accepted pixel count (guards against absurd headers).</summary>
    private const long MaxPixels = 1L << 28;

    /// <summary>Decodes the PNG file at <paramref name="path"/>.</summary>
    public static PngImage Decode(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Decode(ReadFile(path), path);
    }

    /// <summary>Decodes PNG bytes; <paramref name="sourceName"/> names the source in error messages.</summary>
    public static PngImage Decode(ReadOnlySpan<byte> file, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        var header = ReadHeader(file, sourceName);
        if (header.Interlace != 0)
        {
            throw new InputFileException(sourceName, "IHDR", "interlaced (Adam7) PNG files are not supported; save the image without interlacing");
        }

        byte[]? palette = null;
        var compressed = new PooledBuffer(Math.Min(file.Length, 1 << 20));
        try
        {
            var pos = 8;
            var sawEnd = false;
            var sawData = false;
            while (!sawEnd)
            {
                if (file.Length - pos < 12)
                {
                    throw new InputFileException(sourceName, null, "the PNG file is truncated (no IEND chunk)");
                }

                var length = BinaryPrimitives.ReadUInt32BigEndian(file[pos..]);
                var type = file.Slice(pos + 4, 4);
                var name = ChunkName(type);
                if (length > int.MaxValue || file.Length - pos - 12 < length)
                {
                    throw new InputFileException(sourceName, name, "the PNG file is truncated inside this chunk");
                }

                var data = file.Slice(pos + 8, (int)length);
                var storedCrc = BinaryPrimitives.ReadUInt32BigEndian(file[(pos + 8 + (int)length)..]);
                if (Crc32.HashToUInt32(file.Slice(pos + 4, 4 + (int)length)) != storedCrc)
                {
                    throw new InputFileException(sourceName, name, $"chunk CRC mismatch at byte {pos} (the file is corrupt)");
                }

                switch (name)
                {
                    case "IDAT":
                        compressed.Write(data);
                        sawData = true;
                        break;
                    case "PLTE":
                        palette = data.ToArray();
                        break;
                    case "IEND":
                        sawEnd = true;
                        break;
                    default:
                        if (pos > 8 && (type[0] & 0x20) == 0 && name != "IHDR")
                        {
                            throw new InputFileException(sourceName, name, "unknown critical chunk");
                        }

                        break;
                }

                pos += 12 + (int)length;
            }

            if (!sawData)
            {
                throw new InputFileException(sourceName, "IDAT", "the PNG file has no image data");
            }

            if (header.ColorType == 3 && palette is null)
            {
                throw new InputFileException(sourceName, "PLTE", "a palette image has no PLTE chunk");
            }

            return DecodePixels(header, compressed, palette, sourceName);
        }
        finally
        {
            compressed.Dispose();
        }
    }

    /// <summary>Whether the bytes start like an interlaced PNG (used to route such files to another decoder).</summary>
    internal static bool IsInterlaced(ReadOnlySpan<byte> file) =>
        file.Length >= 33 && file[..8].SequenceEqual(PngEncoder.Signature) && file.Slice(12, 4).SequenceEqual("IHDR"u8) && file[28] != 0;

    internal static byte[] ReadFile(string path)
    {
        // Read no more than the file's length when checked: /dev/zero or a growing file never makes the array grow.
        var length = InputFileCheck.Readable(path, int.MaxValue);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var bytes = new byte[length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InputFileException(path, null, $"cannot read the file: {ex.Message}", ex);
        }
    }

    private static string ChunkName(ReadOnlySpan<byte> type)
    {
        Span<char> chars = stackalloc char[4];
        for (var i = 0; i < 4; i++)
        {
            var c = (char)type[i];
            chars[i] = char.IsAsciiLetter(c) ? c : '?';
        }

        return new string(chars);
    }

    private static Header ReadHeader(ReadOnlySpan<byte> file, string sourceName)
    {
        if (file.Length < 8 || !file[..8].SequenceEqual(PngEncoder.Signature))
        {
            throw new InputFileException(sourceName, null, "not a PNG file (bad signature)");
        }

        if (file.Length < 33 || !file.Slice(12, 4).SequenceEqual("IHDR"u8) || BinaryPrimitives.ReadUInt32BigEndian(file[8..]) != 13)
        {
            throw new InputFileException(sourceName, "IHDR", "missing or malformed IHDR chunk");
        }

        var d = file.Slice(16, 13);
        if (Crc32.HashToUInt32(file.Slice(12, 17)) != BinaryPrimitives.ReadUInt32BigEndian(file[29..]))
        {
            throw new InputFileException(sourceName, "IHDR", "chunk CRC mismatch at byte 8 (the file is corrupt)");
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(d);
        var height = BinaryPrimitives.ReadUInt32BigEndian(d[4..]);
        int bitDepth = d[8];
        int colorType = d[9];
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue || (long)width * height > MaxPixels)
        {
            throw new InputFileException(sourceName, "IHDR", $"unsupported image size {width}×{height}");
        }

        var channels = colorType switch
        {
            0 => 1,
            2 => 3,
            3 => 1,
            4 => 2,
            6 => 4,
            _ => 0,
        };
        var depthOk = colorType switch
        {
            0 => bitDepth is 1 or 2 or 4 or 8 or 16,
            3 => bitDepth is 1 or 2 or 4 or 8,
            _ => bitDepth is 8 or 16,
        };
        if (channels == 0 || !depthOk)
        {
            throw new InputFileException(sourceName, "IHDR", $"invalid colour type {colorType} with bit depth {bitDepth}");
        }

        if (d[10] != 0 || d[11] != 0 || d[12] > 1)
        {
            throw new InputFileException(sourceName, "IHDR", "unknown compression, filter or interlace method");
        }

        return new Header((int)width, (int)height, bitDepth, colorType, channels, d[12]);
    }

    private static PngImage DecodePixels(Header h, PooledBuffer compressed, byte[]? palette, string sourceName)
    {
        var bitsPerPixel = h.BitDepth * h.Channels;
        var rowBytes = (int)(((long)h.Width * bitsPerPixel + 7) / 8);
        var bpp = Math.Max(1, bitsPerPixel / 8);
        var total = (long)(rowBytes + 1) * h.Height;
        if (total > Array.MaxLength)
        {
            throw new InputFileException(sourceName, "IHDR", "the image is too large");
        }

        var raw = ArrayPool<byte>.Shared.Rent((int)total);
        try
        {
            int read;
            using (var source = compressed.OpenRead())
            using (var zlib = new ZLibStream(source, CompressionMode.Decompress))
            {
                try
                {
                    read = zlib.ReadAtLeast(raw.AsSpan(0, (int)total), (int)total, throwOnEndOfStream: false);
                }
                catch (InvalidDataException ex)
                {
                    throw new InputFileException(sourceName, "IDAT", $"corrupt compressed image data: {ex.Message}", ex);
                }
            }

            if (read < total)
            {
                throw new InputFileException(sourceName, "IDAT", $"image data ends early ({read} of {total} bytes); the file is truncated or corrupt");
            }

            Unfilter(raw.AsSpan(0, (int)total), rowBytes, bpp, h.Height, sourceName);
            return Expand(h, raw, rowBytes, palette, sourceName);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    private static void Unfilter(Span<byte> raw, int rowBytes, int bpp, int height, string sourceName)
    {
        var stride = rowBytes + 1;
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * stride];
            var row = raw.Slice((y * stride) + 1, rowBytes);
            var prior = y == 0 ? Span<byte>.Empty : raw.Slice(((y - 1) * stride) + 1, rowBytes);
            switch (filter)
            {
                case 0:
                    break;
                case 1:
                    for (var i = bpp; i < row.Length; i++)
                    {
                        row[i] += row[i - bpp];
                    }

                    break;
                case 2:
                    if (!prior.IsEmpty)
                    {
                        for (var i = 0; i < row.Length; i++)
                        {
                            row[i] += prior[i];
                        }
                    }

                    break;
                case 3:
                    for (var i = 0; i < row.Length; i++)
                    {
                        var left = i >= bpp ? row[i - bpp] : 0;
                        var up = prior.IsEmpty ? 0 : prior[i];
                        row[i] += (byte)((left + up) >> 1);
                    }

                    break;
                case 4:
                    for (var i = 0; i < row.Length; i++)
                    {
                        var a = i >= bpp ? row[i - bpp] : 0;
                        var b = prior.IsEmpty ? 0 : prior[i];
                        var c = i >= bpp && !prior.IsEmpty ? prior[i - bpp] : 0;
                        row[i] += Paeth(a, b, c);
                    }

                    break;
                default:
                    throw new InputFileException(sourceName, "IDAT", $"row {y} has invalid filter type {filter}");
            }
        }
    }

    private static byte Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return (byte)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
    }

    private static PngImage Expand(Header h, byte[] raw, int rowBytes, byte[]? palette, string sourceName)
    {
        var stride = rowBytes + 1;
        var w = h.Width;
        if (h.BitDepth == 16)
        {
            var samples = new ushort[(long)w * h.Height * h.Channels];
            var perRow = w * h.Channels;
            for (var y = 0; y < h.Height; y++)
            {
                var row = raw.AsSpan((y * stride) + 1, rowBytes);
                var dest = samples.AsSpan(y * perRow, perRow);
                for (var i = 0; i < dest.Length; i++)
                {
                    dest[i] = BinaryPrimitives.ReadUInt16BigEndian(row[(2 * i)..]);
                }
            }

            return new PngImage(w, h.Height, 16, h.Channels, null, samples);
        }

        if (h.ColorType == 3)
        {
            var entries = palette!.Length / 3;
            var rgb = new byte[(long)w * h.Height * 3];
            for (var y = 0; y < h.Height; y++)
            {
                var row = raw.AsSpan((y * stride) + 1, rowBytes);
                for (var x = 0; x < w; x++)
                {
                    var index = UnpackSample(row, x, h.BitDepth);
                    if (index >= entries)
                    {
                        throw new InputFileException(sourceName, "PLTE", $"pixel ({x}, {y}) uses palette index {index} but the palette has {entries} entries");
                    }

                    var o = 3 * ((y * w) + x);
                    rgb[o] = palette[3 * index];
                    rgb[o + 1] = palette[(3 * index) + 1];
                    rgb[o + 2] = palette[(3 * index) + 2];
                }
            }

            return new PngImage(w, h.Height, 8, 3, rgb, null);
        }

        var result = new byte[(long)w * h.Height * h.Channels];
        if (h.BitDepth == 8)
        {
            var perRow = w * h.Channels;
            for (var y = 0; y < h.Height; y++)
            {
                raw.AsSpan((y * stride) + 1, perRow).CopyTo(result.AsSpan(y * perRow));
            }
        }
        else
        {
            var scale = 255 / ((1 << h.BitDepth) - 1);
            for (var y = 0; y < h.Height; y++)
            {
                var row = raw.AsSpan((y * stride) + 1, rowBytes);
                for (var x = 0; x < w; x++)
                {
                    result[(y * w) + x] = (byte)(UnpackSample(row, x, h.BitDepth) * scale);
                }
            }
        }

        return new PngImage(w, h.Height, 8, h.Channels, result, null);
    }

    // Sample x of a row packed MSB-first at 1, 2, 4 or 8 bits.
    private static int UnpackSample(ReadOnlySpan<byte> row, int x, int bitDepth)
    {
        if (bitDepth == 8)
        {
            return row[x];
        }

        var bit = x * bitDepth;
        var shift = 8 - bitDepth - (bit & 7);
        return (row[bit >> 3] >> shift) & ((1 << bitDepth) - 1);
    }

    private readonly record struct Header(int Width, int Height, int BitDepth, int ColorType, int Channels, int Interlace);
}
