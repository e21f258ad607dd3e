using System.Buffers.Binary;
using System.Text;

namespace Dislocate.Core.IO;

/// <summary>What every page of a stack shares in its IFD: size, sample type and compression.</summary>
internal readonly record struct TiffPageFormat(int Width, int Height, int Bits, int SampleFormat, TiffCompression Compression);

/// <summary>
/// Lays out and writes the image file directories of a stack whose strips are already encoded. File layout:
/// header (8) | strip data | pad to even | IFD 0 and its arrays | IFD 1 … Offsets are 32-bit.
/// </summary>
internal static class TiffDirectoryWriter
{
    /// <summary>
    /// Appends one IFD per page to <paramref name="ifds"/> (the strip offset and count arrays and the description after
    /// each IFD that needs them) and returns the file offset of the first IFD.
    /// </summary>
    /// <param name="ifds">Where the IFDs go; they are written after the data and the pad byte.</param>
    /// <param name="format">The pages' shared format.</param>
    /// <param name="layout">The strip layout of every page.</param>
    /// <param name="pageCount">Pages in the stack.</param>
    /// <param name="counts">Encoded bytes of every strip, page after page.</param>
    /// <param name="dataLength">Sum of <paramref name="counts"/>.</param>
    /// <param name="description">ImageDescription of the first page, or null.</param>
    public static long Write(PooledBuffer ifds, TiffPageFormat format, TiffStripLayout layout, int pageCount, ReadOnlySpan<uint> counts, long dataLength, string? description)
    {
        var stripsPerPage = layout.StripsPerPage;
        var descriptionBytes = description is null ? 0 : description.Length + 1;
        var position = 8 + dataLength;
        position += position & 1;
        var firstIfd = position;
        var stripOffset = 8L;
        for (var p = 0; p < pageCount; p++)
        {
            var hasDescription = p == 0 && description is not null;
            var tagCount = hasDescription ? 13 : 12;
            var ifdSize = 2 + (12 * tagCount) + 4;
            var extra = position + ifdSize;
            var arraysAt = extra;
            if (stripsPerPage > 1)
            {
                extra += 8L * stripsPerPage;
            }

            var descriptionAt = extra;
            if (hasDescription && descriptionBytes > 4)
            {
                extra += descriptionBytes + (descriptionBytes & 1);
            }

            var nextIfd = p == pageCount - 1 ? 0 : extra;
            if (extra > uint.MaxValue)
            {
                throw new InvalidOperationException("The TIFF stack exceeds 4 GiB; write fewer pages per file.");
            }

            var span = ifds.GetSpan((int)(extra - position));
            var e = span[2..];
            BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)tagCount);
            Entry(ref e, TiffTagId.NewSubfileType, TiffFieldType.Long, 1, 0);
            Entry(ref e, TiffTagId.ImageWidth, TiffFieldType.Long, 1, (uint)format.Width);
            Entry(ref e, TiffTagId.ImageLength, TiffFieldType.Long, 1, (uint)format.Height);
            Entry(ref e, TiffTagId.BitsPerSample, TiffFieldType.Short, 1, (uint)format.Bits);
            Entry(ref e, TiffTagId.Compression, TiffFieldType.Short, 1, TiffStripEncoder.Code(format.Compression));
            Entry(ref e, TiffTagId.PhotometricInterpretation, TiffFieldType.Short, 1, 1);
            if (hasDescription)
            {
                // Up to four bytes (NUL included) fit in the entry's value field itself.
                Entry(ref e, TiffTagId.ImageDescription, TiffFieldType.Ascii, (uint)descriptionBytes, descriptionBytes > 4 ? (uint)descriptionAt : Inline(description!));
            }

            var counted = counts.Slice(p * stripsPerPage, stripsPerPage);
            var stripsAt = stripsPerPage > 1 ? (uint)arraysAt : (uint)stripOffset;
            Entry(ref e, TiffTagId.StripOffsets, TiffFieldType.Long, (uint)stripsPerPage, stripsAt);
            Entry(ref e, TiffTagId.SamplesPerPixel, TiffFieldType.Short, 1, 1);
            Entry(ref e, TiffTagId.RowsPerStrip, TiffFieldType.Long, 1, (uint)layout.RowsPerStrip);
            var countsAt = stripsPerPage > 1 ? (uint)(arraysAt + (4 * stripsPerPage)) : counted[0];
            Entry(ref e, TiffTagId.StripByteCounts, TiffFieldType.Long, (uint)stripsPerPage, countsAt);
            Entry(ref e, TiffTagId.PlanarConfiguration, TiffFieldType.Short, 1, 1);
            Entry(ref e, TiffTagId.SampleFormat, TiffFieldType.Short, 1, (uint)format.SampleFormat);
            BinaryPrimitives.WriteUInt32LittleEndian(e, (uint)nextIfd);
            e = e[4..];
            if (stripsPerPage > 1)
            {
                var offsetSpan = e;
                var countSpan = e[(4 * stripsPerPage)..];
                for (var s = 0; s < stripsPerPage; s++)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(offsetSpan[(4 * s)..], (uint)stripOffset);
                    BinaryPrimitives.WriteUInt32LittleEndian(countSpan[(4 * s)..], counted[s]);
                    stripOffset += counted[s];
                }

                e = e[(8 * stripsPerPage)..];
            }
            else
            {
                stripOffset += counted[0];
            }

            if (hasDescription && descriptionBytes > 4)
            {
                var written = Encoding.ASCII.GetBytes(description!, e);
                e[written..(descriptionBytes + (descriptionBytes & 1))].Clear();
            }

            ifds.Advance((int)(extra - position));
            position = extra;
        }

        return firstIfd;
    }

    // A description of at most three characters, packed little-endian into the value field.
    private static uint Inline(string description)
    {
        uint inline = 0;
        for (var i = 0; i < description.Length; i++)
        {
            inline |= (uint)description[i] << (8 * i);
        }

        return inline;
    }

    // One 12-byte IFD entry; a SHORT value sits in the first two bytes of the value field (little-endian).
    private static void Entry(ref Span<byte> span, TiffTagId tag, TiffFieldType type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)tag);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], (ushort)type);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], count);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], value);
        span = span[12..];
    }
}
