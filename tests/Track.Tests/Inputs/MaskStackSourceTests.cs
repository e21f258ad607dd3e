using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Track.Inputs;

namespace Dislocate.Track.Tests.Inputs;

public sealed class MaskStackSourceTests : IDisposable
{
    private const int W = 12;
    private const int H = 10;
    private readonly TempFolder temp = new();

    public void Dispose() => this.temp.Dispose();

    [Fact]
    public void A16BitStackIsOneLabelImagePerFrame()
    {
        var file = this.temp.File("labels.tif");
        var pages = Enumerable.Range(0, 3).Select(f => (ReadOnlyMemory<ushort>)LabelPage(f)).ToList();
        TiffStackWriter.Write(file, pages, W, H);

        var source = new MaskStackSource(file);
        var frames = source.Frames().ToList();

        Assert.Equal(MaskInputKind.Labels, source.Kind);
        Assert.Equal(3, source.Count);
        Assert.Equal(3, frames.Count);
        Assert.Equal(["labels_000001", "labels_000002", "labels_000003"], frames.Select(f => f.Name));
        Assert.Equal(LabelPage(2), frames[2].Labels);
        Assert.Null(frames[2].Masks);
    }

    [Fact]
    public void AHyperstackWithChannelsIsOneMaskPerChannel()
    {
        // Two frames × three instances, channels fastest, as synthetic generate --frames writes its masks.
        var file = this.temp.File("masks.tif");
        var pages = new List<ReadOnlyMemory<byte>>();
        for (var f = 0; f < 2; f++)
        {
            for (var c = 0; c < 3; c++)
            {
                pages.Add(MaskPage((f * 3) + c));
            }
        }

        TiffStackWriter.Write(file, pages, W, H, TiffCompression.PackBits, TiffStackWriter.ImageJDescription(6, channels: 3, frames: 2));

        var source = new MaskStackSource(file);
        var frames = source.Frames().ToList();

        Assert.Equal(MaskInputKind.Masks, source.Kind);
        Assert.Equal(2, source.Count);
        Assert.Equal([1, 2, 3], frames[1].Masks!.Select(m => m.Label));
        Assert.Equal(MaskPage(4), frames[1].Masks![1].Bytes);
    }

    [Fact]
    public void ASegmentRunFolderIsReadFromItsLabelsSubfolder()
    {
        var labels = Path.Combine(this.temp.Path, "labels");
        Directory.CreateDirectory(labels);
        Directory.CreateDirectory(Path.Combine(this.temp.Path, "masks"));
        for (var f = 0; f < 2; f++)
        {
            TiffStackWriter.Write(Path.Combine(labels, $"frame_{f + 1:D6}.tif"), [(ReadOnlyMemory<ushort>)LabelPage(f)], W, H);
        }

        var source = new MaskStackSource(this.temp.Path);

        Assert.Equal(labels, source.Path);
        Assert.Equal(MaskInputKind.Labels, source.Kind);
        Assert.Equal(["frame_000001", "frame_000002"], source.Frames().Select(f => f.Name));
    }

    [Fact]
    public void AFolderOfMultiPageFilesHoldsOneMaskPerPage()
    {
        TiffStackWriter.Write(this.temp.File("a.tif"), [(ReadOnlyMemory<byte>)MaskPage(0), MaskPage(1)], W, H);
        TiffStackWriter.Write(this.temp.File("b.tif"), [(ReadOnlyMemory<byte>)MaskPage(2)], W, H);

        var source = new MaskStackSource(this.temp.Path);
        var frames = source.Frames().ToList();

        Assert.Equal(MaskInputKind.Masks, source.Kind);
        Assert.Equal(2, frames[0].Masks!.Count);
        Assert.Single(frames[1].Masks!);
    }

    [Fact]
    public void ABinaryPageBecomesOneLabelPerComponent()
    {
        var page = new byte[W * H];
        page[(2 * W) + 1] = 255; // component 1 (raster order of first pixel)
        page[(2 * W) + 2] = 255;
        page[(7 * W) + 9] = 255; // component 2
        page[(8 * W) + 10] = 255; // diagonal neighbour: still component 2
        TiffStackWriter.Write(this.temp.File("binary.tif"), [(ReadOnlyMemory<byte>)page], W, H);

        var source = new MaskStackSource(this.temp.File("binary.tif"));
        var labels = source.Frames().Single().Labels!;

        Assert.Equal(MaskInputKind.Binary, source.Kind);
        Assert.Equal(1, labels[(2 * W) + 2]);
        Assert.Equal(2, labels[(8 * W) + 10]);
        Assert.Equal(4, labels.Count(v => v != 0));
    }

    [Fact]
    public void AFloatPageWithFractionsIsAProbabilityMask()
    {
        var page = new float[W * H];
        page[5] = 0.75f;
        TiffStackWriter.Write(this.temp.File("p.tif"), [(ReadOnlyMemory<float>)page], W, H);

        var source = new MaskStackSource(this.temp.File("p.tif"));

        Assert.Equal(MaskInputKind.Masks, source.Kind);
        Assert.Equal(0.75f, source.Frames().Single().Masks![0].Floats![5]);
    }

    [Fact]
    public void AFrameOfAnotherSizeStopsWithTheFileNamed()
    {
        TiffStackWriter.Write(this.temp.File("a.tif"), [(ReadOnlyMemory<ushort>)LabelPage(0)], W, H);
        TiffStackWriter.Write(this.temp.File("b.tif"), [(ReadOnlyMemory<ushort>)new ushort[(W + 1) * H]], W + 1, H);

        var source = new MaskStackSource(this.temp.Path);
        var e = Assert.Throws<InputFileException>(() => source.Frames().ToList());

        Assert.Equal(this.temp.File("b.tif"), e.Path);
        Assert.Contains("13×10 differs from the first frame's 12×10", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InputsThatAreNoMaskStackAreRefusedWithTheirName()
    {
        File.WriteAllText(this.temp.File("notes.txt"), "x");
        var missing = this.temp.File("missing.tif");

        Assert.Contains("no TIFF", Assert.Throws<InputFileException>(() => new MaskStackSource(this.temp.Path)).Message, StringComparison.Ordinal);
        Assert.Equal(missing, Assert.Throws<InputFileException>(() => new MaskStackSource(missing)).Path);
        Assert.Contains("not a TIFF", Assert.Throws<InputFileException>(() => new MaskStackSource(this.temp.File("notes.txt"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LabelsWithSeveralPagesPerFrameAreRefused()
    {
        TiffStackWriter.Write(this.temp.File("a.tif"), [(ReadOnlyMemory<byte>)MaskPage(0), MaskPage(1)], W, H);

        var e = Assert.Throws<InputFileException>(() => new MaskStackSource(this.temp.Path, MaskInputKind.Labels));

        Assert.Contains("kind=labels needs one page per frame", e.Message, StringComparison.Ordinal);
    }

    private static ushort[] LabelPage(int frame)
    {
        var page = new ushort[W * H];
        page[frame] = 1;
        page[(5 * W) + frame] = 2;
        return page;
    }

    private static byte[] MaskPage(int k)
    {
        var page = new byte[W * H];
        page[k] = 255;
        return page;
    }
}
