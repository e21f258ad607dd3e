using System.Globalization;
using System.Runtime.InteropServices;
using BitMiracle.LibTiff.Classic;
using Dislocate.Contracts;
using Dislocate.Core.Imaging;

namespace Dislocate.Core.IO;

/// <summary>The sample type of a decoded TIFF page.</summary>
public enum TiffSampleType
{
    /// <summary>8-bit unsigned (also 1-bit bilevel pages, expanded to 0/255), in <see cref="TiffPage.Bytes"/>.</summary>
    Gray8,

    /// <summary>16-bit unsigned, in <see cref="TiffPage.UInt16s"/>.</summary>
    Gray16,

    /// <summary>32-bit IEEE float, in <see cref="TiffPage.Floats"/>.</summary>
    GrayFloat32,
}

/// <summary>One decoded grayscale TIFF page; exactly one of the sample arrays is non-null, matching <see cref="SampleType"/>.</summary>
public sealed class TiffPage
{
    internal TiffPage(int width, int height, int bitsPerSample, TiffSampleType sampleType, byte[]? bytes, ushort[]? uint16s, float[]? floats)
    {
        this.Width = width;
        this.Height = height;
        this.BitsPerSample = bitsPerSample;
        this.SampleType = sampleType;
        this.Bytes = bytes;
        this.UInt16s = uint16s;
        this.Floats = floats;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Bits per sample as stored in the file: 1, 8, 16 or 32.</summary>
    public int BitsPerSample { get; }

    /// <summary>Which sample array holds the pixels.</summary>
    public TiffSampleType SampleType { get; }

    /// <summary>Row-major 8-bit samples (MinIsBlack), or null.</summary>
    public byte[]? Bytes { get; }

    /// <summary>Row-major 16-bit samples (MinIsBlack), or null.</summary>
    public ushort[]? UInt16s { get; }

    /// <summary>Row-major float samples, or null.</summary>
    public float[]? Floats { get; }

    /// <summary>The page as a float image: 8-bit ÷ 255, 16-bit ÷ 65535, float values unchanged.</summary>
    public GrayImage ToGrayImage()
    {
        var pixels = new float[this.Width * this.Height];
        switch (this.SampleType)
        {
            case TiffSampleType.Gray8:
                PixelConversion.ToFloats(this.Bytes, pixels);
                break;
            case TiffSampleType.Gray16:
                PixelConversion.ToFloats(this.UInt16s, pixels);
                break;
            default:
                this.Floats.AsSpan().CopyTo(pixels);
                break;
        }

        return new GrayImage(this.Width, this.Height, pixels);
    }
}

/// <summary>All pages of a TIFF file plus the first page's ImageDescription.</summary>
public sealed class TiffFile
{
    internal TiffFile(IReadOnlyList<TiffPage> pages, string? imageDescription)
    {
        this.Pages = pages;
        this.ImageDescription = imageDescription;
    }

    /// <summary>The pages in file order.</summary>
    public IReadOnlyList<TiffPage> Pages { get; }

    /// <summary>The first page's ImageDescription tag, or null.</summary>
    public string? ImageDescription { get; }

    /// <summary>Width of every page.</summary>
    public int Width => this.Pages[0].Width;

    /// <summary>Height of every page.</summary>
    public int Height => this.Pages[0].Height;
}

/// <summary>Reads grayscale TIFF files (single page or stacks) with LibTiff.NET.</summary>
/// <remarks>
/// Supported pages: one sample per pixel, 1-bit bilevel (→ 0/255 bytes), 8/16-bit unsigned and 32-bit float,
/// stripped or tiled, any compression LibTiff.NET decodes. Pages with PhotometricInterpretation MinIsWhite have
/// their integer samples inverted so that results are always MinIsBlack. LibTiff's console messages are
/// suppressed; its errors and warnings become the text of the <see cref="InputFileException"/>.
/// </remarks>
public static class TiffStackReader
{
    static TiffStackReader() => Tiff.SetErrorHandler(new CollectingErrorHandler());

    /// <summary>Reads every page of <paramref name="path"/>; all pages must have the same size.</summary>
    public static TiffFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = OpenFile(path);
        return Read(stream, path);
    }

    /// <summary>Reads every page from a seekable <paramref name="stream"/>; <paramref name="sourceName"/> names it in errors.</summary>
    public static TiffFile Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        return Decode(stream, sourceName, firstPageOnly: false);
    }

    /// <summary>Number of pages (directories) in <paramref name="path"/>, without decoding any.</summary>
    public static int CountPages(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = OpenFile(path);
        return Directories(stream, path).Count;
    }

    /// <summary>
    /// Reads the pages of <paramref name="path"/> one at a time, so a long stack never has to fit in memory; every
    /// page must have the first page's size. The file stays open until the enumeration ends.
    /// </summary>
    public static IEnumerable<TiffPage> ReadPages(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = OpenFile(path);
        var directories = Directories(stream, path);
        using var tif = Open(stream, path);
        TiffPage? first = null;
        for (var p = 0; p < directories.Count; p++)
        {
            // Each page by its offset: SetDirectory(p) walks the chain from the first page every time (a 20 000-page
            // stack became quadratic) and LibTiff.NET's own count stops at 32 767.
            var page = ReadPageAt(tif, path, p, directories[p]);
            if (first is not null && (page.Width != first.Width || page.Height != first.Height))
            {
                throw new InputFileException(path, $"page {p}", $"size {page.Width}×{page.Height} differs from the first page's {first.Width}×{first.Height}");
            }

            first ??= page;
            yield return page;
        }
    }

    /// <summary>Reads only page <paramref name="index"/> (0-based) of <paramref name="path"/>, found by walking the page chain without decoding the others.</summary>
    public static TiffPage ReadPage(string path, int index)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = OpenFile(path);
        var directories = Directories(stream, path);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, directories.Count);
        using var tif = Open(stream, path);
        return ReadPageAt(tif, path, index, directories[index]);
    }

    /// <summary>The first page's ImageDescription tag of <paramref name="path"/> (null when absent), without decoding pixels.</summary>
    public static string? ReadImageDescription(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = OpenFile(path);
        Directories(stream, path);
        using var tif = Open(stream, path);
        return tif.GetField(TiffTag.IMAGEDESCRIPTION)?[0].ToString();
    }

    /// <summary>
    /// The channels per frame of an ImageJ hyperstack (<c>channels=K</c> in its description; 1 when absent or not
    /// ImageJ), checked against the file's <paramref name="pages"/>; an error names the file when they do not divide.
    /// </summary>
    public static int ReadImageJChannels(string path, int pages)
    {
        var description = ParseImageJDescription(ReadImageDescription(path));
        var channels = description.TryGetValue("channels", out var c) && int.TryParse(c, out var n) && n > 1 ? n : 1;
        if (pages % channels != 0)
        {
            throw new InputFileException(path, "ImageDescription", $"says channels={channels}, but the file has {pages} pages, not a multiple of it");
        }

        return channels;
    }

    /// <summary>Reads only the first page of <paramref name="path"/>.</summary>
    public static TiffPage ReadFirstPage(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = OpenFile(path);
        return Decode(stream, path, firstPageOnly: true).Pages[0];
    }

    /// <summary>
    /// Parses an ImageJ description (<c>key=value</c> lines, starting with <c>ImageJ=</c>) into its entries;
    /// returns an empty dictionary for null or non-ImageJ descriptions.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ParseImageJDescription(string? description)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (description is null || !description.StartsWith("ImageJ=", StringComparison.Ordinal))
        {
            return result;
        }

        foreach (var line in description.Split('\n'))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                result[line[..eq].Trim()] = line[(eq + 1)..].Trim();
            }
        }

        return result;
    }

    private static FileStream OpenFile(string path)
    {
        InputFileCheck.Readable(path);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InputFileException(path, null, $"cannot read the file: {ex.Message}", ex);
        }
    }

    private static TiffFile Decode(Stream stream, string sourceName, bool firstPageOnly)
    {
        var messages = CollectingErrorHandler.Begin();
        try
        {
            // The chain is checked before LibTiff.NET reads any directory: it allocates what the tags declare.
            var directories = firstPageOnly ? Directories(stream, sourceName)[..1] : Directories(stream, sourceName);
            using var tif = Tiff.ClientOpen(sourceName, "r", stream, new TiffStream())
                ?? throw new InputFileException(sourceName, null, "not a readable TIFF file" + Details(messages));
            var description = tif.GetField(TiffTag.IMAGEDESCRIPTION)?[0].ToString();
            var pages = new List<TiffPage>(directories.Count);
            for (var p = 0; p < directories.Count; p++)
            {
                // Each page by its offset (see ReadPages).
                if (p > 0 && !tif.SetSubDirectory(directories[p]))
                {
                    throw new InputFileException(sourceName, $"page {p}", "cannot read the page directory" + Details(messages));
                }

                var page = ReadPage(tif, sourceName, p, messages);
                if (pages.Count > 0 && (page.Width != pages[0].Width || page.Height != pages[0].Height))
                {
                    throw new InputFileException(sourceName, $"page {p}", $"size {page.Width}×{page.Height} differs from the first page's {pages[0].Width}×{pages[0].Height}");
                }

                pages.Add(page);
            }

            return new TiffFile(pages, description);
        }
        catch (InputFileException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InputFileException(sourceName, null, $"corrupt or unsupported TIFF file: {ex.Message}" + Details(messages), ex);
        }
        finally
        {
            CollectingErrorHandler.End();
        }
    }

    private static Tiff Open(Stream stream, string sourceName)
    {
        var messages = CollectingErrorHandler.Begin();
        try
        {
            return Tiff.ClientOpen(sourceName, "r", stream, new TiffStream())
                ?? throw new InputFileException(sourceName, null, "not a readable TIFF file" + Details(messages));
        }
        finally
        {
            CollectingErrorHandler.End();
        }
    }

    // LibTiff.NET counts directories in a 16-bit short (a 65 537-page stack read as one page, a 40 000-page one as a
    // negative count) and cannot step past directory 32 767; the chain is read here instead, and each page is reached
    // by its offset.
    private static List<long> Directories(Stream stream, string sourceName)
    {
        try
        {
            return TiffDirectoryChain.Offsets(stream);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new InputFileException(sourceName, null, $"not a readable TIFF file: {e.Message}", e);
        }
        finally
        {
            // LibTiff.NET reads the header from wherever the stream stands.
            stream.Position = 0;
        }
    }

    private static TiffPage ReadPageAt(Tiff tif, string sourceName, int index, long offset)
    {
        var messages = CollectingErrorHandler.Begin();
        try
        {
            if (index > 0 && !tif.SetSubDirectory(offset))
            {
                throw new InputFileException(sourceName, $"page {index}", "cannot read the page directory" + Details(messages));
            }

            return ReadPage(tif, sourceName, index, messages);
        }
        catch (Exception ex) when (ex is not (InputFileException or OutOfMemoryException))
        {
            throw new InputFileException(sourceName, $"page {index}", $"corrupt or unsupported TIFF page: {ex.Message}" + Details(messages), ex);
        }
        finally
        {
            CollectingErrorHandler.End();
        }
    }

    private static TiffPage ReadPage(Tiff tif, string sourceName, int index, List<string> messages)
    {
        var field = $"page {index}";
        var width = tif.GetField(TiffTag.IMAGEWIDTH)?[0].ToInt() ?? 0;
        var height = tif.GetField(TiffTag.IMAGELENGTH)?[0].ToInt() ?? 0;
        if (width <= 0 || height <= 0 || (long)width * height > 1L << 30)
        {
            throw new InputFileException(sourceName, field, $"invalid or unsupported image size {width}×{height}");
        }

        int bits = tif.GetFieldDefaulted(TiffTag.BITSPERSAMPLE)[0].ToShort();
        int samplesPerPixel = tif.GetFieldDefaulted(TiffTag.SAMPLESPERPIXEL)[0].ToShort();
        var format = (SampleFormat)tif.GetFieldDefaulted(TiffTag.SAMPLEFORMAT)[0].ToShort();
        var photometric = (Photometric)(tif.GetField(TiffTag.PHOTOMETRIC)?[0].ToShort() ?? (short)Photometric.MINISBLACK);
        if (samplesPerPixel != 1)
        {
            throw new InputFileException(sourceName, field, $"{samplesPerPixel} samples per pixel; only single-channel grayscale TIFF pages are supported");
        }

        if (photometric is not (Photometric.MINISBLACK or Photometric.MINISWHITE))
        {
            throw new InputFileException(sourceName, field, $"photometric interpretation {photometric} is not grayscale");
        }

        var type = (bits, format) switch
        {
            (1, SampleFormat.UINT or SampleFormat.VOID) => TiffSampleType.Gray8,
            (8, SampleFormat.UINT or SampleFormat.VOID) => TiffSampleType.Gray8,
            (16, SampleFormat.UINT or SampleFormat.VOID) => TiffSampleType.Gray16,
            (32, SampleFormat.IEEEFP) => TiffSampleType.GrayFloat32,
            _ => throw new InputFileException(sourceName, field, $"{bits}-bit {format} samples are not supported (use 1/8/16-bit unsigned or 32-bit float)"),
        };

        var rowBytes = (int)(((long)width * bits + 7) / 8);
        var raw = new byte[(long)rowBytes * height];
        if (tif.IsTiled())
        {
            ReadTiles(tif, raw, width, height, rowBytes, bits, sourceName, field, messages);
        }
        else
        {
            var offset = 0;
            var strips = tif.NumberOfStrips();
            for (var s = 0; s < strips && offset < raw.Length; s++)
            {
                var n = tif.ReadEncodedStrip(s, raw, offset, Math.Min(tif.StripSize(), raw.Length - offset));
                if (n < 0)
                {
                    throw new InputFileException(sourceName, field, $"cannot decode strip {s}" + Details(messages));
                }

                offset += n;
            }

            if (offset < raw.Length)
            {
                throw new InputFileException(sourceName, field, $"image data ends early ({offset} of {raw.Length} bytes)" + Details(messages));
            }
        }

        var invert = photometric == Photometric.MINISWHITE;
        switch (type)
        {
            case TiffSampleType.Gray8 when bits == 1:
                {
                    var bytes = new byte[width * height];
                    for (var y = 0; y < height; y++)
                    {
                        var row = raw.AsSpan(y * rowBytes, rowBytes);
                        for (var x = 0; x < width; x++)
                        {
                            var on = ((row[x >> 3] >> (7 - (x & 7))) & 1) != 0;
                            bytes[(y * width) + x] = on != invert ? (byte)255 : (byte)0;
                        }
                    }

                    return new TiffPage(width, height, 1, type, bytes, null, null);
                }

            case TiffSampleType.Gray8:
                if (invert)
                {
                    for (var i = 0; i < raw.Length; i++)
                    {
                        raw[i] = (byte)(255 - raw[i]);
                    }
                }

                return new TiffPage(width, height, 8, type, raw, null, null);
            case TiffSampleType.Gray16:
                {
                    var samples = MemoryMarshal.Cast<byte, ushort>(raw).ToArray();
                    if (invert)
                    {
                        for (var i = 0; i < samples.Length; i++)
                        {
                            samples[i] = (ushort)(ushort.MaxValue - samples[i]);
                        }
                    }

                    return new TiffPage(width, height, 16, type, null, samples, null);
                }

            default:
                return new TiffPage(width, height, 32, type, null, null, MemoryMarshal.Cast<byte, float>(raw).ToArray());
        }
    }

    private static void ReadTiles(Tiff tif, byte[] raw, int width, int height, int rowBytes, int bits, string sourceName, string field, List<string> messages)
    {
        var tileWidth = tif.GetField(TiffTag.TILEWIDTH)?[0].ToInt() ?? 0;
        var tileHeight = tif.GetField(TiffTag.TILELENGTH)?[0].ToInt() ?? 0;
        if (tileWidth <= 0 || tileHeight <= 0 || (bits % 8) != 0)
        {
            throw new InputFileException(sourceName, field, "unsupported tile layout");
        }

        var bytesPerSample = bits / 8;
        var tileRowBytes = tileWidth * bytesPerSample;
        var tile = new byte[tif.TileSize()];
        for (var ty = 0; ty < height; ty += tileHeight)
        {
            for (var tx = 0; tx < width; tx += tileWidth)
            {
                if (tif.ReadTile(tile, 0, tx, ty, 0, 0) < 0)
                {
                    throw new InputFileException(sourceName, field, $"cannot decode the tile at ({tx}, {ty})" + Details(messages));
                }

                var copyBytes = Math.Min(tileWidth, width - tx) * bytesPerSample;
                for (var r = 0; r < tileHeight && ty + r < height; r++)
                {
                    tile.AsSpan(r * tileRowBytes, copyBytes).CopyTo(raw.AsSpan(((ty + r) * rowBytes) + (tx * bytesPerSample)));
                }
            }
        }
    }

    private static string Details(List<string> messages) =>
        messages.Count == 0 ? string.Empty : " (" + string.Join("; ", messages) + ")";

    /// <summary>Replaces LibTiff's console output: messages go to a per-thread list while a read is in progress, otherwise nowhere.</summary>
    private sealed class CollectingErrorHandler : TiffErrorHandler
    {
        [ThreadStatic]
        private static List<string>? current;

        public static List<string> Begin() => current = [];

        public static void End() => current = null;

        public override void ErrorHandler(Tiff tif, string method, string format, params object[] args) => Add(method, format, args);

        public override void ErrorHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args) => Add(method, format, args);

        public override void WarningHandler(Tiff tif, string method, string format, params object[] args)
        {
            // Warnings (unknown tags and the like) are not errors and are dropped.
        }

        public override void WarningHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args)
        {
        }

        private static void Add(string method, string format, object[] args)
        {
            var list = current;
            if (list is null || list.Count >= 8)
            {
                return;
            }

            string text;
            try
            {
                text = args is { Length: > 0 } ? string.Format(CultureInfo.InvariantCulture, format, args) : format;
            }
            catch (FormatException)
            {
                text = format;
            }

            if (!string.IsNullOrEmpty(method))
            {
                text = method + ": " + text;
            }

            if (list.Count == 0 || list[^1] != text)
            {
                list.Add(text);
            }
        }
    }
}
