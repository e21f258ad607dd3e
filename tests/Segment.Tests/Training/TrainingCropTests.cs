using Dislocate.Core.Random;
using Dislocate.Segment.Training;

namespace Dislocate.Segment.Tests.Training;

public sealed class TrainingCropTests
{
    /// <summary>A size × size image, a horizontal ramp, with one instance: a 1-pixel vertical line at column <paramref name="column"/>.</summary>
    private static TrainingSample VerticalLine(int size, int column)
    {
        var image = new float[size * size];
        var mask = new byte[size * size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                image[(y * size) + x] = x / (float)(size - 1);
            }

            mask[(y * size) + column] = 1;
        }

        return new TrainingSample(size, size, image, [mask], "line");
    }

    private static List<int> Runs(ReadOnlySpan<byte> row)
    {
        var runs = new List<int>();
        for (var x = 0; x < row.Length; x++)
        {
            if (row[x] != 0)
            {
                if (x == 0 || row[x - 1] == 0)
                {
                    runs.Add(0);
                }

                runs[^1]++;
            }
        }

        return runs;
    }

    private static int[] ColumnsOn(byte[] mask, int size, int row) => Enumerable.Range(0, size).Where(x => mask[(row * size) + x] != 0).ToArray();

    [Fact]
    public void ScaleTwo_MagnifiesLines_ToTwoPixels_AndTheRampKeepsItsSlope()
    {
        // One instance of vertical lines every 8 columns, so the 16-pixel window holds some wherever it falls.
        var sample = VerticalLine(128, 0);
        for (var y = 0; y < 128; y++)
        {
            for (var x = 0; x < 128; x += 8)
            {
                sample.Masks[0][(y * 128) + x] = 1;
            }
        }

        var crop = TrainingCrop.Cut(sample, 32, 1, 10, new Rng(3), scale: 2);
        var mask = Assert.Single(crop.Masks);
        for (var y = 0; y < 32; y += 7)
        {
            var runs = Runs(mask.AsSpan(y * 32, 32));
            Assert.InRange(runs.Count, 2, 3);
            Assert.All(runs.Skip(1).SkipLast(1), length => Assert.Equal(2, length));
        }

        // The ramp rises 1/127 per image pixel, so 1/254 per crop pixel.
        Assert.Equal(1 / 254.0, crop.Image[(5 * 32) + 11] - crop.Image[(5 * 32) + 10], 4);
    }

    [Fact]
    public void ScaleHalf_ShrinksTheImage_AndKeepsAOnePixelLineUnbroken()
    {
        var crop = TrainingCrop.Cut(VerticalLine(128, 40), 32, 1, 10, new Rng(5), scale: 0.5);
        var mask = Assert.Single(crop.Masks);
        for (var y = 0; y < 32; y++)
        {
            Assert.InRange(ColumnsOn(mask, 32, y).Length, 1, 2);
        }

        Assert.Equal(2 / 127.0, crop.Image[(9 * 32) + 21] - crop.Image[(9 * 32) + 20], 4);
    }

    [Fact]
    public void AScaleWhoseWindowWouldNotFit_IsRaisedToTheWholeImage()
    {
        var sample = VerticalLine(64, 10);
        var crop = TrainingCrop.Cut(sample, 64, 1, 10, new Rng(1), scale: 0.25);
        Assert.Equal(sample.Image, crop.Image);
        Assert.Equal(sample.Masks[0], crop.Masks[0]);
    }

    [Fact]
    public void ScaleOne_IsThePlainCut_AndInvalidScalesAreRefused()
    {
        var sample = VerticalLine(96, 50);
        var plain = TrainingCrop.Cut(sample, 32, 1, 10, new Rng(9));
        var one = TrainingCrop.Cut(sample, 32, 1, 10, new Rng(9), scale: 1);
        Assert.Equal(plain.Image, one.Image);
        Assert.Equal(plain.Source, one.Source);
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainingCrop.Cut(sample, 32, 1, 10, new Rng(9), scale: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainingCrop.Cut(sample, 32, 1, 10, new Rng(9), scale: double.PositiveInfinity));
    }
}
