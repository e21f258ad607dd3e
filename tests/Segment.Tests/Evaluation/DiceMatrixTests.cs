using Dislocate.Segment.Evaluation;

namespace Dislocate.Segment.Tests.Evaluation;

public sealed class DiceMatrixTests
{
    // Widths that are not multiples of the SIMD lane count exercise the row tails.
    private const int Width = 37;
    private const int Height = 29;

    [Fact]
    public void EveryPath_MatchesTheScalarReference()
    {
        var size = Width * Height;
        var truths = new[]
        {
            MaskDrawing.Rect(Width, Height, 3, 4, 20, 7),                            // sparse binary
            MaskDrawing.Stroke(Width, Height, 2, 25, 34, 3, 2.0),                    // sparse binary diagonal
            MaskDrawing.Noise(size, 1),                                              // dense soft
            MaskDrawing.AddRect(new float[size], Width, 30, 20, 35, 27, 0.6f),       // sparse soft, far corner
            new float[size],                                                         // empty
        };
        var predictions = new[]
        {
            MaskDrawing.Noise(size, 2),
            MaskDrawing.Rect(Width, Height, 5, 5, 25, 6, 0.9f),
            MaskDrawing.Stroke(Width, Height, 2, 24, 34, 2, 2.5, 0.75f),
            MaskDrawing.Rect(Width, Height, 0, 0, 2, 2),                             // disjoint from most
            new float[size],
            MaskDrawing.Noise(size, 3, 0.1f),
        };

        var matrix = DiceMatrix.Compute(MaskDrawing.Stack(Width, Height, truths), MaskDrawing.Stack(Width, Height, predictions));
        Assert.Equal(truths.Length * predictions.Length, matrix.Length);
        for (var i = 0; i < truths.Length; i++)
        {
            for (var j = 0; j < predictions.Length; j++)
            {
                Assert.Equal(DiceLoss.Soft(truths[i], predictions[j]), matrix[(i * predictions.Length) + j], 5);
            }
        }
    }

    [Fact]
    public void BytePlanes_ReadAsValueOver255_MatchTheReference_AgainstBytesAndFloats()
    {
        var size = Width * Height;
        byte[][] truthBytes =
        [
            ToBytes(MaskDrawing.Stroke(Width, Height, 2, 25, 34, 3, 2.0)),               // binary 0/255
            ToBytes(MaskDrawing.AddRect(new float[size], Width, 10, 10, 30, 20, 0.6f)),  // 153s
            ToBytes(MaskDrawing.Noise(size, 4)),                                         // dense soft bytes
        ];
        var floatPredictions = new[] { MaskDrawing.Noise(size, 5), MaskDrawing.Rect(Width, Height, 5, 5, 25, 12, 0.8f) };
        var bytePredictions = new[] { ToBytes(MaskDrawing.Noise(size, 6)), ToBytes(MaskDrawing.Stroke(Width, Height, 3, 24, 33, 4, 2.5)) };
        var truths = MaskStack.FromBytes(Width, Height, truthBytes.Select(b => (ReadOnlyMemory<byte>)b));
        var asFloats = truthBytes.Select(b => b.Select(v => v / 255f).ToArray()).ToArray();

        var againstFloats = DiceMatrix.Compute(truths, MaskDrawing.Stack(Width, Height, floatPredictions));
        var againstBytes = DiceMatrix.Compute(truths, MaskStack.FromBytes(Width, Height, bytePredictions.Select(b => (ReadOnlyMemory<byte>)b)));
        for (var i = 0; i < truthBytes.Length; i++)
        {
            for (var j = 0; j < 2; j++)
            {
                Assert.Equal(DiceLoss.Soft(asFloats[i], floatPredictions[j]), againstFloats[(i * 2) + j], 5);
                Assert.Equal(DiceLoss.Soft(asFloats[i], bytePredictions[j].Select(v => v / 255f).ToArray()), againstBytes[(i * 2) + j], 5);
            }
        }
    }

    [Fact]
    public void StackedBlock_SlicesIntoPlanes()
    {
        var block = MaskDrawing.Rect(4, 6, 0, 0, 3, 2); // planes of 4 × 3: the first full, the second empty
        var stack = MaskStack.FromStacked(block, 2, 4, 3);
        Assert.Equal(2, stack.Count);
        Assert.Equal(1f, stack.Value(0, 11));
        Assert.Equal(0f, stack.Value(1, 0));
        Assert.Equal([1f, 0f], DiceMatrix.Compute(MaskDrawing.Stack(4, 3, MaskDrawing.Rect(4, 3, 0, 0, 3, 2)), stack, epsilon: 0).Select(v => 1 - v));
        Assert.Throws<ArgumentException>(() => MaskStack.FromStacked(block, 3, 4, 3));
    }

    [Fact]
    public void HandComputedBinaryEntries()
    {
        // 4-pixel truth; predictions: 2 shared pixels, identical, disjoint. ε = 0.
        var truth = MaskDrawing.Rect(8, 8, 0, 0, 1, 1);
        var half = MaskDrawing.Rect(8, 8, 1, 0, 2, 1);
        var far = MaskDrawing.Rect(8, 8, 6, 6, 7, 7);
        var matrix = DiceMatrix.Compute(MaskDrawing.Stack(8, 8, truth), MaskDrawing.Stack(8, 8, half, truth, far), epsilon: 0);
        Assert.Equal([0.5f, 0f, 1f], matrix);
    }

    [Fact]
    public void RejectsValuesOutsideUnitRangeAndSizeMismatch()
    {
        var bad = new float[16];
        bad[5] = 1.5f;
        var nan = new float[16];
        nan[3] = float.NaN;
        var good = MaskDrawing.Stack(4, 4, new float[16]);
        var e = Assert.Throws<ArgumentException>(() => DiceMatrix.Compute(good, MaskDrawing.Stack(4, 4, new float[16], bad)));
        Assert.Contains("prediction plane 1", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => DiceMatrix.Compute(MaskDrawing.Stack(4, 4, nan), good));
        Assert.Throws<ArgumentException>(() => DiceMatrix.Compute(good, MaskDrawing.Stack(8, 2, new float[16])));
    }

    private static byte[] ToBytes(float[] plane) => plane.Select(v => (byte)Math.Round(v * 255)).ToArray();
}
