using Dislocate.Contracts;
using Dislocate.Core.Imaging;
using SkiaSharp;

namespace Dislocate.Core.IO;

/// <summary>Reads user images of common formats as grayscale float images in [0, 1].</summary>
/// <remarks>
/// By extension (case-insensitive): <c>.tif</c>/<c>.tiff</c> — first page via <see cref="TiffStackReader"/>, 8/16-bit
/// divided by 255/65535, float values kept as they are; <c>.png</c> — <see cref="PngDecoder"/> (exact 16-bit; interlaced
/// files fall back to SkiaSharp at 8 bits); <c>.jpg</c>, <c>.jpeg</c>, <c>.bmp</c>, <c>.gif</c>, <c>.webp</c> — SkiaSharp
/// (first frame); <c>.dm3</c>, <c>.dm4</c>, <c>.ser</c> — <see cref="Microscopy.MicroscopeFiles"/> (first frame, scaled to
/// [0, 1] by its own range). Colour is converted with luma Y = 0.299 R + 0.587 G + 0.114 B; pixels with R = G = B keep their exact
/// value; alpha is ignored. Any failure is an <see cref="InputFileException"/> naming the file.
/// </remarks>
public static class ImageFileReader
{
    /// <summary>The extensions <see cref="ReadGray"/> accepts, lower case with the dot.</summary>
    public static IReadOnlyList<string> SupportedExtensions { get; } = [".tif", ".tiff", ".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp", .. Microscopy.MicroscopeFiles.Extensions];

    /// <summary>The files of <paramref name="folder"/> with a supported extension (any case), sorted by ordinal name.</summary>
    public static string[] ImageFiles(string folder) =>
        Directory.EnumerateFiles(folder)
            .Where(f => SupportedExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>Most pixels a JPEG, BMP, GIF, WebP or interlaced PNG may declare (8192 × 8192).</summary>
    public const long MaxDecodedPixels = 8192L * 8192;

    /// <summary>Reads <paramref name="path"/> as a grayscale image; see the class remarks for the rules per format.</summary>
    public static GrayImage ReadGray(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new InputFileException(path, null, "file not found");
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        switch (extension)
        {
            case ".tif":
            case ".tiff":
                return TiffStackReader.ReadFirstPage(path).ToGrayImage();
            case ".png":
                {
                    var bytes = PngDecoder.ReadFile(path);
                    return PngDecoder.IsInterlaced(bytes) ? DecodeWithSkia(bytes, path) : FromPng(PngDecoder.Decode(bytes, path));
                }

            case ".jpg":
            case ".jpeg":
            case ".bmp":
            case ".gif":
            case ".webp":
                return DecodeWithSkia(PngDecoder.ReadFile(path), path);
            case ".dm3":
            case ".dm4":
            case ".ser":
                return Microscopy.MicroscopeFiles.Read(path).ToGray(0);
            default:
                throw new InputFileException(path, null, $"unsupported image type '{extension}'; expected one of {string.Join(", ", SupportedExtensions)}");
        }
    }

    private static GrayImage FromPng(PngImage png)
    {
        var count = png.Width * png.Height;
        var pixels = new float[count];
        var channels = png.Channels;
        if (png.Samples16 is { } s16)
        {
            if (channels <= 2)
            {
                for (var i = 0; i < count; i++)
                {
                    pixels[i] = PixelConversion.ToFloat(s16[i * channels]);
                }
            }
            else
            {
                for (var i = 0; i < count; i++)
                {
                    var o = i * channels;
                    pixels[i] = Luma(s16[o], s16[o + 1], s16[o + 2], 65535f);
                }
            }
        }
        else
        {
            var s8 = png.Samples8!;
            if (channels <= 2)
            {
                for (var i = 0; i < count; i++)
                {
                    pixels[i] = PixelConversion.ToFloat(s8[i * channels]);
                }
            }
            else
            {
                for (var i = 0; i < count; i++)
                {
                    var o = i * channels;
                    pixels[i] = Luma(s8[o], s8[o + 1], s8[o + 2], 255f);
                }
            }
        }

        return new GrayImage(png.Width, png.Height, pixels);
    }

    private static float Luma(int r, int g, int b, float max) =>
        r == g && g == b ? r / max : (float)(((0.299 * r) + (0.587 * g) + (0.114 * b)) / max);

    private static GrayImage DecodeWithSkia(byte[] bytes, string path)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data)
            ?? throw new InputFileException(path, null, "the image cannot be decoded (unknown or corrupt format)");
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0)
        {
            throw new InputFileException(path, null, "the image has no pixels");
        }

        // The header's size decides the allocation (4 bytes a pixel here, 4 more as floats): refuse lies before it.
        if ((long)info.Width * info.Height > MaxDecodedPixels)
        {
            throw new InputFileException(path, null, $"declares {info.Width}×{info.Height} pixels, more than the {MaxDecodedPixels} this reader decodes");
        }

        var gray = info.ColorType == SKColorType.Gray8;
        var target = new SKImageInfo(info.Width, info.Height, gray ? SKColorType.Gray8 : SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(target);
        var result = codec.GetPixels(target, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            var problem = result == SKCodecResult.IncompleteInput ? "the image data is truncated" : $"the image cannot be decoded ({result})";
            throw new InputFileException(path, null, problem);
        }

        var count = info.Width * info.Height;
        var pixels = new float[count];
        var span = bitmap.GetPixelSpan();
        var rowBytes = bitmap.RowBytes;
        for (var y = 0; y < info.Height; y++)
        {
            var row = span.Slice(y * rowBytes, rowBytes);
            var dest = pixels.AsSpan(y * info.Width, info.Width);
            if (gray)
            {
                PixelConversion.ToFloats(row[..info.Width], dest);
            }
            else
            {
                for (var x = 0; x < info.Width; x++)
                {
                    dest[x] = Luma(row[4 * x], row[(4 * x) + 1], row[(4 * x) + 2], 255f);
                }
            }
        }

        return new GrayImage(info.Width, info.Height, pixels);
    }
}
