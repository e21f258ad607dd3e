using System.Buffers;
using System.Buffers.Binary;

namespace Dislocate.Core.IO;

/// <summary>
/// A zlib stream (RFC 1950) holding one dynamic-Huffman deflate block (RFC 1951) of literals only: the same kind of
/// output as zlib's Huffman-only strategy, about three times faster here, and independent of the runtime's zlib, so
/// identical input gives identical bytes with any .NET version.
/// </summary>
/// <remarks>
/// Suits data whose redundancy is in its symbol frequencies rather than repeats (filtered noisy images). Code lengths
/// are Huffman's, limited to 15 bits by lengthening the longest codes under the limit until the Kraft sum fits.
/// </remarks>
internal static class HuffmanDeflate
{
    private const int LiteralCodes = 257; // 0–255 and end-of-block
    private const int EndOfBlock = 256;
    private const int MaxBits = 15;
    private const int MaxCodeLengthBits = 7;

    // The order in which code-length-alphabet lengths are sent (RFC 1951, 3.2.7).
    private static readonly byte[] CodeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

    /// <summary>Writes the zlib stream of <paramref name="data"/> to <paramref name="output"/>.</summary>
    public static void Write(ReadOnlySpan<byte> data, Stream output)
    {
        Span<int> counts = stackalloc int[LiteralCodes];
        foreach (var b in data)
        {
            counts[b]++;
        }

        counts[EndOfBlock] = 1;
        Span<byte> lengths = stackalloc byte[LiteralCodes];
        CodeLengths(counts, MaxBits, lengths);
        Span<ushort> codes = stackalloc ushort[LiteralCodes];
        CanonicalCodes(lengths, codes);

        // The code lengths of 257 literal/length codes and one distance code (one bit; it is never used), sent
        // without run-length symbols, themselves Huffman-coded with the code-length alphabet.
        Span<byte> sequence = stackalloc byte[LiteralCodes + 1];
        lengths.CopyTo(sequence);
        sequence[LiteralCodes] = 1;
        Span<int> clCounts = stackalloc int[19];
        foreach (var l in sequence)
        {
            clCounts[l]++;
        }

        Span<byte> clLengths = stackalloc byte[19];
        CodeLengths(clCounts, MaxCodeLengthBits, clLengths);
        Span<ushort> clCodes = stackalloc ushort[19];
        CanonicalCodes(clLengths, clCodes);
        var hclen = 19;
        while (hclen > 4 && clLengths[CodeLengthOrder[hclen - 1]] == 0)
        {
            hclen--;
        }

        // Worst case: every byte takes 15 bits, plus headers.
        var buffer = ArrayPool<byte>.Shared.Rent(((data.Length * MaxBits) / 8) + 512);
        try
        {
            var writer = new BitWriter(buffer);
            writer.WriteByteAligned(0x78); // deflate, 32 KiB window
            writer.WriteByteAligned(0x01); // fastest-compression flag; 0x7801 is a multiple of 31
            writer.Put(1, 1); // final block
            writer.Put(2, 2); // dynamic Huffman
            writer.Put(LiteralCodes - 257, 5);
            writer.Put(0, 5); // one distance code
            writer.Put(hclen - 4, 4);
            for (var i = 0; i < hclen; i++)
            {
                writer.Put(clLengths[CodeLengthOrder[i]], 3);
            }

            foreach (var l in sequence)
            {
                writer.Put(clCodes[l], clLengths[l]);
            }

            foreach (var b in data)
            {
                writer.Put(codes[b], lengths[b]);
            }

            writer.Put(codes[EndOfBlock], lengths[EndOfBlock]);
            var length = writer.Finish();
            BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(length, 4), Adler32(data));
            output.Write(buffer, 0, length + 4);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Adler-32 with the modulo deferred over 5552-byte runs, as zlib does.</summary>
    internal static uint Adler32(ReadOnlySpan<byte> data)
    {
        uint a = 1, b = 0;
        while (data.Length > 0)
        {
            var n = Math.Min(data.Length, 5552);
            foreach (var x in data[..n])
            {
                a += x;
                b += a;
            }

            a %= 65521;
            b %= 65521;
            data = data[n..];
        }

        return (b << 16) | a;
    }

    /// <summary>
    /// Huffman code lengths for <paramref name="counts"/> (0 for unused symbols), at most <paramref name="limit"/> bits.
    /// When the tree is too deep the counts are halved (a used symbol keeps at least 1) and the tree rebuilt: every
    /// Huffman tree is full, so the code stays complete, as deflate decoders require.
    /// </summary>
    internal static void CodeLengths(ReadOnlySpan<int> counts, int limit, Span<byte> lengths)
    {
        var weights = new long[counts.Length];
        for (var s = 0; s < counts.Length; s++)
        {
            weights[s] = counts[s];
        }

        for (var shift = 0; ; shift++)
        {
            if (HuffmanDepths(weights, lengths) <= limit)
            {
                return;
            }

            for (var s = 0; s < weights.Length; s++)
            {
                if (counts[s] > 0)
                {
                    weights[s] = Math.Max(1, (long)counts[s] >> (shift + 1));
                }
            }
        }
    }

    /// <summary>Code lengths of a Huffman tree over the nonzero weights; returns the deepest length.</summary>
    private static int HuffmanDepths(long[] weights, Span<byte> lengths)
    {
        lengths.Clear();
        var n = weights.Length;
        var used = 0;
        var last = -1;
        for (var s = 0; s < n; s++)
        {
            if (weights[s] > 0)
            {
                used++;
                last = s;
            }
        }

        if (used == 1)
        {
            lengths[last] = 1; // A lone symbol still needs a one-bit code.
            return 1;
        }

        // Ties are broken by node index, so the tree (and the file) is the same on every run.
        var parent = new int[2 * n];
        var queue = new PriorityQueue<int, (long Weight, int Node)>();
        for (var s = 0; s < n; s++)
        {
            if (weights[s] > 0)
            {
                queue.Enqueue(s, (weights[s], s));
            }
        }

        var next = n;
        while (queue.Count > 1)
        {
            queue.TryDequeue(out var x, out var px);
            queue.TryDequeue(out var y, out var py);
            parent[x] = next;
            parent[y] = next;
            queue.Enqueue(next, (px.Weight + py.Weight, next));
            next++;
        }

        // A parent is always made after its children, so walking down from the root sees parents first.
        var depth = new int[next];
        var deepest = 0;
        for (var node = next - 2; node >= 0; node--)
        {
            if (node >= n || weights[node] > 0)
            {
                depth[node] = depth[parent[node]] + 1;
                if (node < n)
                {
                    lengths[node] = (byte)Math.Min(depth[node], 255);
                    deepest = Math.Max(deepest, depth[node]);
                }
            }
        }

        return deepest;
    }

    /// <summary>Canonical Huffman codes for the given lengths (RFC 1951, 3.2.2), bit-reversed for LSB-first output.</summary>
    internal static void CanonicalCodes(ReadOnlySpan<byte> lengths, Span<ushort> codes)
    {
        Span<int> perLength = stackalloc int[MaxBits + 1];
        foreach (var l in lengths)
        {
            perLength[l]++;
        }

        perLength[0] = 0;
        Span<int> nextCode = stackalloc int[MaxBits + 2];
        var code = 0;
        for (var bits = 1; bits <= MaxBits; bits++)
        {
            code = (code + perLength[bits - 1]) << 1;
            nextCode[bits] = code;
        }

        for (var s = 0; s < lengths.Length; s++)
        {
            var len = lengths[s];
            if (len == 0)
            {
                codes[s] = 0;
                continue;
            }

            var c = nextCode[len]++;
            var reversed = 0;
            for (var i = 0; i < len; i++)
            {
                reversed = (reversed << 1) | ((c >> i) & 1);
            }

            codes[s] = (ushort)reversed;
        }
    }

    /// <summary>LSB-first bit packing into a byte array, 64 bits at a time.</summary>
    private ref struct BitWriter(byte[] buffer)
    {
        private readonly byte[] buffer = buffer;
        private ulong bits;
        private int count;
        private int position;

        public void WriteByteAligned(byte value) => this.buffer[this.position++] = value;

        public void Put(int value, int width)
        {
            this.bits |= (ulong)(uint)value << this.count;
            this.count += width;
            if (this.count >= 32)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(this.buffer.AsSpan(this.position, 4), (uint)this.bits);
                this.position += 4;
                this.bits >>= 32;
                this.count -= 32;
            }
        }

        public int Finish()
        {
            while (this.count > 0)
            {
                this.buffer[this.position++] = (byte)this.bits;
                this.bits >>= 8;
                this.count -= 8;
            }

            return this.position;
        }
    }
}
