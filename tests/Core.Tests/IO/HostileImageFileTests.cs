using System.Buffers.Binary;
using Dislocate.Contracts;
using Dislocate.Core.IO;

namespace Dislocate.Core.Tests.IO;

/// <summary>Tiny files that declare huge contents are refused before anything of that size is allocated.</summary>
public sealed class HostileImageFileTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => this.folder.Dispose();

    [Fact]
    public void ATiffTagThatClaimsMoreBytesThanTheFileHolds_IsRefused_NamingTheTag()
    {
        var path = this.Tiff("lie.tif", width: 8, height: 8, descriptionBytes: 973_078_578);
        var before = GC.GetTotalAllocatedBytes();

        var e = Assert.Throws<InputFileException>(() => TiffStackReader.Read(path));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("tag 270 declares 973078578 bytes", e.Message, StringComparison.Ordinal);
        Assert.True(GC.GetTotalAllocatedBytes() - before < 64L << 20);
        Assert.Throws<InputFileException>(() => ImageFileReader.ReadGray(path));
    }

    [Fact]
    public void ATiffPageOfAbsurdSize_IsRefusedBeforeDecoding()
    {
        var path = this.Tiff("huge.tif", width: 100_000, height: 100_000, descriptionBytes: 4);

        var e = Assert.Throws<InputFileException>(() => TiffStackReader.CountPages(path));

        Assert.Contains("100000×100000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABmpHeaderClaiming30000Squared_IsRefused_AndAnEmptyFileToo()
    {
        var path = this.folder.File("big.bmp");
        File.WriteAllBytes(path, BmpFile.Create(30_000, 30_000, 70));
        var empty = this.folder.File("empty.png");
        File.WriteAllBytes(empty, []);

        Assert.Contains("30000×30000", Assert.Throws<InputFileException>(() => ImageFileReader.ReadGray(path)).Message, StringComparison.Ordinal);
        Assert.Contains("is empty", Assert.Throws<InputFileException>(() => ImageFileReader.ReadGray(empty)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnImageBehindASymbolicLink_IsRead_AndADanglingLinkIsNotFound()
    {
        // Seen: 'segment score' on a folder of links to masks refused every PNG as truncated (the link's own length).
        var png = this.folder.File("mask.png");
        using (var stream = File.Create(png))
        {
            PngEncoder.WriteGray8(stream, Enumerable.Range(0, 12 * 10).Select(i => (byte)i).ToArray(), 12, 10);
        }

        var link = this.folder.File("link.png");
        File.CreateSymbolicLink(link, png);
        var dangling = this.folder.File("dangling.png");
        File.CreateSymbolicLink(dangling, this.folder.File("missing.png"));

        Assert.Equal(new FileInfo(png).Length, InputFileCheck.Readable(link));
        Assert.Equal(12, ImageFileReader.ReadGray(link).Width);
        Assert.Contains("file not found", Assert.Throws<InputFileException>(() => ImageFileReader.ReadGray(dangling)).Message, StringComparison.Ordinal);
    }

    // A one-page 8-bit TIFF whose ImageDescription claims descriptionBytes bytes at offset 200 (the file holds 4 KB).
    private string Tiff(string name, int width, int height, long descriptionBytes)
    {
        (ushort Tag, ushort Type, uint Count, uint Value)[] entries =
        [
            (256, 4, 1, (uint)width), (257, 4, 1, (uint)height), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 1),
            (270, 2, (uint)descriptionBytes, 200), (273, 4, 1, 300), (277, 3, 1, 1), (278, 4, 1, (uint)height), (279, 4, 1, 64),
        ];
        var file = new byte[4096];
        "II"u8.CopyTo(file);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(8), (ushort)entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var at = file.AsSpan(10 + (i * 12));
            BinaryPrimitives.WriteUInt16LittleEndian(at, entries[i].Tag);
            BinaryPrimitives.WriteUInt16LittleEndian(at[2..], entries[i].Type);
            BinaryPrimitives.WriteUInt32LittleEndian(at[4..], entries[i].Count);
            BinaryPrimitives.WriteUInt32LittleEndian(at[8..], entries[i].Value);
        }

        var path = this.folder.File(name);
        File.WriteAllBytes(path, file);
        return path;
    }
}
