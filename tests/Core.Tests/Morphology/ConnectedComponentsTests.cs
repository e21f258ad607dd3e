using Dislocate.Core.Morphology;

namespace Dislocate.Core.Tests.Morphology;

public class ConnectedComponentsTests
{
    [Fact]
    public void LabelsEightConnectedComponentsInRasterOrder()
    {
        var mask = TestMasks.Parse(
            [
                "0011000100",
                "0100001000",
                "0000000001",
                "1100011001",
                "1000000110",
            ],
            out var w,
            out var h);
        var labels = new int[w * h];
        var count = ConnectedComponents.Label(mask, w, h, labels);
        int[] expected =
        [
            0, 0, 1, 1, 0, 0, 0, 2, 0, 0,
            0, 1, 0, 0, 0, 0, 2, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 3,
            4, 4, 0, 0, 0, 5, 5, 0, 0, 3,
            4, 0, 0, 0, 0, 0, 0, 5, 5, 0,
        ];

        // Component 3 (right edge) and 5 touch diagonally at (8,4)–(9,3): they are one component.
        for (var p = 0; p < expected.Length; p++)
        {
            if (expected[p] == 5)
            {
                expected[p] = 3;
            }
        }

        Assert.Equal(4, count);
        Assert.Equal(expected, labels);
    }

    [Fact]
    public void AgreesWithUnionFindOnRandomMasks()
    {
        var random = new System.Random(7);
        for (var trial = 0; trial < 50; trial++)
        {
            var w = 1 + random.Next(40);
            var h = 1 + random.Next(30);
            var density = random.NextDouble();
            var mask = new byte[w * h];
            for (var p = 0; p < mask.Length; p++)
            {
                mask[p] = random.NextDouble() < density ? (byte)random.Next(1, 256) : (byte)0;
            }

            var labels = Enumerable.Repeat(-5, (w * h) + 3).ToArray();
            var count = ConnectedComponents.Label(mask, w, h, labels);

            // Reference: union-find over 8-neighbour pairs, then numbering by first pixel in raster order.
            var parent = Enumerable.Range(0, w * h).ToArray();
            int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
            for (var y = 0; y < h; y++)
            {
                for (var x = 0; x < w; x++)
                {
                    if (mask[(y * w) + x] == 0)
                    {
                        continue;
                    }

                    foreach (var (dx, dy) in new[] { (1, 0), (-1, 1), (0, 1), (1, 1) })
                    {
                        int nx = x + dx, ny = y + dy;
                        if (nx >= 0 && nx < w && ny < h && mask[(ny * w) + nx] != 0)
                        {
                            parent[Find((y * w) + x)] = Find((ny * w) + nx);
                        }
                    }
                }
            }

            var number = new Dictionary<int, int>();
            for (var p = 0; p < w * h; p++)
            {
                var expected = 0;
                if (mask[p] != 0)
                {
                    var root = Find(p);
                    if (!number.TryGetValue(root, out expected))
                    {
                        expected = number[root] = number.Count + 1;
                    }
                }

                Assert.Equal(expected, labels[p]);
            }

            Assert.Equal(number.Count, count);
            Assert.Equal(-5, labels[w * h]); // nothing written past width × height
        }
    }

    [Fact]
    public void ListedLabellingAgreesWithFullLabelling()
    {
        var random = new System.Random(21);
        for (var trial = 0; trial < 50; trial++)
        {
            var w = 1 + random.Next(40);
            var h = 1 + random.Next(30);
            var density = random.NextDouble();
            var mask = new byte[w * h];
            for (var p = 0; p < mask.Length; p++)
            {
                mask[p] = random.NextDouble() < density ? (byte)1 : (byte)0;
            }

            var expected = new int[w * h];
            var count = ConnectedComponents.Label(mask, w, h, expected);

            // The same image padded by a background ring, listing every pixel of some rows (background included).
            var stride = w + 2;
            var padded = new byte[stride * (h + 2)];
            var listed = new List<int>();
            for (var y = 0; y < h; y++)
            {
                for (var x = 0; x < w; x++)
                {
                    var p = ((y + 1) * stride) + x + 1;
                    padded[p] = mask[(y * w) + x];
                    if (padded[p] != 0 || y % 3 == 0)
                    {
                        listed.Add(p);
                    }
                }
            }

            var labels = Enumerable.Repeat(-7, padded.Length).ToArray();
            var sizes = new int[listed.Count + 1];
            Assert.Equal(count, ConnectedComponents.LabelListed(padded, stride, listed.ToArray(), labels, sizes));
            for (var y = 0; y < h; y++)
            {
                for (var x = 0; x < w; x++)
                {
                    var p = ((y + 1) * stride) + x + 1;
                    Assert.Equal(mask[(y * w) + x] != 0 ? expected[(y * w) + x] : -7, labels[p] == 0 ? -7 : labels[p]);
                }
            }

            for (var label = 1; label <= count; label++)
            {
                Assert.Equal(expected.Count(l => l == label), sizes[label]);
            }
        }
    }

    [Fact]
    public void RejectsBadSizes()
    {
        Assert.Throws<ArgumentException>(() => ConnectedComponents.Label(new byte[12], 5, 3, new int[15]));
        Assert.Throws<ArgumentException>(() => ConnectedComponents.Label(new byte[15], 5, 3, new int[14]));
        Assert.Equal(0, ConnectedComponents.Label([], 0, 7, []));
    }
}
