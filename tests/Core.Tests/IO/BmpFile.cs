using System.Buffers.Binary;

namespace Dislocate.Core.Tests.IO;

/// <summary>24-bit BMP files for reader tests: a 54-byte header (file header and BITMAPINFOHEADER), pixel bytes after it.</summary>
internal static class BmpFile
{
    /// <summary>The header size; pixel rows start here.</summary>
    public const int HeaderBytes = 54;

    /// <summary>A file of <paramref name="length"/> bytes whose header declares <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static byte[] Create(int width, int height, int length, int imageBytes = 0)
    {
        var bmp = new byte[length];
        "BM"u8.CopyTo(bmp);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), HeaderBytes);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(34), imageBytes);
        return bmp;
    }
}
