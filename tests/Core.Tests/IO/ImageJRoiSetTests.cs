using System.Buffers.Binary;
using System.IO.Compression;
using Dislocate.Core.IO;

namespace Dislocate.Core.Tests.IO;

public sealed class ImageJRoiSetTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => this.temp.Dispose();

    private static ImageJRoiPolyline[] Rois() =>
    [
        new("frame 3 track 7", [10.25f, 20.5f, 30.75f], [5.5f, 6.5f, 8.125f], Position: 3),
        new("frame 3 track 2", [1f, 2f], [3f, 4f], Position: 3),
        new("frame 4 track 7", [11.25f, 21.5f], [5.75f, 6.25f], Frame: 4),
    ];

    [Fact]
    public void Entries_KeepTheOrder_UniqueNames_AndTheEncodedRois()
    {
        var rois = Rois();
        var path = this.temp.File("RoiSet.zip");
        ImageJRoiSet.WriteFile(path, rois);

        using var zip = ZipFile.OpenRead(path);
        Assert.Equal(["0001-frame-3-track-7.roi", "0002-frame-3-track-2.roi", "0003-frame-4-track-7.roi"], zip.Entries.Select(e => e.FullName));
        for (var i = 0; i < rois.Length; i++)
        {
            using var stream = zip.Entries[i].Open();
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            Assert.Equal(ImageJRoiEncoder.Encode(rois[i]), bytes.ToArray());
            Assert.Equal(new DateTime(2000, 1, 1), zip.Entries[i].LastWriteTime.DateTime);
        }

        Assert.False(File.Exists(AtomicFile.PartialPath(path)));
    }

    [Fact]
    public void SameInput_GivesByteIdenticalZips_WithAFixedDosTimeAndNoExtraFields()
    {
        var a = this.temp.File("a.zip");
        var b = this.temp.File("b.zip");
        ImageJRoiSet.WriteFile(a, Rois());
        ImageJRoiSet.WriteFile(b, Rois());
        var bytes = File.ReadAllBytes(a);
        Assert.Equal(bytes, File.ReadAllBytes(b));

        // The first local file header: signature, then DOS time 00:00:00 = 0 and date 2000-01-01 = (20 << 9) | (1 << 5) | 1.
        Assert.Equal(0x04034B50u, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(10)));
        Assert.Equal((20 << 9) | (1 << 5) | 1, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(12)));
        Assert.Equal("0001-frame-3-track-7.roi".Length, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(26)));
        Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(28)));

        // Another order is another ROI set.
        var c = this.temp.File("c.zip");
        ImageJRoiSet.WriteFile(c, [.. Rois().Reverse()]);
        Assert.NotEqual(bytes, File.ReadAllBytes(c));
    }

    [Theory]
    [InlineData(0, "frame-0003-track-0007", 4, "0001-frame-0003-track-0007.roi")]
    [InlineData(41, "dislocation 3/à", 4, "0042-dislocation-3--.roi")]
    [InlineData(0, "", 4, "0001-roi.roi")]
    [InlineData(12344, "a.b_c", 5, "12345-a.b_c.roi")]
    [InlineData(9, "x", 1, "10-x.roi")]
    public void EntryName_IsIndexedAndFileSafe(int index, string name, int digits, string expected)
    {
        Assert.Equal(expected, ImageJRoiSet.EntryName(index, name, digits));
    }

    [Fact]
    public void EntryName_IsCutToTheMaximumLength()
    {
        var name = ImageJRoiSet.EntryName(0, new string('a', 200));
        Assert.Equal("0001-".Length + ImageJRoiSet.MaxEntryNameLength + ".roi".Length, name.Length);
    }

    [Fact]
    public void TenThousandRois_GetFiveDigitIndexes_SoTheNamesSortInOrder()
    {
        var rois = Enumerable.Range(0, 10000).Select(i => new ImageJRoiPolyline("r", [0f, 1f], [0f, 1f])).ToArray();
        using var stream = new MemoryStream();
        ImageJRoiSet.Write(stream, rois);
        stream.Position = 0;
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        Assert.Equal(10000, zip.Entries.Count);
        Assert.Equal("00001-r.roi", zip.Entries[0].FullName);
        Assert.Equal("10000-r.roi", zip.Entries[^1].FullName);
    }

    [Fact]
    public void EmptyList_GivesAValidEmptyZip()
    {
        var path = this.temp.File("empty.zip");
        ImageJRoiSet.WriteFile(path, []);
        using var zip = ZipFile.OpenRead(path);
        Assert.Empty(zip.Entries);
    }

    [Fact]
    public void BadRoi_NamesItsIndex_AndLeavesTheOldFileUntouched()
    {
        var path = this.temp.File("RoiSet.zip");
        File.WriteAllText(path, "old");
        ImageJRoiPolyline[] rois = [.. Rois(), new("broken", [1f], [1f])];
        var e = Assert.Throws<ArgumentException>(() => ImageJRoiSet.WriteFile(path, rois));
        Assert.Contains("ROI 3", e.Message, StringComparison.Ordinal);
        Assert.Contains("'broken'", e.Message, StringComparison.Ordinal);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.False(File.Exists(AtomicFile.PartialPath(path)));
    }

    [Fact]
    public void The_streaming_writer_gives_the_zip_of_the_list_writer_with_its_digits_and_leaves_nothing_when_not_committed()
    {
        var rois = Enumerable.Range(0, 3).Select(k => new ImageJRoiPolyline($"line {k}", [1.5f, 2.5f + k], [3f, 4.25f], Position: k + 1)).ToList();
        var folder = TempFolder.Create();
        Directory.CreateDirectory(folder);
        try
        {
            var streamed = Path.Combine(folder, "streamed.zip");
            using (var writer = new ImageJRoiSetWriter(streamed, digits: 4))
            {
                rois.ForEach(writer.Add);
                Assert.Equal(3, writer.Count);
                Assert.False(File.Exists(streamed)); // only the .partial exists before Commit
                writer.Commit();
            }

            using var listed = new MemoryStream();
            ImageJRoiSet.Write(listed, rois);
            Assert.Equal(listed.ToArray(), File.ReadAllBytes(streamed));

            var abandoned = Path.Combine(folder, "abandoned.zip");
            using (var writer = new ImageJRoiSetWriter(abandoned))
            {
                writer.Add(rois[0]);
            }

            Assert.Equal(["streamed.zip"], Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
