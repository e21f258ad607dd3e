using System.Buffers.Binary;
using System.IO.Compression;
using Dislocate.Contracts;
using Dislocate.Core.IO;
using SkiaSharp;

namespace Dislocate.Core.Tests.IO;

public class PngTests
{
    private static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new System.Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Encode(Action<Stream> write)
    {
        using var ms = new MemoryStream();
        write(ms);
        return ms.ToArray();
    }

    private static List<string> ChunkNames(byte[] png)
    {
        var names = new List<string>();
        for (var pos = 8; pos + 8 <= png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            names.Add(System.Text.Encoding.ASCII.GetString(png, pos + 4, 4));
            pos += 12 + length;
        }

        return names;
    }

    [Theory]
    [InlineData(PngCompression.Fast)]
    [InlineData(PngCompression.Small)]
    [InlineData(PngCompression.Noisy)]
    public void Gray8RoundTripsExactly(PngCompression level)
    {
        var pixels = RandomBytes(37 * 23, 1);
        var png = Encode(s => PngEncoder.WriteGray8(s, pixels, 37, 23, level));
        var image = PngDecoder.Decode(png, "mem.png");
        Assert.Equal((37, 23, 8, 1), (image.Width, image.Height, image.BitDepth, image.Channels));
        Assert.Equal(pixels, image.Samples8);
        Assert.Null(image.Samples16);
    }

    [Fact]
    public void Gray16RoundTripsExactly()
    {
        var random = new System.Random(2);
        var pixels = new ushort[31 * 17];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (ushort)random.Next(65536);
        }

        pixels[0] = 0;
        pixels[1] = 65535;
        pixels[2] = 0x0102;
        var png = Encode(s => PngEncoder.WriteGray16(s, pixels, 31, 17));
        Assert.Equal(16, png[24]); // IHDR bit depth

        var image = PngDecoder.Decode(png, "mem.png");
        Assert.Equal((31, 17, 16, 1), (image.Width, image.Height, image.BitDepth, image.Channels));
        Assert.Equal(pixels, image.Samples16);
    }

    [Fact]
    public void Rgb8RoundTripsExactly()
    {
        var rgb = RandomBytes(19 * 11 * 3, 3);
        var png = Encode(s => PngEncoder.WriteRgb8(s, rgb, 19, 11));
        var image = PngDecoder.Decode(png, "mem.png");
        Assert.Equal((19, 11, 8, 3), (image.Width, image.Height, image.BitDepth, image.Channels));
        Assert.Equal(rgb, image.Samples8);
    }

    [Fact]
    public void WritesOnlyHeaderDataAndEndChunksAndSplitsLargeData()
    {
        // Incompressible 300×300 bytes need more than one 64 KiB IDAT chunk.
        var pixels = RandomBytes(300 * 300, 4);
        var png = Encode(s => PngEncoder.WriteGray8(s, pixels, 300, 300));
        var names = ChunkNames(png);
        Assert.Equal("IHDR", names[0]);
        Assert.Equal("IEND", names[^1]);
        Assert.All(names.Skip(1).SkipLast(1), n => Assert.Equal("IDAT", n));
        Assert.True(names.Count >= 4, $"expected several IDAT chunks, got {string.Join(",", names)}");
        Assert.Equal(pixels, PngDecoder.Decode(png, "mem.png").Samples8);
    }

    [Fact]
    public void IdenticalInputGivesIdenticalBytesOnAnyThread()
    {
        var pixels = new byte[64 * 48];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)((i * 7) ^ (i >> 5));
        }

        var reference = Encode(s => PngEncoder.WriteGray8(s, pixels, 64, 48));
        var results = new byte[8][];
        Parallel.For(0, results.Length, i => results[i] = Encode(s => PngEncoder.WriteGray8(s, pixels, 64, 48)));
        Assert.All(results, r => Assert.Equal(reference, r));
    }

    [Fact]
    public void SkiaDecodesOurGray8AndRgb8()
    {
        var gray = RandomBytes(13 * 9, 5);
        using (var bitmap = SKBitmap.Decode(Encode(s => PngEncoder.WriteGray8(s, gray, 13, 9))))
        {
            Assert.NotNull(bitmap);
            for (var y = 0; y < 9; y++)
            {
                for (var x = 0; x < 13; x++)
                {
                    var c = bitmap.GetPixel(x, y);
                    Assert.Equal(gray[(y * 13) + x], c.Red);
                    Assert.Equal(c.Red, c.Blue);
                }
            }
        }

        var rgb = RandomBytes(13 * 9 * 3, 6);
        using (var bitmap = SKBitmap.Decode(Encode(s => PngEncoder.WriteRgb8(s, rgb, 13, 9))))
        {
            Assert.NotNull(bitmap);
            for (var i = 0; i < 13 * 9; i++)
            {
                var c = bitmap.GetPixel(i % 13, i / 13);
                Assert.Equal((rgb[3 * i], rgb[(3 * i) + 1], rgb[(3 * i) + 2]), (c.Red, c.Green, c.Blue));
            }
        }
    }

    [Theory]
    [InlineData(SKColorType.Rgba8888, SKAlphaType.Unpremul, 4)]
    [InlineData(SKColorType.Rgba8888, SKAlphaType.Opaque, 3)]
    [InlineData(SKColorType.Gray8, SKAlphaType.Opaque, 1)]
    public void DecodesPngsWrittenBySkia(SKColorType colorType, SKAlphaType alphaType, int expectedChannels)
    {
        const int w = 21;
        const int h = 14;
        using var bitmap = new SKBitmap(new SKImageInfo(w, h, colorType, alphaType));
        var bytesPerPixel = colorType == SKColorType.Gray8 ? 1 : 4;
        Assert.Equal(w * bytesPerPixel, bitmap.RowBytes);
        var pixels = RandomBytes(w * h * bytesPerPixel, 7);
        if (alphaType == SKAlphaType.Opaque && bytesPerPixel == 4)
        {
            for (var i = 3; i < pixels.Length; i += 4)
            {
                pixels[i] = 255;
            }
        }

        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var ms = new MemoryStream();
        Assert.True(bitmap.Encode(ms, SKEncodedImageFormat.Png, 100));

        var decoded = PngDecoder.Decode(ms.ToArray(), "skia.png");
        Assert.Equal((w, h, 8, expectedChannels), (decoded.Width, decoded.Height, decoded.BitDepth, decoded.Channels));
        var expected = expectedChannels == 3
            ? pixels.Where((_, i) => i % 4 != 3).ToArray()
            : pixels;
        Assert.Equal(expected, decoded.Samples8);
    }

    [Theory]
    [InlineData(0, 8, 1)]
    [InlineData(0, 16, 1)]
    [InlineData(2, 8, 3)]
    [InlineData(6, 8, 4)]
    [InlineData(2, 16, 3)]
    public void DecodesAllFiveFilterTypesAcrossSeveralIdatChunks(int colorType, int bitDepth, int channels)
    {
        const int w = 9;
        const int h = 10;
        var bpp = channels * bitDepth / 8;
        var rowBytes = w * bpp;
        var raw = RandomBytes(rowBytes * h, 8 + colorType + bitDepth);
        var filtered = new byte[(rowBytes + 1) * h];
        for (var y = 0; y < h; y++)
        {
            var type = y % 5;
            filtered[y * (rowBytes + 1)] = (byte)type;
            for (var i = 0; i < rowBytes; i++)
            {
                int a = i >= bpp ? raw[(y * rowBytes) + i - bpp] : 0;
                int b = y > 0 ? raw[((y - 1) * rowBytes) + i] : 0;
                int c = i >= bpp && y > 0 ? raw[((y - 1) * rowBytes) + i - bpp] : 0;
                var predictor = type switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    _ => Paeth(a, b, c),
                };
                filtered[(y * (rowBytes + 1)) + 1 + i] = (byte)(raw[(y * rowBytes) + i] - predictor);
            }
        }

        var png = BuildPng(w, h, bitDepth, colorType, filtered, idatSize: 17, extraChunk: true);
        var image = PngDecoder.Decode(png, "filters.png");
        Assert.Equal((w, h, bitDepth, channels), (image.Width, image.Height, image.BitDepth, image.Channels));
        if (bitDepth == 8)
        {
            Assert.Equal(raw, image.Samples8);
        }
        else
        {
            var expected = new ushort[raw.Length / 2];
            for (var i = 0; i < expected.Length; i++)
            {
                expected[i] = BinaryPrimitives.ReadUInt16BigEndian(raw.AsSpan(2 * i));
            }

            Assert.Equal(expected, image.Samples16);
        }
    }

    /// <summary>Assembles a PNG from already filtered scanlines (each starting with its filter byte).</summary>
    internal static byte[] BuildPng(int w, int h, int bitDepth, int colorType, byte[] filtered, byte[]? palette = null, int interlace = 0, int idatSize = int.MaxValue, bool extraChunk = false)
    {
        byte[] compressed;
        using (var ms = new MemoryStream())
        {
            using (var z = new ZLibStream(ms, CompressionLevel.Optimal, leaveOpen: true))
            {
                z.Write(filtered);
            }

            compressed = ms.ToArray();
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, w);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), h);
        ihdr[8] = (byte)bitDepth;
        ihdr[9] = (byte)colorType;
        ihdr[12] = (byte)interlace;
        PngEncoder.WriteChunk(png, "IHDR"u8, ihdr);
        if (extraChunk)
        {
            PngEncoder.WriteChunk(png, "tEXt"u8, "Comment\0ancillary chunks are skipped"u8);
        }

        if (palette is not null)
        {
            PngEncoder.WriteChunk(png, "PLTE"u8, palette);
        }

        for (var o = 0; o < compressed.Length; o += idatSize)
        {
            PngEncoder.WriteChunk(png, "IDAT"u8, compressed.AsSpan(o, Math.Min(idatSize, compressed.Length - o)));
        }

        PngEncoder.WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    [Fact]
    public void ExpandsLowBitDepthGrayAndPalettes()
    {
        // 1-bit gray, 5 pixels: 1 0 1 1 0 → 0/255.
        var gray1 = PngDecoder.Decode(BuildPng(5, 1, 1, 0, [0, 0b1011_0000]), "g1.png");
        Assert.Equal((8, 1), (gray1.BitDepth, gray1.Channels));
        Assert.Equal([255, 0, 255, 255, 0], gray1.Samples8);

        // 4-bit gray, 3 pixels: 0, 15, 7 → ×17.
        var gray4 = PngDecoder.Decode(BuildPng(3, 1, 4, 0, [0, 0x0F, 0x70]), "g4.png");
        Assert.Equal([0, 255, 119], gray4.Samples8);

        // 2-bit palette, 4 pixels: indices 3 2 1 0.
        byte[] palette = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120];
        var indexed = PngDecoder.Decode(BuildPng(4, 1, 2, 3, [0, 0b11_10_01_00], palette), "p2.png");
        Assert.Equal((8, 3), (indexed.BitDepth, indexed.Channels));
        Assert.Equal([100, 110, 120, 70, 80, 90, 40, 50, 60, 10, 20, 30], indexed.Samples8);

        var ex = Assert.Throws<InputFileException>(() => PngDecoder.Decode(BuildPng(1, 1, 8, 3, [0, 9], palette), "p8.png"));
        Assert.Equal("PLTE", ex.Field);
        ex = Assert.Throws<InputFileException>(() => PngDecoder.Decode(BuildPng(1, 1, 8, 3, [0, 0]), "nopalette.png"));
        Assert.Equal("PLTE", ex.Field);
    }

    [Fact]
    public void RejectsInterlacedAndInvalidHeaders()
    {
        var ex = Assert.Throws<InputFileException>(() => PngDecoder.Decode(BuildPng(1, 1, 8, 0, [0, 5], interlace: 1), "i.png"));
        Assert.Contains("interlaced", ex.Problem, StringComparison.Ordinal);
        ex = Assert.Throws<InputFileException>(() => PngDecoder.Decode(BuildPng(1, 1, 16, 3, [0, 0, 0]), "bad.png"));
        Assert.Equal("IHDR", ex.Field);
        ex = Assert.Throws<InputFileException>(() => PngDecoder.Decode(BuildPng(2, 1, 8, 0, [7, 1, 2]), "filter.png"));
        Assert.Contains("filter type 7", ex.Problem, StringComparison.Ordinal);
        ex = Assert.Throws<InputFileException>(() => PngDecoder.Decode(BuildPng(2, 2, 8, 0, [0, 1, 2]), "short.png"));
        Assert.Equal("IDAT", ex.Field);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    [Fact]
    public void CorruptFilesThrowInputFileExceptionNamingTheFile()
    {
        using var folder = new TempFolder();
        var good = Encode(s => PngEncoder.WriteGray8(s, RandomBytes(40 * 30, 9), 40, 30));

        var truncated = folder.File("truncated.png");
        File.WriteAllBytes(truncated, good[..(good.Length / 2)]);
        var ex = Assert.Throws<InputFileException>(() => PngDecoder.Decode(truncated));
        Assert.Contains(truncated, ex.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);

        var badSignature = folder.File("signature.png");
        var copy = (byte[])good.Clone();
        copy[1] = (byte)'X';
        File.WriteAllBytes(badSignature, copy);
        ex = Assert.Throws<InputFileException>(() => PngDecoder.Decode(badSignature));
        Assert.Contains(badSignature, ex.Message, StringComparison.Ordinal);
        Assert.Contains("signature", ex.Message, StringComparison.Ordinal);

        var badCrc = folder.File("crc.png");
        copy = (byte[])good.Clone();
        copy[50] ^= 0x40; // inside the first IDAT chunk's data
        File.WriteAllBytes(badCrc, copy);
        ex = Assert.Throws<InputFileException>(() => PngDecoder.Decode(badCrc));
        Assert.Contains(badCrc, ex.Message, StringComparison.Ordinal);
        Assert.Contains("CRC", ex.Message, StringComparison.Ordinal);
        Assert.Equal("IDAT", ex.Field);

        var missing = folder.File("missing.png");
        ex = Assert.Throws<InputFileException>(() => PngDecoder.Decode(missing));
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsMismatchedBufferSize() =>
        Assert.Throws<ArgumentException>(() => PngEncoder.WriteGray8(Stream.Null, new byte[10], 3, 3));
}
