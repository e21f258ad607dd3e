using System.IO.Compression;
using Dislocate.Core.IO;

namespace Dislocate.Core.Tests.IO;

public class HuffmanDeflateTests
{
    private static byte[] Inflate(byte[] zlib)
    {
        using var input = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Deflate(byte[] data)
    {
        var output = new byte[HuffmanDeflate.MaxEncodedLength(data.Length)];
        return output.AsSpan(0, HuffmanDeflate.Encode(data, output)).ToArray();
    }

    public static TheoryData<string> Cases => new() { "noise", "constant", "two", "skewed", "all" };

    private static byte[] Make(string kind)
    {
        var rng = new System.Random(5);
        return kind switch
        {
            "noise" => Enumerable.Range(0, 100_000).Select(_ => (byte)Math.Clamp(128 + (int)(rng.NextDouble() * 20) - 10, 0, 255)).ToArray(),
            "constant" => new byte[5000],
            "two" => Enumerable.Range(0, 999).Select(i => (byte)(i % 3 == 0 ? 7 : 0)).ToArray(),
            // Fibonacci-like frequencies force a tree deeper than 15 bits, so the length limit must act.
            "skewed" => Enumerable.Range(0, 30).SelectMany(k => Enumerable.Repeat((byte)k, (int)Math.Min(1_000_000, Fibonacci(k + 1)))).ToArray(),
            _ => Enumerable.Range(0, 256 * 4).Select(i => (byte)i).ToArray(),
        };
    }

    private static long Fibonacci(int n) => n < 2 ? 1 : Fibonacci(n - 1) + Fibonacci(n - 2);

    [Theory]
    [MemberData(nameof(Cases))]
    public void ZlibInflates_ItsOutput_ToTheInput(string kind)
    {
        var data = Make(kind);
        Assert.Equal(data, Inflate(Deflate(data)));
        Assert.Equal(Deflate(data), Deflate(data));
    }

    [Fact]
    public void NoisyData_CompressesLikeZlibsHuffmanOnlyStrategy()
    {
        var data = Make("noise");
        using var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, new ZLibCompressionOptions { CompressionLevel = 1, CompressionStrategy = ZLibCompressionStrategy.HuffmanOnly }, leaveOpen: true))
        {
            z.Write(data);
        }

        var ours = Deflate(data).Length;
        Assert.InRange(ours, data.Length * 0.4, ms.Length * 1.01);
    }

    [Fact]
    public void CodeLengths_AreLimited_AndTheCodeIsComplete()
    {
        var counts = Enumerable.Range(0, 30).Select(k => (int)Math.Min(1_000_000, Fibonacci(k + 1))).ToArray();
        var lengths = new byte[counts.Length];
        HuffmanDeflate.CodeLengths(counts, 15, lengths);
        Assert.All(lengths, l => Assert.InRange(l, 1, 15));
        Assert.Equal(1.0, lengths.Sum(l => Math.Pow(2, -l)), 12); // Kraft equality: a full tree.
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(5535)]
    [InlineData(5536)]
    [InlineData(5553)]
    [InlineData(100_003)]
    public void Adler32_EqualsTheByteByByteDefinition(int length)
    {
        // Random bytes, and all 255 (the largest sums: where a deferred modulo would overflow first).
        var random = new byte[length];
        new System.Random(length).NextBytes(random);
        var full = Enumerable.Repeat((byte)255, length).ToArray();
        foreach (var data in new[] { random, full })
        {
            uint a = 1, b = 0;
            foreach (var x in data)
            {
                a = (a + x) % 65521;
                b = (b + a) % 65521;
            }

            Assert.Equal((b << 16) | a, HuffmanDeflate.Adler32(data));
        }
    }

    [Fact]
    public void Adler32_MatchesTheKnownValue()
    {
        // Adler-32 of "Wikipedia" is 0x11E60398 (the worked example of the algorithm's description).
        Assert.Equal(0x11E60398u, HuffmanDeflate.Adler32("Wikipedia"u8));
    }
}
