using Dislocate.Segment.PostProcessing;

namespace Dislocate.Segment.Tests.PostProcessing;

public sealed class LineCrestsTests
{
    private const int Width = 48;
    private const int Height = 40;

    /// <summary>Horizontal Gaussian ridges of the given peak and σ centred on <paramref name="rows"/>, summed.</summary>
    private static float[] Ridges(double peak, double sigma, params int[] rows)
    {
        var map = new float[Width * Height];
        for (var y = 0; y < Height; y++)
        {
            var v = rows.Sum(r => peak * Math.Exp(-((y - r) * (y - r)) / (2 * sigma * sigma)));
            map.AsSpan(y * Width, Width).Fill((float)Math.Min(v, 1));
        }

        return map;
    }

    private static float[] Crests(float[] map, double sigma = 0.5, double threshold = 0.5, int width = Width, int height = Height)
    {
        var result = new float[map.Length];
        LineCrests.Extract(map, width, height, sigma, threshold, result);
        return result;
    }

    private static int[] RowsOn(float[] map, int x) => Enumerable.Range(0, Height).Where(y => map[(y * Width) + x] > 0).ToArray();

    [Fact]
    public void TwoLinesFourPixelsApart_MergedByThresholding_StayApart()
    {
        // σ 1.5 ridges at rows 20 and 24: the valley between them (row 22) is 0.78, so a 0.5 threshold makes one blob.
        var map = Ridges(0.95, 1.5, 20, 24);
        Assert.True(map[(22 * Width) + 10] > 0.5f);
        var crests = Crests(map);
        foreach (var x in new[] { 0, 10, Width - 1 })
        {
            // The crests (rows 20 and 24), dilated by one pixel; the valley row stays empty.
            Assert.Equal([19, 20, 21, 23, 24, 25], RowsOn(crests, x));
        }
    }

    [Fact]
    public void CrestPixels_KeepTheModelsProbability_AndTheDilationStaysAboveTheThreshold()
    {
        // Row 21 is 0.546: inside the dilation at threshold 0.5, outside it at 0.6 (never more than thresholding keeps).
        var map = Ridges(0.9, 1.0, 20);
        Assert.Equal(map[(20 * Width) + 5], Crests(map, threshold: 0.6)[(20 * Width) + 5]);
        Assert.Equal(0f, Crests(map, threshold: 0.6)[(21 * Width) + 5]);
        Assert.Equal(map[(21 * Width) + 5], Crests(map, threshold: 0.5)[(21 * Width) + 5]);
        Assert.Equal(0f, Crests(map, threshold: 0.5)[(23 * Width) + 5]);
    }

    [Fact]
    public void LinesBelowTheThreshold_GiveNothing()
    {
        Assert.All(Crests(Ridges(0.3, 1.0, 12, 26)), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void SaturatedPlateau_IsKeptAsThresholdingWouldKeepIt()
    {
        // A band 7 rows wide at probability 1: no crest to find inside, so its flat interior is kept.
        var map = new float[Width * Height];
        for (var y = 17; y <= 23; y++)
        {
            map.AsSpan(y * Width, Width).Fill(1f);
        }

        var rows = RowsOn(Crests(map), 24);
        Assert.Contains(20, rows);
        Assert.All(rows, y => Assert.InRange(y, 16, 24));
    }

    [Fact]
    public void DiagonalLine_StaysOneConnectedPiece()
    {
        const int size = 40;
        var map = new float[size * size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var d = (x - y) / Math.Sqrt(2); // distance from the diagonal
                map[(y * size) + x] = (float)(0.9 * Math.Exp(-(d * d) / 2));
            }
        }

        var crests = Crests(map, width: size, height: size);
        Assert.Equal(1, Components(crests, size, size));
        for (var i = 2; i < size - 2; i++)
        {
            Assert.True(crests[(i * size) + i] > 0, $"diagonal pixel {i} is on the crest");
        }
    }

    [Fact]
    public void SigmaZero_UsesTheMapAsItIs_AndBadArgumentsAreRefused()
    {
        Assert.Equal([19, 20, 21], RowsOn(Crests(Ridges(0.9, 1.0, 20), sigma: 0), 7));
        Assert.Throws<ArgumentException>(() => LineCrests.Extract(new float[10], 3, 3, 0.5, 0.5, new float[10]));
        Assert.Throws<ArgumentOutOfRangeException>(() => LineCrests.Extract(new float[9], 3, 3, double.NaN, 0.5, new float[9]));
    }

    private static int Components(float[] map, int width, int height)
    {
        var seen = new bool[map.Length];
        var count = 0;
        for (var start = 0; start < map.Length; start++)
        {
            if (map[start] <= 0 || seen[start])
            {
                continue;
            }

            count++;
            var stack = new Stack<int>([start]);
            seen[start] = true;
            while (stack.Count > 0)
            {
                var i = stack.Pop();
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var y = (i / width) + dy;
                        var x = (i % width) + dx;
                        if (y >= 0 && y < height && x >= 0 && x < width && map[(y * width) + x] > 0 && !seen[(y * width) + x])
                        {
                            seen[(y * width) + x] = true;
                            stack.Push((y * width) + x);
                        }
                    }
                }
            }
        }

        return count;
    }
}
