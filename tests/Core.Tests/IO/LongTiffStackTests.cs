using Dislocate.Core.IO;

namespace Dislocate.Core.Tests.IO;

/// <summary>Stacks with more pages than a 16-bit count holds are read whole, in time linear in their length.</summary>
public sealed class LongTiffStackTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => this.folder.Dispose();

    [Fact]
    public void A65537PageStack_HasAllItsPages_ForEveryReader()
    {
        const int pages = 65_537; // 2^16 + 1: LibTiff.NET's own short count reads it as 1
        var path = this.folder.File("long.tif");
        var list = Enumerable.Range(0, pages).Select(i => (ReadOnlyMemory<byte>)new[] { (byte)(i % 251) }).ToList();
        TiffStackWriter.Write(path, list, 1, 1, TiffCompression.None, durable: false);

        Assert.Equal(pages, TiffStackReader.CountPages(path));
        var streamed = 0;
        foreach (var page in TiffStackReader.ReadPages(path))
        {
            Assert.Equal((byte)(streamed % 251), page.Bytes![0]);
            streamed++;
        }

        Assert.Equal(pages, streamed);
        var whole = TiffStackReader.Read(path);
        Assert.Equal(pages, whole.Pages.Count);
        Assert.Equal((byte)((pages - 1) % 251), whole.Pages[^1].Bytes![0]);
        Assert.Equal((byte)((pages - 1) % 251), TiffStackReader.ReadPage(path, pages - 1).Bytes![0]);
    }

    [Fact]
    public void ADirectoryChainThatLoops_OrLeavesTheFile_IsAnErrorNamingTheFile()
    {
        // Header, then one IFD at offset 8 with no entries whose next-IFD offset points back at itself.
        byte[] looping = [(byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, 0, 0, 8, 0, 0, 0];
        byte[] outside = [(byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, 0, 0, 0, 1, 0, 0];
        foreach (var (name, bytes) in new[] { ("loop.tif", looping), ("outside.tif", outside) })
        {
            var path = this.folder.File(name);
            File.WriteAllBytes(path, bytes);
            var e = Assert.Throws<Dislocate.Contracts.InputFileException>(() => TiffStackReader.CountPages(path));
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
        }
    }
}
