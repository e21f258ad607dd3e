using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace Dislocate.Core.IO;

/// <summary>Compresses TIFF strips into one buffer: PackBits row by row, LZW or Deflate one stream per strip.</summary>
internal static class TiffStripEncoder
{
    /// <summary>Appends <paramref name="strip"/> (whole rows of <paramref name="rowBytes"/>), compressed, to <paramref name="data"/>; returns the bytes added.</summary>
    public static int Append(PooledBuffer data, ReadOnlySpan<byte> strip, int rowBytes, TiffCompression compression)
    {
        var before = data.Count;
        switch (compression)
        {
            case TiffCompression.PackBits:
                {
                    var span = data.GetSpan(strip.Length / rowBytes * TiffCodecs.PackBitsBound(rowBytes));
                    data.Advance(TiffCodecs.PackBitsRows(strip, rowBytes, span));
                    break;
                }

            case TiffCompression.Lzw:
                {
                    var span = data.GetSpan(TiffCodecs.LzwBound(strip.Length));
                    data.Advance(TiffCodecs.Lzw(strip, span));
                    break;
                }

            case TiffCompression.Deflate:
                using (var z = new ZLibStream(data, CompressionLevel.Optimal, leaveOpen: true))
                {
                    z.Write(strip);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(compression), compression, "Not a compressing TIFF scheme.");
        }

        return data.Count - before;
    }

    /// <summary>The Compression tag's value for <paramref name="compression"/>.</summary>
    public static uint Code(TiffCompression compression) => compression switch
    {
        TiffCompression.None => 1,
        TiffCompression.Lzw => 5,
        TiffCompression.Deflate => 8,
        TiffCompression.PackBits => 32773,
        _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, "Unknown TIFF compression."),
    };

    /// <summary>Copies 16- or 32-bit samples into <paramref name="destination"/> byte-swapped (for a big-endian machine; the files are little-endian).</summary>
    public static void ToLittleEndian(ReadOnlySpan<byte> source, Span<byte> destination, int elementSize)
    {
        if (elementSize == 2)
        {
            BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ushort>(source), MemoryMarshal.Cast<byte, ushort>(destination));
        }
        else
        {
            BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, uint>(source), MemoryMarshal.Cast<byte, uint>(destination));
        }
    }
}
