using Dislocate.Core.Morphology;

namespace Dislocate.Core.Tests.Morphology;

public class LeeThinningTests
{
    // skimage's test_two_hole_image_vs_fiji (skeletonize(method="lee") and Fiji's Skeletonize3D agree on it).
    private static readonly string[] TwoHoleImage =
    [
        "0000000010000000",
        "0000001111100000",
        "0000111111111010",
        "0011111111111110",
        "0111100111001110",
        "0111000111001110",
        "0011000111001110",
        "0011100111001110",
        "0001100111001110",
        "0001111111111110",
        "0000111111111110",
        "0000111111111110",
        "0000001111111000",
        "0000000000000000",
    ];

    private static readonly string[] TwoHoleSkeleton =
    [
        "0000000000000000",
        "0000000000000000",
        "0000001101100000",
        "0000110010010000",
        "0001000010001000",
        "0010000010000100",
        "0010000010000100",
        "0001000010000100",
        "0001000010000100",
        "0000100010000100",
        "0000011010001000",
        "0000000101110000",
        "0000000000000000",
        "0000000000000000",
    ];

    [Fact]
    public void TwoHoleImageMatchesSkimageAndFiji()
    {
        var mask = TestMasks.Parse(TwoHoleImage, out var w, out var h);
        var expected = TestMasks.Parse(TwoHoleSkeleton, out _, out _);
        LeeThinning.Thin(mask, w, h);
        Assert.Equal(TestMasks.Render(expected, w, h), TestMasks.Render(mask, w, h));
    }

    [Fact]
    public void AllForegroundThreeByFourKeepsTheMiddleRow()
    {
        // skimage test_skeletonize_all_foreground: the image border counts as background.
        var mask = Enumerable.Repeat((byte)1, 12).ToArray();
        LeeThinning.Thin(mask, 4, 3);
        Assert.Equal(new byte[] { 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0 }, mask);
    }

    [Fact]
    public void TrivialImagesAreUnchanged()
    {
        var empty = new byte[25];
        LeeThinning.Thin(empty, 5, 5);
        Assert.All(empty, v => Assert.Equal(0, v));

        var point = new byte[25];
        point[(3 * 5) + 3] = 1;
        LeeThinning.Thin(point, 5, 5);
        Assert.Equal(1, TestMasks.Count(point));
        Assert.Equal(1, point[(3 * 5) + 3]);

        var column = new byte[] { 1, 1, 1, 1, 1 };
        LeeThinning.Thin(column, 1, 5);
        Assert.Equal(new byte[] { 1, 1, 1, 1, 1 }, column);

        // skimage test_already_thinned.
        var thin = TestMasks.Parse(["00000", "00000", "00001", "01110", "10000"], out var w, out var h);
        var copy = thin.ToArray();
        LeeThinning.Thin(thin, w, h);
        Assert.Equal(copy, thin);

        LeeThinning.Thin([], 0, 0);
    }

    [Fact]
    public void OnePixelLinesStayUnchangedAndNonzeroBecomesOne()
    {
        const int W = 40;
        const int H = 30;
        var mask = new byte[W * H];
        for (var x = 2; x < 30; x++)
        {
            mask[(3 * W) + x] = 200; // horizontal
        }

        for (var y = 6; y < 28; y++)
        {
            mask[(y * W) + 35] = 7; // vertical
        }

        for (var i = 0; i < 15; i++)
        {
            mask[((10 + i) * W) + 3 + i] = 1; // diagonal
        }

        // A digital arc: steps right and down-right, 8-connected and without redundant pixels.
        int[] arc = [20, 21, 22, 23, 23, 24, 24, 25, 25, 25, 26, 26, 26];
        for (var i = 0; i < arc.Length; i++)
        {
            mask[((8 + i) * W) + arc[i]] = 1;
        }

        var expected = mask.Select(v => v != 0 ? (byte)1 : (byte)0).ToArray();
        LeeThinning.Thin(mask, W, H);
        Assert.Equal(TestMasks.Render(expected, W, H), TestMasks.Render(mask, W, H));
        Assert.All(mask, v => Assert.True(v is 0 or 1));
    }

    [Theory]
    [InlineData(5, 40)]
    [InlineData(6, 41)]
    [InlineData(9, 60)]
    public void HorizontalBarThinsToItsCentreRow(int barHeight, int barLength)
    {
        var w = barLength + 10;
        var h = barHeight + 12;
        var mask = new byte[w * h];
        for (var y = 6; y < 6 + barHeight; y++)
        {
            for (var x = 5; x < 5 + barLength; x++)
            {
                mask[(y * w) + x] = 1;
            }
        }

        LeeThinning.Thin(mask, w, h);
        var rows = Enumerable.Range(0, h).Where(y => Enumerable.Range(0, w).Any(x => mask[(y * w) + x] != 0)).ToArray();
        var row = Assert.Single(rows);

        // The centre row; for an even height one of the two middle rows.
        var centre = 6 + ((barHeight - 1) / 2.0);
        Assert.InRange(row, Math.Floor(centre), Math.Ceiling(centre));

        // Each round deletes the top and then the bottom row; only while more than one row is left after that do the
        // right and left passes shorten the bar, by one pixel at each end (end points are never deleted). So the line
        // keeps L − 2·⌊(W − 2)/2⌋ pixels, centred on the bar (skimage: a 3×4 block keeps its whole middle row).
        var xs = Enumerable.Range(0, w).Where(x => mask[(row * w) + x] != 0).ToArray();
        var shortening = (barHeight - 2) / 2;
        Assert.Equal(xs.Length, xs[^1] - xs[0] + 1);
        Assert.Equal(barLength - (2 * shortening), xs.Length);
        Assert.Equal(5 + shortening, xs[0]);
    }

    [Fact]
    public void SolidDiscsThinToATinyConnectedSetAtTheirCentre()
    {
        // A disc has no holes, so it thins to a simply connected speck: 1 to 3 pixels depending on how the digital
        // disc sits on the grid (deletion stops at end points, so a 2- or 3-pixel segment remains).
        const int N = 45;
        foreach (var radius in new[] { 3.0, 4.5, 8.0, 15.0, 20.0 })
        {
            foreach (var centre in new[] { 20.0, 20.3, 20.5 })
            {
                var disc = TestMasks.Annulus(N, N, centre, centre, 0, radius);
                LeeThinning.Thin(disc, N, N);
                var pixels = Enumerable.Range(0, N * N).Where(p => disc[p] != 0).ToArray();
                Assert.InRange(pixels.Length, 1, 3);
                Assert.Equal(1, TestMasks.Components(disc, N, N));
                Assert.All(pixels, p => Assert.True(Math.Abs((p % N) + 0.5 - centre) <= 1.5 && Math.Abs((p / N) + 0.5 - centre) <= 1.5));
            }
        }

        // A 2×2 block: the top row goes in the first (upward) pass, the bottom pixels are then end points.
        var block = TestMasks.Parse(["0000", "0110", "0110", "0000"], out var w, out var h);
        LeeThinning.Thin(block, w, h);
        Assert.Equal(TestMasks.Parse(["0000", "0000", "0110", "0000"], out _, out _), block);
    }

    [Fact]
    public void RingThinsToAClosedOnePixelLoop()
    {
        const int N = 60;
        var ring = TestMasks.Annulus(N, N, 30, 30, 15, 21);
        var original = ring.ToArray();
        LeeThinning.Thin(ring, N, N);

        Assert.Equal(1, TestMasks.Components(ring, N, N));
        Assert.Equal(2, TestMasks.BackgroundComponents(ring, N, N)); // outside + the hole
        Assert.False(TestMasks.HasSolidBlock(ring, N, N));
        for (var p = 0; p < N * N; p++)
        {
            if (ring[p] == 0)
            {
                continue;
            }

            Assert.Equal(1, original[p]);
            var x = p % N;
            var y = p / N;
            Assert.InRange(TestMasks.Neighbours(ring, N, N, x, y), 2, 3); // no end points on a loop
            var r = Math.Sqrt(Math.Pow(x + 0.5 - 30, 2) + Math.Pow(y + 0.5 - 30, 2));
            Assert.InRange(r, 16.0, 20.0); // near the middle radius 18
        }
    }

    [Fact]
    public void ThickCrossKeepsFourConnectedArms()
    {
        const int N = 81;
        var cross = TestMasks.ThickPolyline(N, N, [(10.5, 40.5), (70.5, 40.5)], 3.5);
        var vertical = TestMasks.ThickPolyline(N, N, [(40.5, 10.5), (40.5, 70.5)], 3.5);
        for (var p = 0; p < cross.Length; p++)
        {
            cross[p] |= vertical[p];
        }

        LeeThinning.Thin(cross, N, N);
        Assert.Equal(1, TestMasks.Components(cross, N, N));
        Assert.False(TestMasks.HasSolidBlock(cross, N, N));

        // Every arm survives to within the arm's half-width (+1) of its tip.
        var pixels = Enumerable.Range(0, N * N).Where(p => cross[p] != 0).Select(p => (X: p % N, Y: p / N)).ToArray();
        Assert.InRange(pixels.Min(p => p.X), 10, 15);
        Assert.InRange(pixels.Max(p => p.X), 66, 70);
        Assert.InRange(pixels.Min(p => p.Y), 10, 15);
        Assert.InRange(pixels.Max(p => p.Y), 66, 70);
        Assert.Equal(1, cross[(40 * N) + 40]);

        // Four end points, one per arm.
        Assert.Equal(4, pixels.Count(p => TestMasks.Neighbours(cross, N, N, p.X, p.Y) == 1));
    }

    [Fact]
    public void ShapesTouchingTheImageBorderAreThinnedAsIfOutsideWereBackground()
    {
        const int W = 30;
        const int H = 5;
        var mask = Enumerable.Repeat((byte)1, W * H).ToArray();
        LeeThinning.Thin(mask, W, H);
        var row = Assert.Single(Enumerable.Range(0, H), y => Enumerable.Range(0, W).Any(x => mask[(y * W) + x] != 0));
        Assert.Equal(2, row);
        Assert.Equal(W - 2, TestMasks.Count(mask)); // as for a 5-high bar inside the image: one pixel off each end
        Assert.Equal(0, mask[(2 * W) + 0]);
        Assert.Equal(1, mask[(2 * W) + 1]);
    }

    [Fact]
    public void RandomShapesKeepTheirTopologyAndBecomeThin()
    {
        var random = new System.Random(12345);
        for (var trial = 0; trial < 40; trial++)
        {
            const int W = 64;
            const int H = 48;
            var mask = new byte[W * H];
            for (var s = 0; s < 4; s++)
            {
                var stroke = TestMasks.ThickSegment(
                    W, H, random.Next(W), random.Next(H), random.Next(W), random.Next(H), 1.0 + (random.NextDouble() * 4));
                for (var p = 0; p < mask.Length; p++)
                {
                    mask[p] |= stroke[p];
                }
            }

            // A few random holes punched in.
            for (var k = 0; k < 6; k++)
            {
                mask[random.Next(mask.Length)] = 0;
            }

            var original = mask.ToArray();
            var labels = new int[mask.Length];
            var components = ConnectedComponents.Label(original, W, H, labels);
            var background = TestMasks.BackgroundComponents(original, W, H);

            LeeThinning.Thin(mask, W, H);
            Assert.Equal(components, TestMasks.Components(mask, W, H));
            Assert.Equal(background, TestMasks.BackgroundComponents(mask, W, H));
            Assert.False(TestMasks.HasSolidBlock(mask, W, H), TestMasks.Render(mask, W, H));

            // Each input component holds exactly one (8-connected) skeleton component.
            var skeletonLabels = new int[mask.Length];
            ConnectedComponents.Label(mask, W, H, skeletonLabels);
            var owner = new Dictionary<int, int>();
            for (var p = 0; p < mask.Length; p++)
            {
                if (mask[p] == 0)
                {
                    continue;
                }

                Assert.Equal(1, original[p]);
                if (owner.TryGetValue(labels[p], out var skeletonLabel))
                {
                    Assert.Equal(skeletonLabel, skeletonLabels[p]);
                }
                else
                {
                    owner[labels[p]] = skeletonLabels[p];
                }
            }

            Assert.Equal(components, owner.Count);

            // A skeleton is a fixed point of the thinning.
            var again = mask.ToArray();
            LeeThinning.Thin(again, W, H);
            Assert.Equal(mask, again);
        }
    }

    [Fact]
    public void WorkListThinningEqualsThePlainRasterScanAlgorithm()
    {
        // skimage's loop written out plainly: every pass scans the whole padded image in raster order for candidates
        // of the current direction, then re-checks them one after the other.
        static void Reference(byte[] mask, int width, int height)
        {
            var stride = width + 2;
            var image = new byte[stride * (height + 2)];
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    image[((y + 1) * stride) + x + 1] = mask[(y * width) + x] != 0 ? (byte)1 : (byte)0;
                }
            }

            int[] directions = [-stride, stride, 1, -1];
            var unchanged = 0;
            while (unchanged < 4)
            {
                unchanged = 0;
                foreach (var direction in directions)
                {
                    var candidates = new List<int>();
                    for (var p = stride; p < image.Length - stride; p++)
                    {
                        if (image[p] == 1 && image[p + direction] == 0 && LeeDeletionTables.IsCandidate(LeeThinning.Code(image, p, stride)))
                        {
                            candidates.Add(p);
                        }
                    }

                    var changed = false;
                    foreach (var p in candidates)
                    {
                        if (LeeDeletionTables.IsSimple(LeeThinning.Code(image, p, stride)))
                        {
                            image[p] = 0;
                            changed = true;
                        }
                    }

                    unchanged += changed ? 0 : 1;
                }
            }

            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    mask[(y * width) + x] = image[((y + 1) * stride) + x + 1];
                }
            }
        }

        var random = new System.Random(2024);
        for (var trial = 0; trial < 60; trial++)
        {
            var w = 8 + random.Next(60);
            var h = 8 + random.Next(50);
            var mask = new byte[w * h];
            for (var s = 0; s < 1 + random.Next(5); s++)
            {
                var stroke = TestMasks.ThickSegment(w, h, random.Next(w), random.Next(h), random.Next(w), random.Next(h), 0.5 + (random.NextDouble() * 6));
                for (var p = 0; p < mask.Length; p++)
                {
                    mask[p] |= stroke[p];
                }
            }

            // Speckle noise makes irregular borders, holes and isolated pixels.
            for (var k = 0; k < w * h / 20; k++)
            {
                mask[random.Next(mask.Length)] ^= 1;
            }

            var expected = mask.ToArray();
            Reference(expected, w, h);
            LeeThinning.Thin(mask, w, h);
            Assert.Equal(TestMasks.Render(expected, w, h), TestMasks.Render(mask, w, h));
        }
    }

    [Fact]
    public void DeletionTablesFollowTheLeeConditions()
    {
        // Bit order: row −1 (cols −1, 0, +1), row 0 (−1, +1), row +1 (−1, 0, +1).
        const int Left = 1 << 3;
        const int Right = 1 << 4;
        const int Up = 1 << 1;
        const int UpLeft = 1 << 0;
        Assert.False(LeeDeletionTables.IsCandidate(0)); // isolated pixel: deleting it changes the Euler number
        Assert.False(LeeDeletionTables.IsCandidate(Right)); // end point
        Assert.False(LeeDeletionTables.IsSimple(Left | Right)); // middle of a line: deleting splits it
        Assert.False(LeeDeletionTables.IsCandidate(Left | Right));
        Assert.True(LeeDeletionTables.IsCandidate(Left | Up | UpLeft)); // corner of a blob
        Assert.True(LeeDeletionTables.IsCandidate(Left | Up)); // inner corner of an L, the two arms stay 8-connected
        Assert.False(LeeDeletionTables.IsCandidate(255)); // interior: deleting would punch a hole
    }

    [Fact]
    public void RejectsMismatchedSizes()
    {
        Assert.Throws<ArgumentException>(() => LeeThinning.Thin(new byte[10], 3, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => LeeThinning.Thin(new byte[10], -1, 3));
    }
}
