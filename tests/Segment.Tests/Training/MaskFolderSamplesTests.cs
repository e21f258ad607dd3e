using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Segment.Tests.Evaluation;
using Dislocate.Segment.Training;

namespace Dislocate.Segment.Tests.Training;

public sealed class MaskFolderSamplesTests : IDisposable
{
    private const int Width = 64;
    private const int Height = 48;
    private readonly TempFolder scratch = new();

    public MaskFolderSamplesTests() => Directory.CreateDirectory(this.scratch.Path);

    public void Dispose() => this.scratch.Dispose();

    [Fact]
    public void Frames_pair_with_masks_by_stem_and_each_piece_is_one_instance()
    {
        var a = MaskDrawing.Stroke(Width, Height, 5, 5, 60, 8, 1.2f);
        var b = MaskDrawing.Stroke(Width, Height, 5, 30, 60, 33, 1.2f);
        var touching = MaskDrawing.Stroke(Width, Height, 30, 0, 30, 20, 1.2f); // crosses a
        this.Png("images/f1.png", MaskDrawing.Rect(Width, Height, 0, 0, Width - 1, Height - 1, 0.5f), dark: false);
        this.Png("images/f2.png", MaskDrawing.Rect(Width, Height, 0, 0, Width - 1, Height - 1, 0.5f), dark: false);
        this.Png("masks/f1.png", Max(Max(a, b), touching), dark: true); // drawn dark on white, as hand-drawn masks
        var speck = MaskDrawing.Rect(Width, Height, 50, 44, 51, 45);
        this.Png("masks/f9.png", speck, dark: true); // no image of that name: not a pair

        var samples = new MaskFolderSamples(Path.Combine(this.scratch.Path, "images"), Path.Combine(this.scratch.Path, "masks"));
        Assert.Equal(1, samples.Count);
        var sample = samples.Get(0);
        Assert.Equal((Width, Height), (sample.Width, sample.Height));
        Assert.Equal(2, sample.Masks.Count); // a and the line crossing it are one piece; b is another
        Assert.Equal(Max(a, b).Zip(touching, Math.Max).Count(v => v > 0.5f), sample.Masks.Sum(m => m.Count(v => v != 0)));
    }

    [Fact]
    public void Specks_are_dropped_and_missing_pairs_are_a_clear_error()
    {
        var speck = new byte[Width * Height];
        speck[10] = 1;
        speck[11] = 1;
        Assert.Empty(MaskFolderSamples.Pieces(speck, Width, Height));
        Directory.CreateDirectory(Path.Combine(this.scratch.Path, "i"));
        this.Png("m/x.png", MaskDrawing.Rect(Width, Height, 1, 1, 20, 3), dark: true);
        var e = Assert.Throws<InputFileException>(() => new MaskFolderSamples(Path.Combine(this.scratch.Path, "i"), Path.Combine(this.scratch.Path, "m")));
        Assert.Contains("no mask whose file stem matches", e.Message, StringComparison.Ordinal);
    }

    private static float[] Max(float[] a, float[] b) => [.. a.Zip(b, Math.Max)];

    private void Png(string relative, float[] plane, bool dark)
    {
        var path = Path.Combine(this.scratch.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = plane.Select(v => dark ? (byte)(v > 0.5f ? 40 : 255) : (byte)(v * 255)).ToArray();
        using var stream = File.Create(path);
        PngEncoder.WriteGray8(stream, bytes, Width, Height);
    }
}
