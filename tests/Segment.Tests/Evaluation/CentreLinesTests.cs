using Dislocate.Segment.Evaluation;

namespace Dislocate.Segment.Tests.Evaluation;

public sealed class CentreLinesTests
{
    private const int Width = 80;
    private const int Height = 60;

    [Fact]
    public void Identical_masks_score_one()
    {
        var truth = Bytes(MaskDrawing.Stroke(Width, Height, 10, 10, 70, 20, 1.5f));
        var score = CentreLines.Score(truth, truth, Width, Height);
        Assert.Equal(1, score.F1, 12);
        Assert.Equal(score.TruePixels, score.PredictedPixels);
        Assert.True(score.TruePixels > 50, $"the centre line of a 60 px stroke has {score.TruePixels} pixels");
    }

    [Fact]
    public void A_line_shifted_within_the_tolerance_is_found_and_beyond_it_is_not()
    {
        var truth = Bytes(MaskDrawing.Stroke(Width, Height, 10, 20, 70, 20, 1.5f));
        var near = Bytes(MaskDrawing.Stroke(Width, Height, 10, 22, 70, 22, 1.5f)); // 2 px away
        var far = Bytes(MaskDrawing.Stroke(Width, Height, 10, 25, 70, 25, 1.5f)); // 5 px away
        Assert.Equal(1, CentreLines.Score(near, truth, Width, Height, 3).F1, 12);
        Assert.Equal(0, CentreLines.Score(far, truth, Width, Height, 3).F1, 12);
        Assert.Equal(1, CentreLines.Score(far, truth, Width, Height, 5).F1, 12);
    }

    [Fact]
    public void A_missing_line_halves_recall_and_keeps_precision()
    {
        var a = MaskDrawing.Stroke(Width, Height, 10, 10, 70, 10, 1.5f);
        var b = MaskDrawing.Stroke(Width, Height, 10, 40, 70, 40, 1.5f);
        var truth = Bytes(Max(a, b));
        var score = CentreLines.Score(Bytes(a), truth, Width, Height);
        Assert.Equal(1, score.Precision, 12);
        Assert.InRange(score.Recall, 0.45, 0.55);
        Assert.Equal(2 * score.Recall / (1 + score.Recall), score.F1, 12);
    }

    [Fact]
    public void A_spurious_line_lowers_precision_and_keeps_recall()
    {
        var a = MaskDrawing.Stroke(Width, Height, 10, 10, 70, 10, 1.5f);
        var spurious = MaskDrawing.Stroke(Width, Height, 10, 45, 40, 45, 1.5f); // half as long
        var score = CentreLines.Score(Bytes(Max(a, spurious)), Bytes(a), Width, Height);
        Assert.Equal(1, score.Recall, 12);
        Assert.InRange(score.Precision, 0.62, 0.72); // ≈ 60 / (60 + 30)
    }

    [Fact]
    public void Scores_pool_pixels_and_empty_sides_are_defined()
    {
        var a = Bytes(MaskDrawing.Stroke(Width, Height, 10, 10, 70, 10, 1.5f));
        var empty = new byte[Width * Height];
        var missed = CentreLines.Score(empty, a, Width, Height);
        Assert.Equal((1.0, 0.0, 0.0), (missed.Precision, missed.Recall, missed.F1));
        var nothing = CentreLines.Score(empty, empty, Width, Height);
        Assert.Equal(1, nothing.F1);
        var pooled = missed.Add(CentreLines.Score(a, a, Width, Height));
        Assert.Equal(0.5, pooled.Recall, 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => CentreLines.Score(a, a, Width, Height, -1));
    }

    [Fact]
    public void Line_masks_take_every_value_but_the_most_frequent_as_line()
    {
        // A hand-drawn mask: anti-aliased dark strokes on white, as palette PNGs expand.
        var pixels = Enumerable.Repeat(1f, 12).ToArray();
        pixels[3] = 0.5f;
        pixels[4] = 0.2f;
        var frame = LineMaskFrames.FromImage("a", new Dislocate.Core.Imaging.GrayImage(4, 3, pixels), "a.png");
        Assert.Equal([0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0], frame.Mask);

        // A label image: background 0, labels anything else.
        var labels = new float[12];
        labels[7] = 3f / 65535;
        Assert.Equal(1, LineMaskFrames.FromImage("b", new Dislocate.Core.Imaging.GrayImage(4, 3, labels), "b.tif").Mask.Sum(v => v));
    }

    private static byte[] Bytes(float[] plane) => [.. plane.Select(v => v > 0.5f ? (byte)1 : (byte)0)];

    private static float[] Max(float[] a, float[] b) => [.. a.Zip(b, Math.Max)];
}
