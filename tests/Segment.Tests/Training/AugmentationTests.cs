using Dislocate.Core.Random;
using Dislocate.Segment.Training;

namespace Dislocate.Segment.Tests.Training;

public sealed class AugmentationTests
{
    private const int Size = 16;

    private static float[] LineImage()
    {
        var image = Enumerable.Repeat(0.2f, Size * Size).ToArray();
        for (var y = 0; y < Size; y++)
        {
            image[(y * Size) + 7] = 0.8f;
        }

        return image;
    }

    [Fact]
    public void Blur_SoftensAboutHalfTheCrops_KeepsTheirMean_AndLeavesTheOthersUntouched()
    {
        var options = AugmentationOptions.None with { Blur = 2 };
        var blurred = 0;
        for (ulong seed = 1; seed <= 40; seed++)
        {
            var image = LineImage();
            Augmentation.Apply(image, [], Size, options, new Rng(seed));
            if (image.SequenceEqual(LineImage()))
            {
                continue;
            }

            blurred++;
            Assert.True(image.Max() < 0.8f, "a blurred line must lose its peak");
            Assert.Equal(LineImage().Average(), image.Average(), 1e-5); // reflecting borders keep the mean
        }

        Assert.InRange(blurred, 10, 30);
    }

    [Fact]
    public void WithoutBlur_TheSameSeedGivesTheSameCrop_AsBeforeBlurExisted()
    {
        // Blur 0 draws no random number, so every other transform sees the numbers it saw before the option existed.
        var a = LineImage();
        var b = LineImage();
        Augmentation.Apply(a, [], Size, new AugmentationOptions(), new Rng(7));
        Augmentation.Apply(b, [], Size, new AugmentationOptions() with { Blur = 0 }, new Rng(7));
        Assert.Equal(a, b);

        var withBlur = LineImage();
        var rng = new Rng(7);
        Augmentation.Apply(withBlur, [], Size, new AugmentationOptions() with { Blur = 1 }, rng);
        var again = LineImage();
        Augmentation.Apply(again, [], Size, new AugmentationOptions() with { Blur = 1 }, new Rng(7));
        Assert.Equal(withBlur, again);
    }

    [Fact]
    public void FlipsAndRotations_MoveTheMasksWithTheImage()
    {
        var options = AugmentationOptions.None with { FlipRotate = true };
        for (ulong seed = 1; seed <= 16; seed++)
        {
            var image = new float[Size * Size];
            var mask = new byte[Size * Size];
            image[(3 * Size) + 5] = 1;
            mask[(3 * Size) + 5] = 1;
            var masks = new List<byte[]> { mask };
            Augmentation.Apply(image, masks, Size, options, new Rng(seed));
            Assert.Equal(Array.IndexOf(image, 1f), Array.IndexOf(masks[0], (byte)1));
        }
    }
}
