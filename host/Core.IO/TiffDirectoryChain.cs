using System.Buffers.Binary;

namespace Dislocate.Core.IO;

/// <summary>
/// The offsets of a TIFF file's image file directories, read from its header and IFD chain without LibTiff.NET, whose
/// directory count is a 16-bit short (a 65 537-page stack reads as one page). Classic TIFF and BigTIFF, either byte order.
/// </summary>
internal static class TiffDirectoryChain
{
    /// <summary>
    /// The IFD offsets in chain order. Throws <see cref="InvalidDataException"/> for a header that is not TIFF, an
    /// offset outside the file, or a chain that loops.
    /// </summary>
    public static List<long> Offsets(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var length = stream.Length;
        Span<byte> header = stackalloc byte[16];
        stream.Position = 0;
        stream.ReadExactly(header[..8]);
        var little = header[0] == (byte)'I' && header[1] == (byte)'I';
        if (!little && !(header[0] == (byte)'M' && header[1] == (byte)'M'))
        {
            throw new InvalidDataException("no TIFF byte-order mark");
        }

        var version = Read16(header[2..], little);
        var big = version == 43;
        if (version != 42 && !big)
        {
            throw new InvalidDataException($"TIFF version {version} is neither 42 (TIFF) nor 43 (BigTIFF)");
        }

        long next;
        if (big)
        {
            stream.ReadExactly(header[8..16]);
            next = (long)Read64(header[8..], little);
        }
        else
        {
            next = Read32(header[4..], little);
        }

        var offsets = new List<long>();
        var seen = new HashSet<long>();
        Span<byte> field = stackalloc byte[8];
        var countSize = big ? 8 : 2;
        var entrySize = big ? 20 : 12;
        var offsetSize = big ? 8 : 4;
        while (next != 0)
        {
            if (next < 8 || next + countSize > length)
            {
                throw new InvalidDataException($"directory {offsets.Count} lies at offset {next}, outside the file's {length} bytes");
            }

            if (!seen.Add(next))
            {
                throw new InvalidDataException($"directory {offsets.Count} points back to an earlier one (offset {next}): the chain loops");
            }

            offsets.Add(next);
            stream.Position = next;
            stream.ReadExactly(field[..countSize]);
            var entries = big ? (long)Read64(field, little) : Read16(field, little);
            var nextAt = next + countSize + (entries * entrySize);
            if (entries < 0 || nextAt + offsetSize > length)
            {
                throw new InvalidDataException($"directory {offsets.Count - 1} at offset {next} claims {entries} entries, more than the file holds");
            }

            CheckEntries(stream, offsets.Count - 1, next + countSize, entries, big, little, length);
            stream.Position = nextAt;
            stream.ReadExactly(field[..offsetSize]);
            next = big ? (long)Read64(field, little) : Read32(field, little);
        }

        if (offsets.Count == 0)
        {
            throw new InvalidDataException("the file has no image directory");
        }

        return offsets;
    }

    /// <summary>Most pixels one page may declare (16384 × 16384): a page this size already takes 1 GB as floats.</summary>
    public const long MaxPagePixels = 1L << 28;

    // Every tag's data must lie inside the file (a lying ImageDescription count made LibTiff.NET allocate 10 GB from a
    // 4 KB file), and a page's declared size must fit the pixel budget, before LibTiff.NET allocates anything.
    private static void CheckEntries(Stream stream, int directory, long at, long entries, bool big, bool little, long length)
    {
        const int MaxEntries = 4096;
        if (entries > MaxEntries)
        {
            throw new InvalidDataException($"directory {directory} claims {entries} entries");
        }

        var entrySize = big ? 20 : 12;
        var inline = big ? 8 : 4;
        var block = new byte[entries * entrySize];
        stream.Position = at;
        stream.ReadExactly(block);
        long width = 0, height = 0;
        for (var e = 0; e < entries; e++)
        {
            var entry = block.AsSpan(e * entrySize, entrySize);
            var tag = Read16(entry, little);
            var type = Read16(entry[2..], little);
            var count = big ? (long)Math.Min(Read64(entry[4..], little), long.MaxValue / 8) : Read32(entry[4..], little);
            var size = type switch
            {
                1 or 2 or 6 or 7 => 1,
                3 or 8 => 2,
                4 or 9 or 11 or 13 => 4,
                5 or 10 or 12 or 16 or 17 or 18 => 8,
                _ => 0, // unknown types are skipped by readers
            };
            var bytes = count * size;
            var value = entry[(big ? 12 : 8)..];
            if (bytes > inline)
            {
                var offset = big ? (long)Math.Min(Read64(value, little), long.MaxValue) : Read32(value, little);
                if (offset < 0 || offset > length || bytes > length - offset)
                {
                    throw new InvalidDataException($"directory {directory}: tag {tag} declares {bytes} bytes at offset {offset}, beyond the file's {length} bytes");
                }
            }
            else if (tag is 256 or 257 && count == 1)
            {
                long v = type == 3 ? Read16(value, little) : Read32(value, little);
                (width, height) = tag == 256 ? (v, height) : (width, v);
            }
        }

        if (width * height > MaxPagePixels)
        {
            throw new InvalidDataException($"directory {directory} declares {width}×{height} pixels, more than the {MaxPagePixels} a page may have");
        }
    }

    private static ushort Read16(ReadOnlySpan<byte> b, bool little) => little ? BinaryPrimitives.ReadUInt16LittleEndian(b) : BinaryPrimitives.ReadUInt16BigEndian(b);

    private static uint Read32(ReadOnlySpan<byte> b, bool little) => little ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b);

    private static ulong Read64(ReadOnlySpan<byte> b, bool little) => little ? BinaryPrimitives.ReadUInt64LittleEndian(b) : BinaryPrimitives.ReadUInt64BigEndian(b);
}
