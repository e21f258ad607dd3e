using Dislocate.Core.IO;

namespace Dislocate.Core.Tests.IO;

public class AtomicFileTests
{
    [Fact]
    public void SuccessWritesTargetAndLeavesNoPartial()
    {
        using var folder = new TempFolder();
        var path = folder.File("out.bin");
        AtomicFile.Write(path, s => s.Write([1, 2, 3]));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(folder.Path));
        Assert.False(File.Exists(path + ".partial"));
    }

    [Fact]
    public void AFileInAFolderThatDoesNotExistYet_IsWritten_WithItsFolder()
    {
        // `segment evaluate --out new/e.json` and `segment export --out new/m.onnx` failed on the missing folder.
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "new", "deeper", "out.json");
        AtomicFile.WriteAllText(path, "{}");
        Assert.Equal("{}", File.ReadAllText(path));

        var table = Path.Combine(folder.Path, "other", "t.csv");
        using (var writer = new AtomicTextWriter(table))
        {
            writer.WriteLine("a,b");
            writer.Commit();
        }

        Assert.Equal("a,b\n", File.ReadAllText(table));
    }

    [Fact]
    public void LeftoverPartialOfAnInterruptedRun_IsReplaced_ByAllThreeWriters()
    {
        // A longer leftover must not leave its tail behind: the temp file is created anew, not overwritten in place.
        using var folder = new TempFolder();
        var path = folder.File("out.bin");
        File.WriteAllBytes(path + ".partial", new byte[100]);
        AtomicFile.Write(path, s => s.Write([1, 2, 3]));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));

        var text = folder.File("out.csv");
        File.WriteAllText(text + ".partial", new string('x', 100));
        using (var writer = new AtomicTextWriter(text))
        {
            writer.WriteLine("a,b");
            writer.Commit();
        }

        Assert.Equal("a,b\n", File.ReadAllText(text));

        var zip = folder.File("RoiSet.zip");
        File.WriteAllBytes(zip + ".partial", new byte[100]);
        using (var rois = new ImageJRoiSetWriter(zip))
        {
            rois.Commit();
        }

        using (var archive = new System.IO.Compression.ZipArchive(File.OpenRead(zip)))
        {
            Assert.Empty(archive.Entries);
        }

        Assert.Empty(Directory.GetFiles(folder.Path, "*.partial"));
    }

    [Fact]
    public void FailureLeavesNoTargetAndNoPartial()
    {
        using var folder = new TempFolder();
        var path = folder.File("out.bin");
        var ex = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write([1, 2, 3]);
            throw new InvalidOperationException("boom");
        }));
        Assert.Equal("boom", ex.Message);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void ExistingTargetIsReplacedOnlyOnSuccess()
    {
        using var folder = new TempFolder();
        var path = folder.File("labels.json");
        AtomicFile.WriteAllText(path, "old");
        Assert.Throws<IOException>(() => AtomicFile.Write(path, s =>
        {
            s.Write("new"u8);
            throw new IOException("disk full");
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.False(File.Exists(AtomicFile.PartialPath(path)));

        AtomicFile.WriteAllText(path, "néw", durable: false);
        Assert.Equal("néw"u8.ToArray(), File.ReadAllBytes(path)); // UTF-8, no byte-order mark
        AtomicFile.WriteAllBytes(path, [9]);
        Assert.Equal([9], File.ReadAllBytes(path));
    }

    [Fact]
    public void PartialsAreRecognisedAndCleanedUp()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("a.png.partial"), "x");
        File.WriteAllText(folder.File("b.tif.partial"), "x");
        File.WriteAllText(folder.File("c.png"), "x");
        File.WriteAllText(folder.File("partial.txt"), "x");
        Directory.CreateDirectory(folder.File("sub"));
        File.WriteAllText(Path.Combine(folder.File("sub"), "d.partial"), "x");

        Assert.True(AtomicFile.IsPartial("x/a.png.partial"));
        Assert.False(AtomicFile.IsPartial("x/a.png"));
        Assert.False(AtomicFile.IsPartial("x/partial.txt"));
        Assert.Equal(2, AtomicFile.DeletePartials(folder.Path));
        Assert.Equal(["c.png", "partial.txt"], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(Path.Combine(folder.File("sub"), "d.partial")));
        Assert.Equal(0, AtomicFile.DeletePartials(folder.File("does-not-exist")));
    }

    [Fact]
    public void TextWriterAppearsOnlyOnCommitAndLeavesNothingWhenAbandoned()
    {
        using var folder = new TempFolder();
        var path = folder.File("table.csv");
        File.WriteAllText(path, "old\n");
        using (var writer = new AtomicTextWriter(path))
        {
            writer.WriteLine("a,b");
            Assert.Equal("old\n", File.ReadAllText(path));
        }

        Assert.Equal("old\n", File.ReadAllText(path));
        Assert.False(File.Exists(AtomicFile.PartialPath(path)));
        using (var writer = new AtomicTextWriter(path))
        {
            writer.WriteLine("a,b");
            writer.WriteLine("1,2");
            writer.Commit();
        }

        Assert.Equal("a,b\n1,2\n", File.ReadAllText(path));
        Assert.False(File.Exists(AtomicFile.PartialPath(path)));
    }
}
