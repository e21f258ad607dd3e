using Dislocate.Segment.Evaluation;
using Dislocate.Segment.PostProcessing;
using Dislocate.Segment.Tests.Evaluation;

namespace Dislocate.Segment.Tests.PostProcessing;

public sealed class InstancePostProcessorTests
{
    private const int Width = 64;
    private const int Height = 48;

    // The hand-drawn masks here are tens of pixels, so specks are what is below 20 pixels (the default, 60, is set for 512² frames).
    private static readonly PostProcessingOptions Options = PostProcessingOptions.Default with { MinPixels = 20 };

    private static PostProcessedImage Process(params float[][] maps) =>
        InstancePostProcessor.Process(MaskDrawing.Stack(Width, Height, maps), Options);

    [Fact]
    public void Duplicates_WithDiceLossPointThree_CollapseToTheMoreConfidentMask()
    {
        // Two 10 × 10 blocks shifted by 3 columns share 7 × 10 pixels: Dice loss 1 − 140/200 = 0.3 < 0.5.
        var weak = MaskDrawing.Rect(Width, Height, 10, 10, 19, 19, 0.7f);
        var strong = MaskDrawing.Rect(Width, Height, 13, 10, 22, 19, 0.9f);
        var result = Process(weak, strong);
        var kept = Assert.Single(result.Instances);
        Assert.Equal(1, kept.Channel);
        Assert.Equal(0.9, kept.MeanProbability, 6);
        Assert.Equal(1, result.Channels[0].Duplicates);
        Assert.Equal(0, result.Channels[0].Instances);
        Assert.Equal(1, result.Channels[1].Instances);
    }

    [Fact]
    public void Duplicates_WithEqualConfidence_KeepTheLowerChannel()
    {
        var a = MaskDrawing.Rect(Width, Height, 10, 10, 19, 19, 0.8f);
        var b = MaskDrawing.Rect(Width, Height, 13, 10, 22, 19, 0.8f);
        Assert.Equal(1, Assert.Single(Process(new float[Width * Height], a, b).Instances).Channel);
    }

    [Fact]
    public void MasksWithDiceLossPointSix_AreDifferentDislocations()
    {
        // Shifted by 6 columns: 4 × 10 shared, Dice loss 1 − 80/200 = 0.6.
        var a = MaskDrawing.Rect(Width, Height, 10, 10, 19, 19, 0.7f);
        var b = MaskDrawing.Rect(Width, Height, 16, 10, 25, 19, 0.9f);
        var result = Process(a, b);
        Assert.Equal([0, 1], result.Instances.Select(i => i.Channel));
    }

    [Fact]
    public void DuplicateGroups_AreTransitive()
    {
        // a~b (loss 0.3) and b~c (loss 0.3) but a and c share only 4 columns (loss 0.6): one group, best mean kept.
        var a = MaskDrawing.Rect(Width, Height, 10, 10, 19, 19, 0.6f);
        var b = MaskDrawing.Rect(Width, Height, 13, 10, 22, 19, 0.7f);
        var c = MaskDrawing.Rect(Width, Height, 16, 10, 25, 19, 0.95f);
        var kept = Assert.Single(Process(a, b, c).Instances);
        Assert.Equal(2, kept.Channel);
    }

    [Fact]
    public void MaskWithTwoSeparatedLines_SplitsIntoTwoInstances_InRasterOrder()
    {
        var plane = MaskDrawing.Rect(Width, Height, 5, 30, 55, 31, 0.8f);   // lower line, 102 pixels
        MaskDrawing.AddRect(plane, Width, 10, 8, 50, 9, 0.9f);               // upper line, 82 pixels: first in raster order
        var result = Process(new float[Width * Height], plane);
        Assert.Equal(2, result.Instances.Count);
        Assert.Equal([1, 1], result.Instances.Select(i => i.Channel));
        Assert.Equal([0, 1], result.Instances.Select(i => i.Component));
        Assert.Equal([82, 102], result.Instances.Select(i => i.PixelCount));
        Assert.Equal(0.9, result.Instances[0].MeanProbability, 6);
        Assert.Equal(2, result.Channels[1].Instances);
    }

    [Fact]
    public void SplittingComesBeforeDeduplication()
    {
        // Channel 0 holds lines A and B; channel 1 holds only A, more confidently: A comes from channel 1, B stays.
        var ab = MaskDrawing.Rect(Width, Height, 5, 10, 55, 12, 0.6f);
        MaskDrawing.AddRect(ab, Width, 5, 30, 55, 32, 0.6f);
        var a = MaskDrawing.Rect(Width, Height, 5, 10, 55, 12, 0.9f);
        var result = Process(ab, a);
        Assert.Equal([(0, 1), (1, 0)], result.Instances.Select(i => (i.Channel, i.Component)));
    }

    [Fact]
    public void AMaskCoveringMuchOfTheImage_IsDropped_AndAScatterKeepsItsFourLargestPieces()
    {
        var blob = MaskDrawing.Rect(Width, Height, 0, 0, 40, 20, 0.6f);   // 861 pixels, 28 % of the image
        var scatter = new float[Width * Height];
        for (var k = 0; k < 6; k++)
        {
            MaskDrawing.AddRect(scatter, Width, 2, 2 + (7 * k), 21 + k, 2 + (7 * k), 0.8f);   // strokes of 20 + k pixels
        }

        var result = Process(blob, scatter);
        Assert.DoesNotContain(result.Instances, i => i.Channel == 0);
        Assert.Equal([22, 23, 24, 25], result.Instances.Select(i => i.PixelCount));
        Assert.Equal(2, result.Channels[1].Specks);
    }

    [Fact]
    public void Specks_AreDropped()
    {
        var line = MaskDrawing.Rect(Width, Height, 5, 20, 45, 21, 0.8f);
        MaskDrawing.AddRect(line, Width, 60, 40, 61, 41, 0.8f);              // 4-pixel speck beside the line
        var tiny = MaskDrawing.Rect(Width, Height, 30, 40, 33, 41, 0.9f);    // 8-pixel mask: below MinPixels = 20
        var faint = MaskDrawing.Rect(Width, Height, 5, 30, 45, 33, 0.3f);    // below the threshold
        var result = Process(line, tiny, faint);
        var instance = Assert.Single(result.Instances);
        Assert.Equal(82, instance.PixelCount);
        Assert.Equal(1, result.Channels[0].Specks);
        Assert.Equal(1, result.Channels[1].Specks);
        Assert.Equal(0, result.Channels[2].Pixels);
        Assert.Equal(0, result.Channels[2].Specks);
        Assert.DoesNotContain(result.Labels, l => l > 1);
        Assert.Equal(0, result.Labels[(40 * Width) + 60]);
    }

    [Fact]
    public void ShortFaintLines_AreDropped_LongOrConfidentOnesKept()
    {
        // Three 2-pixel-wide strokes: long and faint (length 49), short and faint (19), short and confident (19).
        var longFaint = MaskDrawing.Rect(Width, Height, 5, 5, 54, 6, 0.6f);
        var shortFaint = MaskDrawing.Rect(Width, Height, 5, 20, 24, 21, 0.6f);
        var shortConfident = MaskDrawing.Rect(Width, Height, 5, 35, 24, 36, 0.9f);
        var options = Options with { ShortLineConfidence = 0.75, ShortLineLength = 30 };
        var result = InstancePostProcessor.Process(MaskDrawing.Stack(Width, Height, longFaint, shortFaint, shortConfident), options);
        Assert.Equal([0, 2], result.Instances.Select(i => i.Channel));
        Assert.Equal([1, 2], result.Instances.Select(i => i.Label));
        Assert.Equal([0, 1, 0], result.Channels.Select(c => c.Specks));
        Assert.Equal([1, 0, 1], result.Channels.Select(c => c.Instances));
        Assert.Equal(0, result.Labels[(20 * Width) + 10]);
        Assert.Equal(2, result.Labels[(35 * Width) + 10]);

        // Off (the confidence at 0), or a length limit below the short line's, keeps all three.
        Assert.Equal(3, InstancePostProcessor.Process(MaskDrawing.Stack(Width, Height, longFaint, shortFaint, shortConfident), options with { ShortLineConfidence = 0 }).Instances.Count);
        Assert.Equal(3, InstancePostProcessor.Process(MaskDrawing.Stack(Width, Height, longFaint, shortFaint, shortConfident), options with { ShortLineLength = 10 }).Instances.Count);
        Assert.Throws<ArgumentException>(() => InstancePostProcessor.Process(MaskDrawing.Stack(Width, Height, longFaint), options with { ShortLineConfidence = 1.5 }));
        Assert.Throws<ArgumentException>(() => InstancePostProcessor.Process(MaskDrawing.Stack(Width, Height, longFaint), options with { ShortLineLength = -1 }));
    }

    [Fact]
    public void LineOfEachInstance_HasItsLengthAndFiftyEquallySpacedPoints()
    {
        // A 1-pixel row of 51 pixels: centres from x = 5.5 to 55.5 at y = 20.5, length 50.
        var result = Process(MaskDrawing.Rect(Width, Height, 5, 20, 55, 20, 0.8f));
        var instance = Assert.Single(result.Instances);
        Assert.Equal(50, instance.Length, 6);
        Assert.Equal(50, instance.Points.Length);
        Assert.Equal(5.5, Math.Min(instance.Points[0].X, instance.Points[^1].X), 6);
        Assert.Equal(55.5, Math.Max(instance.Points[0].X, instance.Points[^1].X), 6);
        for (var i = 1; i < instance.Points.Length; i++)
        {
            Assert.Equal(50.0 / 49, instance.Points[i].DistanceTo(instance.Points[i - 1]), 6);
            Assert.Equal(20.5, instance.Points[i].Y, 6);
        }
    }

    [Fact]
    public void LabelImage_NumbersInstances_AndGivesOverlapsToTheHigherProbability()
    {
        // A horizontal line (channel 0, p = 0.7) crossed by a vertical one (channel 1, p = 0.9 except 0.6 at the crossing column's top).
        var horizontal = MaskDrawing.Rect(Width, Height, 5, 20, 55, 22, 0.7f);
        var vertical = MaskDrawing.Rect(Width, Height, 30, 2, 32, 45, 0.9f);
        vertical[(20 * Width) + 30] = 0.6f;
        var result = Process(horizontal, vertical);
        Assert.Equal(2, result.Instances.Count);
        Assert.Equal(0, result.Labels[0]);
        Assert.Equal(1, result.Labels[(21 * Width) + 10]);   // horizontal only
        Assert.Equal(2, result.Labels[(40 * Width) + 31]);   // vertical only
        Assert.Equal(2, result.Labels[(21 * Width) + 31]);   // both: 0.9 > 0.7
        Assert.Equal(1, result.Labels[(20 * Width) + 30]);   // both: 0.7 > 0.6
        Assert.Equal(result.Instances.Sum(i => i.PixelCount) - 9, result.Labels.Count(l => l != 0));
    }

    [Fact]
    public void LabelBuffer_IsOverwrittenAndReturned()
    {
        var buffer = Enumerable.Repeat((ushort)9, Width * Height).ToArray();
        var result = InstancePostProcessor.Process(MaskDrawing.Stack(Width, Height, MaskDrawing.Rect(Width, Height, 5, 20, 55, 22, 0.7f)), PostProcessingOptions.Default, buffer);
        Assert.Same(buffer, result.Labels);
        Assert.Equal(153, buffer.Count(l => l == 1));
        Assert.Equal((Width * Height) - 153, buffer.Count(l => l == 0));
        Assert.Throws<ArgumentException>(() => InstancePostProcessor.Process(MaskDrawing.Stack(Width, Height), PostProcessingOptions.Default, new ushort[10]));
    }

    [Fact]
    public void NoSplitOption_KeepsADisconnectedMaskWhole()
    {
        var plane = MaskDrawing.Rect(Width, Height, 5, 30, 55, 31, 0.8f);
        MaskDrawing.AddRect(plane, Width, 10, 8, 50, 9, 0.8f);
        var result = InstancePostProcessor.Process(MaskDrawing.Stack(Width, Height, plane), PostProcessingOptions.Default with { SplitComponents = false });
        Assert.Equal(184, Assert.Single(result.Instances).PixelCount);
    }

    [Fact]
    public void SharingAStackWithTheMetric_GivesTheSameResult_AndAnotherThresholdIsHonoured()
    {
        var truth = MaskDrawing.Rect(Width, Height, 5, 20, 55, 22);
        float[][] maps = [MaskDrawing.Rect(Width, Height, 5, 20, 55, 22, 0.8f), MaskDrawing.Rect(Width, Height, 5, 30, 40, 32, 0.6f)];
        var shared = MaskDrawing.Stack(Width, Height, maps);
        SplineLengthMetric.Evaluate(MaskDrawing.Stack(Width, Height, truth), shared, MetricOptions.Default);
        var afterMetric = InstancePostProcessor.Process(shared, PostProcessingOptions.Default);
        var fresh = InstancePostProcessor.Process(MaskDrawing.Stack(Width, Height, maps), PostProcessingOptions.Default);
        Assert.Equal(fresh.Labels, afterMetric.Labels);
        Assert.Equal(fresh.Channels, afterMetric.Channels);
        Assert.Equal(2, afterMetric.Instances.Count);
        // The first map's line was made by the metric and reused: the same length and points.
        Assert.Equal(fresh.Instances.Select(i => i.Length), afterMetric.Instances.Select(i => i.Length));
        Assert.Equal(fresh.Instances.SelectMany(i => i.Points), afterMetric.Instances.SelectMany(i => i.Points));
        Assert.Equal(50, afterMetric.Instances[0].Length, 6);

        // At 0.7 the second map (0.6) is below the threshold.
        var strict = InstancePostProcessor.Process(shared, PostProcessingOptions.Default with { Threshold = 0.7 });
        Assert.Equal(0, Assert.Single(strict.Instances).Channel);
    }

    [Fact]
    public void EightBitMaps_GiveTheSameInstancesAsFloats()
    {
        var plane = MaskDrawing.Rect(Width, Height, 5, 30, 55, 31, 0.8f);
        MaskDrawing.AddRect(plane, Width, 10, 8, 50, 9, 0.4f);
        var bytes = plane.Select(v => (byte)Math.Round(v * 255)).ToArray();
        var result = InstancePostProcessor.Process(MaskStack.FromBytes(Width, Height, [bytes]), PostProcessingOptions.Default);
        var instance = Assert.Single(result.Instances);
        Assert.Equal(102, instance.PixelCount);
        Assert.Equal(204 / 255.0, instance.MeanProbability, 6);
        Assert.Equal(50, instance.Length, 6);
    }

    [Fact]
    public void CrossingLines_BecomeOneInstanceEach_WithTheirWholeLines()
    {
        // A horizontal and a vertical bar crossing: one 8-connected piece, two dislocations.
        var plane = MaskDrawing.Rect(Width, Height, 4, 22, 59, 24, 0.9f);
        MaskDrawing.AddRect(plane, Width, 30, 2, 32, 45, 0.8f);
        var split = Process(plane);
        Assert.Equal(2, split.Instances.Count);
        var lengths = split.Instances.Select(i => i.Length).Order().ToArray();
        Assert.InRange(lengths[0], 38, 46);   // the vertical bar, 44 px long
        Assert.InRange(lengths[1], 50, 58);   // the horizontal bar, 56 px long
        Assert.All(split.Instances, i => Assert.Equal(50, i.Points.Length));

        // Without splitting the piece is one instance along its longest path.
        var whole = InstancePostProcessor.Process(MaskDrawing.Stack(Width, Height, [plane]), Options with { CrossingLength = 0 });
        Assert.Single(whole.Instances);
        Assert.Throws<ArgumentException>(() => InstancePostProcessor.Process(MaskDrawing.Stack(Width, Height, [plane]), Options with { CrossingLength = -1 }));
    }

    [Fact]
    public void RejectsBadOptionsAndValues()
    {
        var stack = MaskDrawing.Stack(Width, Height, new float[Width * Height]);
        Assert.Throws<ArgumentException>(() => InstancePostProcessor.Process(stack, PostProcessingOptions.Default with { Threshold = 0 }));
        Assert.Throws<ArgumentException>(() => InstancePostProcessor.Process(stack, PostProcessingOptions.Default with { LinePoints = 1 }));
        var bad = new float[Width * Height];
        bad[7] = -0.5f;
        var e = Assert.Throws<ArgumentException>(() => Process(bad));
        Assert.Contains("plane 0", e.Message, StringComparison.Ordinal);
        Assert.Empty(InstancePostProcessor.Process(MaskStack.FromArrays(Width, Height, []), PostProcessingOptions.Default).Instances);
    }
}
