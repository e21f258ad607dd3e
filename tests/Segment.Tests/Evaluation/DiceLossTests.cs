using Dislocate.Segment.Evaluation;

namespace Dislocate.Segment.Tests.Evaluation;

public sealed class DiceLossTests
{
    [Fact]
    public void TwoFourPixelMasksSharingTwo_LoseHalf_WithoutSmoothing()
    {
        var truth = MaskDrawing.Pixels(8, 1f, 0, 1, 2, 3);
        var prediction = MaskDrawing.Pixels(8, 1f, 2, 3, 4, 5);
        Assert.Equal(1 - (4.0 / 8.0), DiceLoss.Soft(truth, prediction, epsilon: 0), 12);
        // ε = 1 (the default): 1 − (2·2 + 1) / (4 + 4 + 1).
        Assert.Equal(1 - (5.0 / 9.0), DiceLoss.Soft(truth, prediction), 12);
    }

    [Fact]
    public void IdenticalDisjointAndEmptyMasks()
    {
        var a = MaskDrawing.Pixels(6, 1f, 0, 1, 2);
        var b = MaskDrawing.Pixels(6, 1f, 3, 4, 5);
        var empty = new float[6];
        Assert.Equal(0, DiceLoss.Soft(a, a, 0), 12);
        Assert.Equal(1, DiceLoss.Soft(a, b, 0), 12);
        Assert.Equal(0, DiceLoss.Soft(empty, empty, 0), 12);
        Assert.Equal(0, DiceLoss.Soft(empty, empty), 12);
        // An empty prediction against 3 truth pixels with ε = 1: 1 − 1/4.
        Assert.Equal(0.75, DiceLoss.Soft(a, empty), 12);
    }

    [Fact]
    public void SoftValues_UseProductsAndSums()
    {
        float[] truth = [1, 1, 0];
        float[] prediction = [0.5f, 0.25f, 0.5f];
        // Σg·p = 0.75, Σg = 2, Σp = 1.25: 1 − (1.5 + 1) / (3.25 + 1).
        Assert.Equal(1 - (2.5 / 4.25), DiceLoss.Soft(truth, prediction), 12);
    }

    [Fact]
    public void RejectsMasksOfDifferentLengthAndNegativeEpsilon()
    {
        Assert.Throws<ArgumentException>(() => DiceLoss.Soft(new float[3], new float[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => DiceLoss.Soft(new float[3], new float[3], -1));
    }
}
