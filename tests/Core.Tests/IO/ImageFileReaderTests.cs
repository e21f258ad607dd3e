using Dislocate.Contracts;
using Dislocate.Core.IO;
using SkiaSharp;

namespace Dislocate.Core.Tests.IO;

public class ImageFileReaderTests
{
    [Fact]
    public void ReadsTiffFirstPageScaledByTypeMaximum()
    {
        using var folder = new TempFolder();
        var p8 = folder.File("a.tif");
        TiffStackWriter.Write(p8, [new byte[] { 0, 51, 255, 128 }, new byte[4]], 2, 2);
        Assert.Equal([0f, 0.2f, 1f, 128 / 255f], ImageFileReader.ReadGray(p8).Pixels);

        var p16 = folder.File("b.TIFF");
        TiffStackWriter.Write(p16, [new ushort[] { 0, 65535, 13107, 1 }], 2, 2);
        var image = ImageFileReader.ReadGray(p16);
        Assert.Equal((2, 2), (image.Width, image.Height));
        Assert.Equal([0f, 1f, 0.2f, 1 / 65535f], image.Pixels);

        var p32 = folder.File("c.tif");
        TiffStackWriter.Write(p32, [new float[] { -0.5f, 0.25f, 3f, 1f }], 2, 2, TiffCompression.Deflate);
        Assert.Equal([-0.5f, 0.25f, 3f, 1f], ImageFileReader.ReadGray(p32).Pixels);
    }

    [Fact]
    public void ReadsPngGrayExactlyAndRgbAsLuma()
    {
        using var folder = new TempFolder();
        var gray16 = folder.File("g16.png");
        using (var s = File.Create(gray16))
        {
            PngEncoder.WriteGray16(s, [0, 65535, 32768], 3, 1);
        }

        Assert.Equal([0f, 1f, 32768 / 65535f], ImageFileReader.ReadGray(gray16).Pixels);

        var rgb = folder.File("rgb.png");
        using (var s = File.Create(rgb))
        {
            PngEncoder.WriteRgb8(s, [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 10, 10], 2, 2);
        }

        var pixels = ImageFileReader.ReadGray(rgb).Pixels;
        Assert.Equal(0.299f, pixels[0], 1e-6f);
        Assert.Equal(0.587f, pixels[1], 1e-6f);
        Assert.Equal(0.114f, pixels[2], 1e-6f);
        Assert.Equal(10 / 255f, pixels[3]);
    }

    private static void SaveWithSkia(string path, SKBitmap bitmap, SKEncodedImageFormat format, int quality)
    {
        using var s = File.Create(path);
        Assert.True(bitmap.Encode(s, format, quality));
    }

    [Fact]
    public void ReadsJpegAndWebpThroughSkia()
    {
        using var folder = new TempFolder();
        using var bitmap = new SKBitmap(new SKImageInfo(16, 8, SKColorType.Rgba8888, SKAlphaType.Opaque));
        bitmap.Erase(new SKColor(100, 100, 100));
        bitmap.SetPixel(0, 0, new SKColor(200, 200, 200));

        var jpg = folder.File("a.JPG");
        SaveWithSkia(jpg, bitmap, SKEncodedImageFormat.Jpeg, 100);
        var image = ImageFileReader.ReadGray(jpg);
        Assert.Equal((16, 8), (image.Width, image.Height));
        Assert.Equal(100 / 255f, image[10, 5], 3f / 255f);

        var webp = folder.File("a.webp");
        SaveWithSkia(webp, bitmap, SKEncodedImageFormat.Webp, 100);
        image = ImageFileReader.ReadGray(webp);
        Assert.Equal(200 / 255f, image[0, 0], 3f / 255f);
        Assert.Equal(100 / 255f, image[15, 7], 3f / 255f);
    }

    [Fact]
    public void ReadsBmpAndGif()
    {
        using var folder = new TempFolder();

        // A 2×1 24-bit BMP (rows bottom-up, BGR, padded to 4 bytes): blue, then gray 50.
        var bmp = BmpFile.Create(2, 1, BmpFile.HeaderBytes + 8, imageBytes: 8);
        bmp[54] = 255; // blue
        bmp[57] = bmp[58] = bmp[59] = 50;
        var bmpPath = folder.File("a.bmp");
        File.WriteAllBytes(bmpPath, bmp);
        var image = ImageFileReader.ReadGray(bmpPath);
        Assert.Equal((2, 1), (image.Width, image.Height));
        Assert.Equal(0.114f, image[0, 0], 1e-6f);
        Assert.Equal(50 / 255f, image[1, 0]);

        // The classic 1×1 GIF whose single pixel is palette entry 0 = white.
        byte[] gif = [.. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, 255, 255, 255, 0, 0, 0, (byte)',', 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0, (byte)';'];
        var gifPath = folder.File("a.gif");
        File.WriteAllBytes(gifPath, gif);
        image = ImageFileReader.ReadGray(gifPath);
        Assert.Equal((1, 1, 1f), (image.Width, image.Height, image[0, 0]));
    }

    [Fact]
    public void InterlacedPngFallsBackToSkia()
    {
        // Adam7 on 2×2: pass 1 holds (0,0), pass 6 holds (1,0), pass 7 holds row 1; every other pass is empty.
        using var folder = new TempFolder();
        var path = folder.File("interlaced.png");
        File.WriteAllBytes(path, PngTests.BuildPng(2, 2, 8, 0, [0, 10, 0, 20, 0, 30, 40], interlace: 1));
        Assert.Equal([10 / 255f, 20 / 255f, 30 / 255f, 40 / 255f], ImageFileReader.ReadGray(path).Pixels);
    }

    [Fact]
    public void UnknownOrUndecodableFilesThrowInputFileException()
    {
        using var folder = new TempFolder();
        var unknown = folder.File("image.xyz");
        File.WriteAllBytes(unknown, [1, 2, 3]);
        var ex = Assert.Throws<InputFileException>(() => ImageFileReader.ReadGray(unknown));
        Assert.Contains(unknown, ex.Message, StringComparison.Ordinal);
        Assert.Contains(".xyz", ex.Message, StringComparison.Ordinal);

        foreach (var name in new[] { "bad.jpg", "bad.png", "bad.tif", "bad.webp" })
        {
            var path = folder.File(name);
            File.WriteAllBytes(path, "this is not an image"u8.ToArray());
            ex = Assert.Throws<InputFileException>(() => ImageFileReader.ReadGray(path));
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        }

        var missing = folder.File("missing.png");
        ex = Assert.Throws<InputFileException>(() => ImageFileReader.ReadGray(missing));
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }
}
