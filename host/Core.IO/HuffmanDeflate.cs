using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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

    // Symbol indices fit 9 bits (at most 512 symbols), so (weight << 9) | symbol sorts by weight, then symbol.
    private const int SymbolBits = 9;
    private const int MaxSymbols = 1 << SymbolBits;

    // The order in which code-length-alphabet lengths are sent (RFC 1951, 3.2.7).
    private static readonly byte[] CodeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

    /// <summary>The most bytes <see cref="Encode"/> can write for <paramref name="length"/> input bytes.</summary>
    /// <remarks>Every byte takes at most 15 bits; headers, the code-length table and the Adler-32 fit in 512 bytes, plus 8 bytes of slack for the packer's whole-word stores.</remarks>
    public static int MaxEncodedLength(int length) => checked((int)(((long)length * MaxBits / 8) + 520));

    /// <summary>Encodes <paramref name="data"/> as a zlib stream into <paramref name="output"/> (at least <see cref="MaxEncodedLength"/> bytes); returns its length.</summary>
    public static int Encode(ReadOnlySpan<byte> data, Span<byte> output)
    {
        if (output.Length < MaxEncodedLength(data.Length))
        {
            throw new ArgumentException($"The output needs {MaxEncodedLength(data.Length)} bytes.", nameof(output));
        }

        Span<int> counts = stackalloc int[LiteralCodes];
        Histogram(data, counts);
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

        var writer = new BitWriter(output);
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

        // One table entry per byte value: the bit-reversed code in the low 16 bits, its length above.
        Span<uint> table = stackalloc uint[256];
        for (var b = 0; b < 256; b++)
        {
            table[b] = codes[b] | ((uint)lengths[b] << 16);
        }

        writer.PutSymbols(data, table);
        writer.Put(codes[EndOfBlock], lengths[EndOfBlock]);
        var length = writer.Finish();
        BinaryPrimitives.WriteUInt32BigEndian(output.Slice(length, 4), Adler32(data));
        return length + 4;
    }

    /// <summary>Byte counts, in four interleaved tables so that runs of equal bytes do not serialize on one counter.</summary>
    private static void Histogram(ReadOnlySpan<byte> data, Span<int> counts)
    {
        Span<int> four = stackalloc int[4 * 256];
        ref var d = ref MemoryMarshal.GetReference(data);
        var i = 0;
        for (; i <= data.Length - 4; i += 4)
        {
            var word = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref d, i));
            four[(int)(word & 0xFF)]++;
            four[256 + (int)((word >> 8) & 0xFF)]++;
            four[512 + (int)((word >> 16) & 0xFF)]++;
            four[768 + (int)(word >> 24)]++;
        }

        for (; i < data.Length; i++)
        {
            four[data[i]]++;
        }

        for (var b = 0; b < 256; b++)
        {
            counts[b] = four[b] + four[256 + b] + four[512 + b] + four[768 + b];
        }
    }

    /// <summary>Adler-32 (RFC 1950): the modulo is deferred over runs of at most 5552 bytes, as zlib does, and each run is summed 32 bytes at a time.</summary>
    internal static uint Adler32(ReadOnlySpan<byte> data)
    {
        const uint Mod = 65521;
        const int Block = 32;
        const int MaxRun = 5536; // the largest multiple of 32 not above zlib's 5552, the longest run whose sums fit 32 bits
        ulong a = 1, b = 0;
        while (data.Length > 0)
        {
            var n = Math.Min(data.Length, MaxRun);
            var run = data[..n];
            var blocks = Vector256.IsHardwareAccelerated ? n / Block : 0;
            if (blocks > 0)
            {
                // Per block of 32 bytes x0..x31 starting with sums (a, b): a += Σx, b += 32·a + Σ(32 − i)·x_i.
                // prefix accumulates a's block-start part that comes from earlier blocks of this run.
                var weightsLo = Vector256.Create((ushort)32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17);
                var weightsHi = Vector256.Create((ushort)16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
                var sum = Vector256<uint>.Zero;
                var prefix = Vector256<uint>.Zero;
                var weighted = Vector256<uint>.Zero;
                ref var r = ref MemoryMarshal.GetReference(run);
                for (var k = 0; k < blocks; k++)
                {
                    var bytes = Vector256.LoadUnsafe(ref r, (nuint)(k * Block));
                    var (lo, hi) = Vector256.Widen(bytes);
                    prefix += sum;
                    var (s0, s1) = Vector256.Widen(lo + hi);
                    sum += s0 + s1;
                    var (w0, w1) = Vector256.Widen((lo * weightsLo) + (hi * weightsHi));
                    weighted += w0 + w1;
                }

                var blockSum = (ulong)Vector256.Sum(Vector256.WidenLower(sum) + Vector256.WidenUpper(sum));
                var prefixSum = (ulong)Vector256.Sum(Vector256.WidenLower(prefix) + Vector256.WidenUpper(prefix));
                var weightedSum = (ulong)Vector256.Sum(Vector256.WidenLower(weighted) + Vector256.WidenUpper(weighted));
                b += ((ulong)blocks * Block * a) + (Block * prefixSum) + weightedSum;
                a += blockSum;
            }

            foreach (var x in run[(blocks * Block)..])
            {
                a += x;
                b += a;
            }

            a %= Mod;
            b %= Mod;
            data = data[n..];
        }

        return (uint)((b << 16) | a);
    }

    /// <summary>
    /// Huffman code lengths for <paramref name="counts"/> (0 for unused symbols), at most <paramref name="limit"/> bits.
    /// When the tree is too deep the counts are halved (a used symbol keeps at least 1) and the tree rebuilt: every
    /// Huffman tree is full, so the code stays complete, as deflate decoders require.
    /// </summary>
    internal static void CodeLengths(ReadOnlySpan<int> counts, int limit, Span<byte> lengths)
    {
        if (counts.Length > MaxSymbols)
        {
            throw new ArgumentException($"At most {MaxSymbols} symbols.", nameof(counts));
        }

        Span<long> weights = stackalloc long[counts.Length];
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
    private static int HuffmanDepths(ReadOnlySpan<long> weights, Span<byte> lengths)
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

        // Ties are broken by node index, so the tree (and the file) is the same on every run. Leaves sorted by
        // (weight, index) and internal nodes in creation order (their weights never decrease, their indices grow)
        // form two sorted queues; taking the smaller head each time is a priority queue keyed by (weight, node).
        Span<int> parent = stackalloc int[2 * n];
        Span<long> nodeWeight = stackalloc long[2 * n];
        Span<long> keys = stackalloc long[used];
        var count = 0;
        for (var s = 0; s < n; s++)
        {
            if (weights[s] > 0)
            {
                keys[count++] = (weights[s] << SymbolBits) | (long)s; // weight, then index
                nodeWeight[s] = weights[s];
            }
        }

        keys.Sort();
        int leafHead = 0, innerHead = n, next = n;
        Span<int> pair = stackalloc int[2];
        for (var k = 1; k < used; k++)
        {
            for (var j = 0; j < 2; j++)
            {
                pair[j] = innerHead < next && (leafHead == used || nodeWeight[innerHead] < keys[leafHead] >> SymbolBits)
                    ? innerHead++
                    : (int)(keys[leafHead++] & ((1 << SymbolBits) - 1));
            }

            parent[pair[0]] = next;
            parent[pair[1]] = next;
            nodeWeight[next] = nodeWeight[pair[0]] + nodeWeight[pair[1]];
            next++;
        }

        // A parent is always made after its children, so walking down from the root sees parents first.
        Span<int> depth = stackalloc int[next];
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

    /// <summary>LSB-first bit packing into a span: bits gather in a 64-bit word that is stored whole, and the position advances by the complete bytes.</summary>
    private ref struct BitWriter(Span<byte> buffer)
    {
        private readonly Span<byte> buffer = buffer;
        private ulong bits;
        private int count;
        private int position;

        public void WriteByteAligned(byte value) => this.buffer[this.position++] = value;

        public void Put(int value, int width)
        {
            this.bits |= (ulong)(uint)value << this.count;
            this.count += width;
            this.Spill();
        }

        /// <summary>Codes every byte of <paramref name="data"/> with <paramref name="table"/> (code | length &lt;&lt; 16), three codes per store.</summary>
        public void PutSymbols(scoped ReadOnlySpan<byte> data, scoped ReadOnlySpan<uint> table)
        {
            // After a spill fewer than 8 bits wait, so three codes of at most 15 bits (7 + 45 = 52) fit the word.
            ref var t = ref MemoryMarshal.GetReference(table);
            ref var d = ref MemoryMarshal.GetReference(data);
            var i = 0;
            for (; i <= data.Length - 3; i += 3)
            {
                var e0 = Unsafe.Add(ref t, Unsafe.Add(ref d, i));
                var e1 = Unsafe.Add(ref t, Unsafe.Add(ref d, i + 1));
                var e2 = Unsafe.Add(ref t, Unsafe.Add(ref d, i + 2));
                this.bits |= (ulong)(e0 & 0xFFFF) << this.count;
                this.count += (int)(e0 >> 16);
                this.bits |= (ulong)(e1 & 0xFFFF) << this.count;
                this.count += (int)(e1 >> 16);
                this.bits |= (ulong)(e2 & 0xFFFF) << this.count;
                this.count += (int)(e2 >> 16);
                this.Spill();
            }

            for (; i < data.Length; i++)
            {
                var e = table[data[i]];
                this.Put((int)(e & 0xFFFF), (int)(e >> 16));
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

        // Stores the whole word (the buffer has 8 bytes of slack) and keeps only the incomplete byte's bits.
        private void Spill()
        {
            BinaryPrimitives.WriteUInt64LittleEndian(this.buffer[this.position..], this.bits);
            var bytes = this.count >> 3;
            this.position += bytes;
            this.bits = bytes == 8 ? 0 : this.bits >> (bytes << 3);
            this.count &= 7;
        }
    }
}
