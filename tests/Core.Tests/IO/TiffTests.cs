using BitMiracle.LibTiff.Classic;
using Dislocate.Contracts;
using Dislocate.Core.IO;

namespace Dislocate.Core.Tests.IO;

public class TiffTests
{
    private static readonly TiffCompression[] AllCompressions = [TiffCompression.None, TiffCompression.PackBits, TiffCompression.Deflate, TiffCompression.Lzw];

    private static byte[] WriteBytes(Action<Stream> write)
    {
        using var ms = new MemoryStream();
        write(ms);
        return ms.ToArray();
    }

    private static TiffFile ReadBytes(byte[] tiff)
    {
        using var ms = new MemoryStream(tiff, writable: false);
        return TiffStackReader.Read(ms, "mem.tif");
    }

    // Random noise, a mostly-zero mask with a thin line, a constant page and a ramp: exercises literals, runs and LZW table resets.
    private static List<ReadOnlyMemory<byte>> BytePages(int w, int h)
    {
        var random = new System.Random(11);
        var noise = new byte[w * h];
        random.NextBytes(noise);
        var mask = new byte[w * h];
        for (var x = 0; x < w; x++)
        {
            mask[((h / 2) * w) + x] = 255;
        }

        var constant = new byte[w * h];
        Array.Fill(constant, (byte)77);
        var ramp = new byte[w * h];
        for (var i = 0; i < ramp.Length; i++)
        {
            ramp[i] = (byte)(i / 3);
        }

        return [noise, mask, constant, ramp];
    }

    [Fact]
    public void EightBitStacksRoundTripWithEveryCompression()
    {
        // 1000-byte rows give 65-row strips, so 150 rows span three strips.
        const int w = 1000;
        const int h = 150;
        var pages = BytePages(w, h);
        foreach (var compression in AllCompressions)
        {
            var file = ReadBytes(WriteBytes(s => TiffStackWriter.Write(s, pages, w, h, compression)));
            Assert.Equal(pages.Count, file.Pages.Count);
            for (var p = 0; p < pages.Count; p++)
            {
                var page = file.Pages[p];
                Assert.Equal((w, h, 8, TiffSampleType.Gray8), (page.Width, page.Height, page.BitsPerSample, page.SampleType));
                Assert.True(pages[p].Span.SequenceEqual(page.Bytes), $"{compression} page {p} differs");
            }
        }
    }

    [Fact]
    public void LzwCodeWidthChangesAndTableResetsAtTheEndOfAStripDecode()
    {
        // A de Bruijn sequence (0, 0 1, 0 2, ..., 0 255, 1, 1 2, ...) never repeats an adjacent pair, so LZW emits
        // one code per byte and a strip of n bytes ends with table entry 258 + n. Strips around n = 254, 766, 1790
        // and 3836 put the last code on the 9→10, 10→11 and 11→12-bit changes and on the table-full reset.
        var sequence = new List<byte>();
        for (var a = 0; a < 256 && sequence.Count < 4200; a++)
        {
            sequence.Add((byte)a);
            for (var b = a + 1; b < 256; b++)
            {
                sequence.Add((byte)a);
                sequence.Add((byte)b);
            }
        }

        var data = sequence.ToArray();
        foreach (var center in new[] { 254, 766, 1790, 3836, 4090 })
        {
            for (var length = center - 4; length <= center + 4; length++)
            {
                // LibTiff stops once the strip is full, so a strict decoder also checks the end code and its width.
                var input = data.AsSpan(0, length);
                var encoded = new byte[TiffCodecs.LzwBound(length)];
                var size = TiffCodecs.Lzw(input, encoded);
                Assert.Equal(input.ToArray(), StrictLzwDecode(encoded.AsSpan(0, size)));

                var page = data.AsMemory(0, length);
                var file = ReadBytes(WriteBytes(s => TiffStackWriter.Write(s, [page], length, 1, TiffCompression.Lzw)));
                Assert.True(page.Span.SequenceEqual(file.Pages[0].Bytes), $"length {length}");
            }
        }
    }

    // TIFF LZW as the specification describes it, reading until the end code: codes MSB-first, 9 to 12 bits,
    // the width growing when the next free entry reaches 511, 1023 and 2047 ("early change").
    private static byte[] StrictLzwDecode(ReadOnlySpan<byte> input)
    {
        var output = new List<byte>();
        var table = new List<byte[]>(4096);
        var width = 9;
        var bit = 0;
        byte[]? previous = null;
        void Reset()
        {
            table.Clear();
            for (var i = 0; i < 258; i++)
            {
                table.Add([(byte)i]);
            }

            width = 9;
            previous = null;
        }

        Reset();
        while (true)
        {
            Assert.True(bit + width <= input.Length * 8, "the code stream ends without an end code");
            var code = 0;
            for (var i = 0; i < width; i++, bit++)
            {
                code = (code << 1) | ((input[bit >> 3] >> (7 - (bit & 7))) & 1);
            }

            if (code == 257)
            {
                break;
            }

            if (code == 256)
            {
                Reset();
                continue;
            }

            byte[] entry;
            if (code < table.Count && code > 257)
            {
                entry = table[code];
            }
            else if (code < 256)
            {
                entry = [(byte)code];
            }
            else
            {
                Assert.True(code == table.Count && previous is not null, $"invalid code {code} with {table.Count} entries");
                entry = [.. previous!, previous![0]];
            }

            output.AddRange(entry);
            if (previous is not null)
            {
                table.Add([.. previous, entry[0]]);
            }

            previous = entry;
            if (table.Count >= (1 << width) - 1 && width < 12)
            {
                width++;
            }
        }

        Assert.True(input.Length * 8 - bit < 8, "data follows the end code");
        return [.. output];
    }

    [Fact]
    public void SixteenBitStacksRoundTripWithEveryCompression()
    {
        const int w = 45;
        const int h = 31;
        var random = new System.Random(12);
        var a = new ushort[w * h];
        var b = new ushort[w * h];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = (ushort)random.Next(65536);
            b[i] = (ushort)(i % 7 == 0 ? 65535 : 0);
        }

        ReadOnlyMemory<ushort>[] pages = [a, b];
        foreach (var compression in AllCompressions)
        {
            var file = ReadBytes(WriteBytes(s => TiffStackWriter.Write(s, pages, w, h, compression)));
            Assert.Equal(2, file.Pages.Count);
            Assert.Equal((16, TiffSampleType.Gray16), (file.Pages[0].BitsPerSample, file.Pages[0].SampleType));
            Assert.Equal(a, file.Pages[0].UInt16s);
            Assert.Equal(b, file.Pages[1].UInt16s);
        }
    }

    [Fact]
    public void FloatStacksRoundTripBitExactly()
    {
        // 300 floats per row: 54-row strips, so 120 rows make three strips.
        const int w = 300;
        const int h = 120;
        var random = new System.Random(13);
        var a = new float[w * h];
        var b = new float[w * h];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = (float)((random.NextDouble() * 4) - 2);
            b[i] = i % 11 == 0 ? float.MaxValue : 0f;
        }

        a[0] = float.NaN;
        a[1] = float.NegativeInfinity;
        a[2] = -0f;
        ReadOnlyMemory<float>[] pages = [a, b];
        foreach (var compression in AllCompressions)
        {
            var file = ReadBytes(WriteBytes(s => TiffStackWriter.Write(s, pages, w, h, compression)));
            Assert.Equal((32, TiffSampleType.GrayFloat32), (file.Pages[0].BitsPerSample, file.Pages[0].SampleType));
            Assert.Equal(a.Select(BitConverter.SingleToInt32Bits), file.Pages[0].Floats!.Select(BitConverter.SingleToInt32Bits));
            Assert.Equal(b, file.Pages[1].Floats);
        }
    }

    [Fact]
    public void ImageJDescriptionFollowsImageJsFormat()
    {
        Assert.Equal("ImageJ=1.53t\nimages=10\nslices=10\n", TiffStackWriter.ImageJDescription(10));
        Assert.Equal("ImageJ=1.53t\nimages=1\n", TiffStackWriter.ImageJDescription(1));
        Assert.Equal("ImageJ=1.53t\nimages=6\nchannels=2\nslices=3\nhyperstack=true\n", TiffStackWriter.ImageJDescription(6, channels: 2, slices: 3));
        Assert.Equal("ImageJ=1.53t\nimages=8\nframes=8\nhyperstack=true\n", TiffStackWriter.ImageJDescription(8, frames: 8));
        Assert.Throws<ArgumentException>(() => TiffStackWriter.ImageJDescription(5, channels: 2, slices: 3));
    }

    [Fact]
    public void ImageJDescriptionIsStoredAndParsedBackAndUncompressedDataIsContiguous()
    {
        const int w = 64;
        const int h = 40;
        var pages = Enumerable.Range(0, 6).Select(p => (ReadOnlyMemory<byte>)Enumerable.Repeat((byte)(p * 40), w * h).ToArray()).ToList();
        var description = TiffStackWriter.ImageJDescription(6, channels: 2, slices: 3);
        var bytes = WriteBytes(s => TiffStackWriter.Write(s, pages, w, h, TiffCompression.None, description));

        var file = ReadBytes(bytes);
        Assert.Equal(description, file.ImageDescription);
        var fields = TiffStackReader.ParseImageJDescription(file.ImageDescription);
        Assert.Equal("6", fields["images"]);
        Assert.Equal("2", fields["channels"]);
        Assert.Equal("3", fields["slices"]);
        Assert.Equal("true", fields["hyperstack"]);
        Assert.Empty(TiffStackReader.ParseImageJDescription("not imagej"));

        // ImageJ reads an uncompressed stack with images=N as N images back to back from the first strip offset.
        using var ms = new MemoryStream(bytes);
        using var tif = Tiff.ClientOpen("mem", "r", ms, new TiffStream());
        var first = tif.GetField(TiffTag.STRIPOFFSETS)[0].ToIntArray()[0];
        for (short p = 0; p < 6; p++)
        {
            Assert.True(tif.SetDirectory(p));
            Assert.Equal(first + (p * w * h), tif.GetField(TiffTag.STRIPOFFSETS)[0].ToIntArray()[0]);
            Assert.Null(tif.GetField(TiffTag.DATETIME));
            Assert.Null(tif.GetField(TiffTag.SOFTWARE));
            Assert.Equal(Photometric.MINISBLACK, (Photometric)tif.GetField(TiffTag.PHOTOMETRIC)[0].ToInt());
            Assert.Equal(p == 0, tif.GetField(TiffTag.IMAGEDESCRIPTION) is not null);
        }

        Assert.Equal(pages[5].ToArray(), bytes.AsSpan(first + (5 * w * h), w * h).ToArray());
    }

    [Theory]
    [InlineData("sparse")]
    [InlineData("empty")]
    [InlineData("full")]
    [InlineData("ends")]
    public void PackBitsRows_EqualsEncodingRowByRow(string kind)
    {
        // Zero rows before, between and after the nonzero ones take the shortcut; the bytes must not change.
        const int RowBytes = 300, Rows = 40;
        var strip = new byte[RowBytes * Rows];
        var rng = new System.Random(3);
        for (var r = 0; r < Rows; r++)
        {
            var nonzero = kind switch
            {
                "sparse" => r is >= 10 and <= 12 or 25,
                "full" => true,
                "ends" => r is 0 or Rows - 1,
                _ => false,
            };
            if (nonzero)
            {
                for (var k = 0; k < 20; k++)
                {
                    strip[(r * RowBytes) + rng.Next(RowBytes)] = (byte)rng.Next(1, 256);
                }
            }
        }

        var expected = new byte[Rows * TiffCodecs.PackBitsBound(RowBytes)];
        var n = 0;
        for (var r = 0; r < Rows; r++)
        {
            n += TiffCodecs.PackBitsRow(strip.AsSpan(r * RowBytes, RowBytes), expected.AsSpan(n));
        }

        var actual = new byte[expected.Length];
        var m = TiffCodecs.PackBitsRows(strip, RowBytes, actual);
        Assert.Equal(expected.AsSpan(0, n).ToArray(), actual.AsSpan(0, m).ToArray());
    }

    [Fact]
    public void IdenticalInputGivesIdenticalBytes()
    {
        var pages = BytePages(70, 50);
        foreach (var compression in AllCompressions)
        {
            var one = WriteBytes(s => TiffStackWriter.Write(s, pages, 70, 50, compression, TiffStackWriter.ImageJDescription(4)));
            var two = WriteBytes(s => TiffStackWriter.Write(s, pages, 70, 50, compression, TiffStackWriter.ImageJDescription(4)));
            Assert.Equal(one, two);
        }
    }

    [Fact]
    public void PathOverloadWritesAtomicallyAndReadsBack()
    {
        using var folder = new TempFolder();
        var path = folder.File("masks.tif");
        var pages = BytePages(33, 21);
        TiffStackWriter.Write(path, pages, 33, 21);
        Assert.False(File.Exists(AtomicFile.PartialPath(path)));
        var file = TiffStackReader.Read(path);
        Assert.Equal(4, file.Pages.Count);
        Assert.True(pages[0].Span.SequenceEqual(TiffStackReader.ReadFirstPage(path).Bytes));
    }

    [Fact]
    public void PagesStreamOneAtATimeAndEqualTheWholeRead()
    {
        using var folder = new TempFolder();
        var path = folder.File("stack.tif");
        var pages = BytePages(33, 21);
        TiffStackWriter.Write(path, pages, 33, 21, TiffCompression.Deflate);
        Assert.Equal(4, TiffStackReader.CountPages(path));
        var streamed = TiffStackReader.ReadPages(path).ToList();
        Assert.Equal(4, streamed.Count);
        for (var i = 0; i < 4; i++)
        {
            Assert.True(pages[i].Span.SequenceEqual(streamed[i].Bytes));
        }

        for (var i = 3; i >= 0; i--)
        {
            Assert.True(pages[i].Span.SequenceEqual(TiffStackReader.ReadPage(path, i).Bytes));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => TiffStackReader.ReadPage(path, 4));
        File.WriteAllBytes(folder.File("bad.tif"), [1, 2, 3]);
        var error = Assert.Throws<InputFileException>(() => TiffStackReader.ReadPages(folder.File("bad.tif")).ToList());
        Assert.Contains("bad.tif", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsBadArguments()
    {
        Assert.Throws<ArgumentException>(() => TiffStackWriter.Write(Stream.Null, new List<ReadOnlyMemory<byte>>(), 4, 4));
        Assert.Throws<ArgumentException>(() => TiffStackWriter.Write(Stream.Null, new List<ReadOnlyMemory<byte>> { new byte[15] }, 4, 4));
        Assert.Throws<ArgumentException>(() => TiffStackWriter.Write(Stream.Null, new List<ReadOnlyMemory<byte>> { new byte[16] }, 4, 4, imageJDescription: "µ"));
    }

    [Fact]
    public void BadFilesThrowInputFileExceptionNamingTheFile()
    {
        using var folder = new TempFolder();
        var garbage = folder.File("garbage.tif");
        File.WriteAllBytes(garbage, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        var ex = Assert.Throws<InputFileException>(() => TiffStackReader.Read(garbage));
        Assert.Contains(garbage, ex.Message, StringComparison.Ordinal);

        var empty = folder.File("empty.tif");
        File.WriteAllBytes(empty, []);
        ex = Assert.Throws<InputFileException>(() => TiffStackReader.Read(empty));
        Assert.Contains(empty, ex.Message, StringComparison.Ordinal);

        // Cutting off the IFDs at the end leaves a header that points past the end of the file.
        var truncated = folder.File("truncated.tif");
        var good = WriteBytes(s => TiffStackWriter.Write(s, BytePages(40, 30), 40, 30));
        File.WriteAllBytes(truncated, good[..(good.Length - 60)]);
        ex = Assert.Throws<InputFileException>(() => TiffStackReader.Read(truncated));
        Assert.Contains(truncated, ex.Message, StringComparison.Ordinal);

        var missing = folder.File("missing.tif");
        ex = Assert.Throws<InputFileException>(() => TiffStackReader.Read(missing));
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    private static byte[] WriteWithLibTiff(Action<Tiff> write)
    {
        using var ms = new MemoryStream();
        using (var tif = Tiff.ClientOpen("mem", "w", ms, new KeepOpenStream()))
        {
            write(tif);
        }

        return ms.ToArray();
    }

    private static void Header(Tiff tif, int w, int h, int bits, Photometric photometric = Photometric.MINISBLACK, Compression compression = Compression.NONE)
    {
        tif.SetField(TiffTag.IMAGEWIDTH, w);
        tif.SetField(TiffTag.IMAGELENGTH, h);
        tif.SetField(TiffTag.BITSPERSAMPLE, bits);
        tif.SetField(TiffTag.SAMPLESPERPIXEL, 1);
        tif.SetField(TiffTag.PHOTOMETRIC, photometric);
        tif.SetField(TiffTag.COMPRESSION, compression);
        tif.SetField(TiffTag.PLANARCONFIG, PlanarConfig.CONTIG);
    }

    [Fact]
    public void PagesOfDifferentSizesAreRejected()
    {
        var bytes = WriteWithLibTiff(tif =>
        {
            foreach (var (w, h) in new[] { (8, 4), (6, 4) })
            {
                Header(tif, w, h, 8);
                tif.SetField(TiffTag.ROWSPERSTRIP, h);
                tif.WriteEncodedStrip(0, new byte[w * h], w * h);
                tif.WriteDirectory();
            }
        });
        var ex = Assert.Throws<InputFileException>(() => ReadBytes(bytes));
        Assert.Equal("page 1", ex.Field);
        Assert.Contains("mem.tif", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Photometric.MINISBLACK, 255, 0)]
    [InlineData(Photometric.MINISWHITE, 0, 255)]
    public void BilevelPagesBecomeZeroOr255(Photometric photometric, int setValue, int clearValue)
    {
        // 10 pixels per row: bits 1,0,1,1,0,0,0,0,1,0 packed MSB first.
        var bytes = WriteWithLibTiff(tif =>
        {
            Header(tif, 10, 2, 1, photometric, Compression.PACKBITS);
            tif.SetField(TiffTag.ROWSPERSTRIP, 2);
            tif.WriteEncodedStrip(0, [0b1011_0000, 0b1000_0000, 0b1111_1111, 0b1100_0000], 4);
        });
        var page = ReadBytes(bytes).Pages[0];
        Assert.Equal((1, TiffSampleType.Gray8), (page.BitsPerSample, page.SampleType));
        int[] bits = [1, 0, 1, 1, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
        Assert.Equal(bits.Select(b => (byte)(b == 1 ? setValue : clearValue)), page.Bytes!);
    }

    [Fact]
    public void ReadsTiledAndPredictedFilesWrittenByLibTiff()
    {
        const int w = 40;
        const int h = 20;
        var samples = new ushort[w * h];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (ushort)(i * 77);
        }

        var tiled = WriteWithLibTiff(tif =>
        {
            Header(tif, w, h, 16, compression: Compression.ADOBE_DEFLATE);
            tif.SetField(TiffTag.TILEWIDTH, 16);
            tif.SetField(TiffTag.TILELENGTH, 16);
            var tile = new byte[16 * 16 * 2];
            for (var ty = 0; ty < h; ty += 16)
            {
                for (var tx = 0; tx < w; tx += 16)
                {
                    Array.Clear(tile);
                    for (var r = 0; r < 16 && ty + r < h; r++)
                    {
                        for (var c = 0; c < 16 && tx + c < w; c++)
                        {
                            BitConverter.TryWriteBytes(tile.AsSpan(((r * 16) + c) * 2), samples[((ty + r) * w) + tx + c]);
                        }
                    }

                    tif.WriteTile(tile, tx, ty, 0, 0);
                }
            }
        });
        Assert.Equal(samples, ReadBytes(tiled).Pages[0].UInt16s);

        var predicted = WriteWithLibTiff(tif =>
        {
            Header(tif, w, h, 16, compression: Compression.LZW);
            tif.SetField(TiffTag.PREDICTOR, Predictor.HORIZONTAL);
            tif.SetField(TiffTag.ROWSPERSTRIP, 7);
            var row = new byte[w * 2];
            for (var y = 0; y < h; y++)
            {
                Buffer.BlockCopy(samples, y * w * 2, row, 0, row.Length);
                tif.WriteScanline(row, y);
            }
        });
        Assert.Equal(samples, ReadBytes(predicted).Pages[0].UInt16s);
    }

    private sealed class KeepOpenStream : TiffStream
    {
        public override void Close(object clientData)
        {
        }
    }
}
