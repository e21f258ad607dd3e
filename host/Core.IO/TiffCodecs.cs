using System.Buffers;

namespace Dislocate.Core.IO;

/// <summary>The TIFF PackBits and LZW encoders used by <see cref="TiffStackWriter"/>.</summary>
internal static class TiffCodecs
{
    /// <summary>Largest PackBits output for a row of <paramref name="rowBytes"/> bytes.</summary>
    public static int PackBitsBound(int rowBytes) => rowBytes + ((rowBytes + 127) / 128);

    /// <summary>
    /// PackBits-encodes the rows of <paramref name="strip"/> one after another; returns the bytes written. Rows before
    /// the strip's first and after its last nonzero byte are all zero and get a copy of one encoded zero row (sparse
    /// masks are mostly such rows; one vectorized scan finds them).
    /// </summary>
    public static int PackBitsRows(ReadOnlySpan<byte> strip, int rowBytes, Span<byte> output)
    {
        var rows = strip.Length / rowBytes;
        var first = strip.IndexOfAnyExcept((byte)0);
        var firstRow = first < 0 ? rows : first / rowBytes;
        var lastRow = first < 0 ? rows - 1 : strip.LastIndexOfAnyExcept((byte)0) / rowBytes;
        var o = 0;
        int zeroRowStart = -1, zeroRowLength = 0;
        for (var r = 0; r < rows; r++)
        {
            if (r >= firstRow && r <= lastRow)
            {
                o += PackBitsRow(strip.Slice(r * rowBytes, rowBytes), output[o..]);
            }
            else if (zeroRowStart < 0)
            {
                zeroRowStart = o;
                zeroRowLength = PackBitsRow(strip.Slice(r * rowBytes, rowBytes), output[o..]);
                o += zeroRowLength;
            }
            else
            {
                output.Slice(zeroRowStart, zeroRowLength).CopyTo(output[o..]);
                o += zeroRowLength;
            }
        }

        return o;
    }

    /// <summary>PackBits-encodes one row (runs never cross rows in TIFF); returns the bytes written.</summary>
    /// <remarks>Runs of three or more equal bytes become run packets; everything else goes into literal packets of up to 128 bytes.</remarks>
    public static int PackBitsRow(ReadOnlySpan<byte> row, Span<byte> output)
    {
        var o = 0;
        var i = 0;
        var n = row.Length;
        while (i < n)
        {
            var v = row[i];
            var rest = row[(i + 1)..];
            var k = rest.IndexOfAnyExcept(v);
            var run = 1 + (k < 0 ? rest.Length : k);
            if (run >= 3)
            {
                while (run >= 3)
                {
                    var c = Math.Min(run, 128);
                    output[o++] = (byte)(1 - c);
                    output[o++] = v;
                    i += c;
                    run -= c;
                }

                continue;
            }

            var start = i;
            i += run;
            while (i < n && i - start < 128)
            {
                if (i + 2 < n && row[i] == row[i + 1] && row[i] == row[i + 2])
                {
                    break;
                }

                i++;
            }

            var length = i - start;
            output[o++] = (byte)(length - 1);
            row.Slice(start, length).CopyTo(output[o..]);
            o += length;
        }

        return o;
    }

    /// <summary>Largest LZW output for <paramref name="length"/> input bytes (at most one 12-bit code per byte plus clear/end codes).</summary>
    public static int LzwBound(int length) => checked((length * 2) + 16);

    /// <summary>TIFF LZW (MSB-first codes, 9–12 bits, "early change" as libtiff writes it); returns the bytes written.</summary>
    public static int Lzw(ReadOnlySpan<byte> input, Span<byte> output)
    {
        const int Clear = 256;
        const int End = 257;
        const int First = 258;
        const int TableSize = 8192;
        const int Mask = TableSize - 1;

        var keys = ArrayPool<int>.Shared.Rent(TableSize);
        var codes = ArrayPool<int>.Shared.Rent(TableSize);
        try
        {
            Array.Clear(keys, 0, TableSize);
            var writer = new BitWriter(output);
            var next = First;
            var width = 9;
            writer.Put(Clear, width);
            if (input.IsEmpty)
            {
                writer.Put(End, width);
                return writer.Finish();
            }

            int prefix = input[0];
            for (var i = 1; i < input.Length; i++)
            {
                var b = input[i];
                var key = ((prefix << 8) | b) + 1;
                var h = ((b << 5) ^ prefix) & Mask;
                var found = false;
                while (keys[h] != 0)
                {
                    if (keys[h] == key)
                    {
                        prefix = codes[h];
                        found = true;
                        break;
                    }

                    h = (h + 1) & Mask;
                }

                if (found)
                {
                    continue;
                }

                writer.Put(prefix, width);
                keys[h] = key;
                codes[h] = next++;
                if (next == 4094)
                {
                    // Table full: reset, as libtiff does at free_ent == CODE_MAX - 1.
                    writer.Put(Clear, width);
                    Array.Clear(keys, 0, TableSize);
                    next = First;
                    width = 9;
                }
                else if (next > (1 << width) - 1)
                {
                    width++;
                }

                prefix = b;
            }

            writer.Put(prefix, width);

            // The decoder adds one more entry after the last code; follow its width change before the end code.
            next++;
            if (next == 4094)
            {
                writer.Put(Clear, width);
                width = 9;
            }
            else if (next > (1 << width) - 1)
            {
                width++;
            }

            writer.Put(End, width);
            return writer.Finish();
        }
        finally
        {
            ArrayPool<int>.Shared.Return(keys);
            ArrayPool<int>.Shared.Return(codes);
        }
    }

    private ref struct BitWriter(Span<byte> output)
    {
        private readonly Span<byte> output = output;
        private ulong bits;
        private int count;
        private int position;

        public void Put(int code, int width)
        {
            this.bits = (this.bits << width) | (uint)code;
            this.count += width;
            while (this.count >= 8)
            {
                this.count -= 8;
                this.output[this.position++] = (byte)(this.bits >> this.count);
            }
        }

        public int Finish()
        {
            if (this.count > 0)
            {
                this.output[this.position++] = (byte)(this.bits << (8 - this.count));
                this.count = 0;
            }

            return this.position;
        }
    }
}
