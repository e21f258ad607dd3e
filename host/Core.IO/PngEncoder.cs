using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Dislocate.Core.IO;

/// <summary>PNG compression effort.</summary>
public enum PngCompression
{
    /// <summary>
    /// zlib's run-length strategy (<see cref="ZLibCompressionStrategy.RunLengthEncoding"/>: dynamic Huffman codes plus
    /// byte runs, no string matching): the default. Measured on a 512×512 smooth noisy 8-bit image it is about twice as
    /// fast as <see cref="CompressionLevel.Fastest"/> and a third smaller (Fastest's fixed Huffman codes expand noisy
    /// data), and it compresses thin-line masks better than level 6.
    /// </summary>
    Fast,

    /// <summary>zlib level 6 (<see cref="CompressionLevel.Optimal"/>): better on structured images, about four times slower than <see cref="Fast"/>.</summary>
    Small,

    /// <summary>
    /// Huffman coding of the filtered bytes without matches or runs (our own encoder, <see cref="HuffmanDeflate"/>):
    /// for images dominated by pixel noise (synthetic TEM backgrounds) as small as <see cref="Fast"/> and several times
    /// faster, and its bytes do not depend on the runtime's zlib; on sparse masks it is ten times larger than Fast.
    /// </summary>
    Noisy,
}

/// <summary>A minimal, fast, deterministic PNG writer for 8/16-bit grayscale and 8-bit RGB images.</summary>
/// <remarks>
/// Output is the signature, IHDR, one or more IDAT chunks of at most 64 KiB, and IEND: no time, text,
/// gamma or colour-space chunks, so identical pixels always give identical bytes on any machine and thread. The
/// deflate stream comes from the zlib-ng bundled with the .NET runtime (2.2.5 in .NET 10.0.12); its output does not
/// depend on the CPU, but a future runtime with another zlib-ng could change the compressed bytes (never the pixels).
/// Every row uses PNG filter type 2 ("Up": each byte minus the byte above it), a fixed choice that vectorizes well;
/// on smooth noisy micrographs and thin-line masks it compresses within 1–15 % of Sub and Paeth.
/// 16-bit samples are written big-endian as PNG requires. Not interlaced.
/// </remarks>
public static class PngEncoder
{
    /// <summary>The eight-byte PNG file signature.</summary>
    internal static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private const byte FilterUp = 2;
    private const int StagingTarget = 64 * 1024;

    // IDAT chunks carry at most 64 KiB, so chunk boundaries never depend on how the compressor flushes.
    private const int IdatChunkSize = 64 * 1024;

    private static readonly ZLibCompressionOptions FastOptions = new()
    {
        CompressionLevel = 1,
        CompressionStrategy = ZLibCompressionStrategy.RunLengthEncoding,
    };


    /// <summary>Writes an 8-bit grayscale PNG of row-major <paramref name="pixels"/> (width × height bytes).</summary>
    public static void WriteGray8(Stream stream, ReadOnlySpan<byte> pixels, int width, int height, PngCompression level = PngCompression.Fast)
    {
        CheckSize(pixels.Length, width, height, 1);
        WriteCore(stream, pixels, width, height, 8, 0, width, swap16: false, level);
    }

    /// <summary>Writes a 16-bit grayscale PNG of row-major <paramref name="pixels"/> (width × height samples).</summary>
    public static void WriteGray16(Stream stream, ReadOnlySpan<ushort> pixels, int width, int height, PngCompression level = PngCompression.Fast)
    {
        CheckSize(pixels.Length, width, height, 1);
        WriteCore(stream, MemoryMarshal.AsBytes(pixels), width, height, 16, 0, checked(width * 2), swap16: BitConverter.IsLittleEndian, level);
    }

    /// <summary>Writes an 8-bit RGB PNG of row-major interleaved <paramref name="rgb"/> (width × height × 3 bytes).</summary>
    public static void WriteRgb8(Stream stream, ReadOnlySpan<byte> rgb, int width, int height, PngCompression level = PngCompression.Fast)
    {
        CheckSize(rgb.Length, width, height, 3);
        WriteCore(stream, rgb, width, height, 8, 2, checked(width * 3), swap16: false, level);
    }

    /// <summary>All rows filtered into one buffer, then one Huffman-only zlib stream in IDAT chunks.</summary>
    private static void WriteHuffmanOnly(Stream stream, ReadOnlySpan<byte> data, int rowBytes, int height, bool swap16)
    {
        var total = checked((rowBytes + 1) * height);
        var filtered = ArrayPool<byte>.Shared.Rent(total);
        byte[]? swapped = swap16 ? ArrayPool<byte>.Shared.Rent(data.Length) : null;
        byte[]? compressed = null;
        try
        {
            if (swapped is not null)
            {
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ushort>(data), MemoryMarshal.Cast<byte, ushort>(swapped.AsSpan(0, data.Length)));
                data = swapped.AsSpan(0, data.Length);
            }

            for (var y = 0; y < height; y++)
            {
                var dest = filtered.AsSpan(y * (rowBytes + 1), rowBytes + 1);
                dest[0] = FilterUp;
                var current = data.Slice(y * rowBytes, rowBytes);
                if (y == 0)
                {
                    current.CopyTo(dest[1..]);
                }
                else
                {
                    SubtractBytes(current, data.Slice((y - 1) * rowBytes, rowBytes), dest[1..]);
                }
            }

            compressed = ArrayPool<byte>.Shared.Rent(HuffmanDeflate.MaxEncodedLength(total));
            var length = HuffmanDeflate.Encode(filtered.AsSpan(0, total), compressed);
            for (var start = 0; start < length; start += IdatChunkSize)
            {
                WriteChunk(stream, "IDAT"u8, compressed.AsSpan(start, Math.Min(IdatChunkSize, length - start)));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(filtered);
            if (compressed is not null)
            {
                ArrayPool<byte>.Shared.Return(compressed);
            }

            if (swapped is not null)
            {
                ArrayPool<byte>.Shared.Return(swapped);
            }
        }
    }

    private static void CheckSize(int length, int width, int height, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if ((long)width * height * channels != length)
        {
            throw new ArgumentException($"Expected {(long)width * height * channels} samples for {width}×{height}×{channels}, got {length}.");
        }
    }

    private static void WriteCore(Stream stream, ReadOnlySpan<byte> data, int width, int height, byte bitDepth, byte colorType, int rowBytes, bool swap16, PngCompression level)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (rowBytes + 1 > int.MaxValue / 2)
        {
            throw new ArgumentException("Image rows are too long for PNG encoding.");
        }

        stream.Write(Signature);
        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr[4..], height);
        ihdr[8] = bitDepth;
        ihdr[9] = colorType;
        ihdr[10] = 0; // deflate
        ihdr[11] = 0; // adaptive filtering method
        ihdr[12] = 0; // no interlace
        WriteChunk(stream, "IHDR"u8, ihdr);

        if (level == PngCompression.Noisy)
        {
            WriteHuffmanOnly(stream, data, rowBytes, height, swap16);
            WriteChunk(stream, "IEND"u8, []);
            return;
        }

        var rowsPerBatch = Math.Max(1, StagingTarget / (rowBytes + 1));
        var staging = ArrayPool<byte>.Shared.Rent(rowsPerBatch * (rowBytes + 1));
        byte[]? swapped = swap16 ? ArrayPool<byte>.Shared.Rent(2 * rowBytes) : null;
        try
        {
            using var idat = new IdatStream(stream);
            using (var zlib = level switch
            {
                PngCompression.Small => new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true),
                _ => new ZLibStream(idat, FastOptions, leaveOpen: true),
            })
            {
                var filled = 0;
                for (var y = 0; y < height; y++)
                {
                    var dest = staging.AsSpan(filled, rowBytes + 1);
                    dest[0] = FilterUp;
                    ReadOnlySpan<byte> current;
                    ReadOnlySpan<byte> previous;
                    if (swapped is null)
                    {
                        current = data.Slice(y * rowBytes, rowBytes);
                        previous = y == 0 ? default : data.Slice((y - 1) * rowBytes, rowBytes);
                    }
                    else
                    {
                        // Two alternating row buffers hold the big-endian form of this row and the one above.
                        var cur = swapped.AsSpan((y & 1) * rowBytes, rowBytes);
                        BinaryPrimitives.ReverseEndianness(
                            MemoryMarshal.Cast<byte, ushort>(data.Slice(y * rowBytes, rowBytes)),
                            MemoryMarshal.Cast<byte, ushort>(cur));
                        current = cur;
                        previous = y == 0 ? default : swapped.AsSpan(((y - 1) & 1) * rowBytes, rowBytes);
                    }

                    if (previous.IsEmpty)
                    {
                        current.CopyTo(dest[1..]);
                    }
                    else
                    {
                        SubtractBytes(current, previous, dest[1..]);
                    }

                    filled += rowBytes + 1;
                    if (filled + rowBytes + 1 > staging.Length || y == height - 1)
                    {
                        zlib.Write(staging, 0, filled);
                        filled = 0;
                    }
                }
            }

            idat.FlushChunk();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(staging);
            if (swapped is not null)
            {
                ArrayPool<byte>.Shared.Return(swapped);
            }
        }

        WriteChunk(stream, "IEND"u8, []);
    }

    // dest[i] = current[i] - previous[i] (mod 256): the PNG "Up" filter.
    private static void SubtractBytes(ReadOnlySpan<byte> current, ReadOnlySpan<byte> previous, Span<byte> dest)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var n = Vector<byte>.Count;
            for (; i <= current.Length - n; i += n)
            {
                (new Vector<byte>(current[i..]) - new Vector<byte>(previous[i..])).CopyTo(dest[i..]);
            }
        }

        for (; i < current.Length; i++)
        {
            dest[i] = (byte)(current[i] - previous[i]);
        }
    }

    /// <summary>Writes one chunk: length, type, data and the CRC of type and data.</summary>
    internal static void WriteChunk(Stream stream, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(header, data.Length);
        type.CopyTo(header[4..]);
        stream.Write(header);
        stream.Write(data);
        var hash = new Crc32();
        hash.Append(type);
        hash.Append(data);
        var crc = hash.GetCurrentHashAsUInt32();
        Span<byte> trailer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(trailer, crc);
        stream.Write(trailer);
    }

    /// <summary>Collects compressed bytes and emits them as IDAT chunks of at most 64 KiB.</summary>
    private sealed class IdatStream(Stream output) : Stream
    {
        private const int ChunkSize = IdatChunkSize;
        private byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        private int count;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (!buffer.IsEmpty)
            {
                var n = Math.Min(buffer.Length, ChunkSize - this.count);
                buffer[..n].CopyTo(this.buffer.AsSpan(this.count));
                this.count += n;
                buffer = buffer[n..];
                if (this.count == ChunkSize)
                {
                    this.FlushChunk();
                }
            }
        }

        public override void Write(byte[] buffer, int offset, int count) => this.Write(buffer.AsSpan(offset, count));

        public override void WriteByte(byte value) => this.Write([value]);

        /// <summary>Emits the pending bytes, if any, as one IDAT chunk.</summary>
        public void FlushChunk()
        {
            if (this.count > 0)
            {
                WriteChunk(output, "IDAT"u8, this.buffer.AsSpan(0, this.count));
                this.count = 0;
            }
        }

        public override void Flush()
        {
            // Chunk boundaries must not depend on when the deflater flushes; chunks are emitted only when full or at the end.
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && this.buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(this.buffer);
                this.buffer = [];
            }

            base.Dispose(disposing);
        }
    }
}
