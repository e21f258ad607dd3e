using Dislocate.Core.IO;
using Dislocate.Segment.Inference;

namespace Dislocate.Segment.Tests.Inference;

/// <summary>The frames 'segment run' reads from microscope files (../shared/data/formats): every frame of a DM stack.</summary>
public sealed class FrameSourceTests
{
    private static string Formats() => SharedData.Formats;

    [Fact]
    public void ADigitalMicrographStack_GivesEachFrame_ScaledByItsOwnRange()
    {
        var source = new FrameSource(Path.Combine(Formats(), "digitalmicrograph", "3D", "test-10.dm4"));
        Assert.Equal(2, source.Count);
        var frames = source.Frames().ToList();
        Assert.Equal(["test-10_000001", "test-10_000002"], frames.Select(f => f.Name));
        Assert.All(frames, f => Assert.Equal([0f, 1 / 3f, 2 / 3f, 1f], f.Image.Pixels));
    }

    [Fact]
    public void ATiaSeries_IsOneFrame()
    {
        var source = new FrameSource(Path.Combine(Formats(), "tia", "128x128-TEM_search_1.ser"));
        var frame = Assert.Single(source.Frames());
        Assert.Equal("128x128-TEM_search_1", frame.Name);
        Assert.Equal(128, frame.Image.Width);
    }

    [Fact]
    public void AFrameReadAlone_EqualsTheSameFrameReadInOrder_ForStacksFoldersAndMicroscopeFiles()
    {
        var folder = Directory.CreateTempSubdirectory("frames-");
        try
        {
            var pages = Enumerable.Range(0, 5).Select(i => (ReadOnlyMemory<byte>)Enumerable.Range(0, 12).Select(v => (byte)((v * 7) + (i * 31))).ToArray()).ToList();
            var stack = Path.Combine(folder.FullName, "stack.tif");
            TiffStackWriter.Write(stack, pages, 4, 3);
            var images = Path.Combine(folder.FullName, "images");
            Directory.CreateDirectory(images);
            for (var i = 0; i < 3; i++)
            {
                TiffStackWriter.Write(Path.Combine(images, $"f{i}.tif"), [pages[i]], 4, 3);
            }

            foreach (var input in new[] { stack, images, Path.Combine(Formats(), "digitalmicrograph", "3D", "test-10.dm4") })
            {
                var source = new FrameSource(input);
                var inOrder = source.Frames().ToList();
                for (var i = source.Count - 1; i >= 0; i--)
                {
                    var alone = source.Frame(i);
                    Assert.Equal(inOrder[i].Name, alone.Name);
                    Assert.Equal(inOrder[i].Index, alone.Index);
                    Assert.Equal(inOrder[i].Image.Pixels, alone.Image.Pixels);
                }

                Assert.Throws<ArgumentOutOfRangeException>(() => source.Frame(source.Count));
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData(1, 3, new[] { 0 })]
    [InlineData(2, 3, new[] { 0, 1 })]
    [InlineData(3, 3, new[] { 0, 1, 2 })]
    [InlineData(55, 3, new[] { 0, 27, 54 })]
    [InlineData(10, 1, new[] { 0 })]
    [InlineData(0, 3, new int[0])]
    public void SpreadIndices_RunFromTheFirstFrameToTheLast_WithoutRepeats(int frames, int count, int[] expected)
    {
        Assert.Equal(expected, FrameSource.SpreadIndices(frames, count));
    }
}
