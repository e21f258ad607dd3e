using Dislocate.Core.Imaging;
using Dislocate.Segment.Inference;
using Dislocate.Segment.Model;
using Dislocate.Segment.Tests.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Dislocate.Segment.Tests.Inference;

public class TiledPredictorTests
{
    private const int Outputs = 3;

    [Theory]
    [InlineData(64, 64, 64, 16, 2)] // one tile, no padding
    [InlineData(200, 130, 64, 16, 2)] // 4 × 3 tiles, odd last batch
    [InlineData(96, 96, 64, 32, 3)] // 2 × 2 tiles overlapping by exactly half
    [InlineData(20, 13, 512, 64, 2)] // smaller than a tile: reflected to 32 × 32, cropped back
    [InlineData(300, 40, 64, 8, 4)] // long strip: tiles along x, one padded row of tiles
    public void PointwiseNetworkGivesTheExactPointwiseResult(int width, int height, int tile, int overlap, int batch)
    {
        // For a network that maps each pixel on its own, tiling, padding, batching and blending must not matter:
        // output k at a pixel is sigmoid((k + 1) · normalised pixel) exactly, up to float rounding.
        var image = new GrayImage(width, height, TinyModels.Pattern(width, height));
        using var predictor = new TiledPredictor(Pointwise, Outputs, InputNormalisation.Default, CPU, new TilingOptions(tile, overlap, batch));
        var maps = predictor.Predict(image);
        var normalised = new float[image.Pixels.Length];
        InputNormalisation.Default.Apply(image.Pixels, normalised);
        Assert.Equal(Outputs, maps.Length);
        for (var k = 0; k < Outputs; k++)
        {
            Assert.Equal(width * height, maps[k].Length);
            for (var i = 0; i < normalised.Length; i++)
            {
                Assert.Equal(1 / (1 + Math.Exp(-(k + 1) * normalised[i])), maps[k][i], 1e-6);
            }
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void ViewsOfAPointwiseNetworkChangeNothing(int views)
    {
        // Mirroring or transposing the image and turning the maps back is the identity for a pixel-by-pixel network.
        var image = new GrayImage(200, 130, TinyModels.Pattern(200, 130));
        using var one = new TiledPredictor(Pointwise, Outputs, InputNormalisation.Default, CPU, new TilingOptions(64, 16, 2));
        using var many = new TiledPredictor(Pointwise, Outputs, InputNormalisation.Default, CPU, new TilingOptions(64, 16, 2, Views: views));
        var expected = one.Predict(image);
        var actual = many.Predict(image);
        for (var k = 0; k < Outputs; k++)
        {
            for (var i = 0; i < expected[k].Length; i++)
            {
                Assert.Equal(expected[k][i], actual[k][i], 1e-6);
            }
        }
    }

    [Fact]
    public void ViewsAverageTheMapsOfTheMirroredImages()
    {
        // TileRamp's logits r(x, y) = 4 (x / 64 + y / 64) − 4 ignore the input. Four views give at (x, y) the mean of
        // σ(r) at (x, y), (63 − x, y), (x, 63 − y) and (63 − x, 63 − y); r is symmetric in x and y, so the four
        // transposed views of eight add the same values again.
        var image = new GrayImage(64, 64, new float[64 * 64]);
        static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
        static double Ramp(int x, int y) => (4 * ((x / 64.0) + (y / 64.0))) - 4;
        foreach (var views in new[] { 4, 8 })
        {
            using var predictor = new TiledPredictor(TileRamp, Outputs, InputNormalisation.Fixed(0, 1), CPU, new TilingOptions(64, 16, 2, Views: views));
            var map = predictor.Predict(image)[0];
            foreach (var (x, y) in new[] { (0, 0), (5, 40), (63, 0), (31, 32) })
            {
                var expected = (Sigmoid(Ramp(x, y)) + Sigmoid(Ramp(63 - x, y)) + Sigmoid(Ramp(x, 63 - y)) + Sigmoid(Ramp(63 - x, 63 - y))) / 4;
                Assert.Equal(expected, map[(y * 64) + x], 1e-5);
            }
        }
    }

    [Fact]
    public void ACallCanAskForOneViewWhateverTheOptions()
    {
        // The scale choice scores one view (its margins were measured so), even when segmenting averages four.
        var image = new GrayImage(64, 64, new float[64 * 64]);
        using var single = new TiledPredictor(TileRamp, Outputs, InputNormalisation.Fixed(0, 1), CPU, new TilingOptions(64, 16, 2, Views: 1));
        using var four = new TiledPredictor(TileRamp, Outputs, InputNormalisation.Fixed(0, 1), CPU, new TilingOptions(64, 16, 2, Views: 4));
        Assert.Equal(single.Predict(image)[0], four.Predict(image, 1, null, CancellationToken.None)[0]);
        Assert.NotEqual(single.Predict(image)[0], four.Predict(image)[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => four.Predict(image, 3, null, CancellationToken.None));
    }

    [Fact]
    public void NormalisationUsesTheWholeImageNotEachTile()
    {
        // Left half dark, right half bright: per-tile statistics would make both halves look alike.
        const int width = 256;
        const int height = 64;
        var pixels = new float[width * height];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (i % width) < width / 2 ? 0.2f : 0.8f;
        }

        using var predictor = new TiledPredictor(Pointwise, Outputs, InputNormalisation.Default, CPU, new TilingOptions(64, 16, 2));
        var maps = predictor.Predict(new GrayImage(width, height, pixels));

        // Whole-image mean 0.5, std 0.3: the halves normalise to ∓1.
        Assert.Equal(1 / (1 + Math.E), maps[0][0], 1e-6);
        Assert.Equal(1 / (1 + (1 / Math.E)), maps[0][width - 1], 1e-6);
    }

    [Fact]
    public void OneTileEqualsADirectForwardPass()
    {
        var model = TinyModels.Shared;
        foreach (var (width, height) in new[] { (64, 64), (160, 96) })
        {
            var image = new GrayImage(width, height, TinyModels.Pattern(width, height, seed: 5));
            using var predictor = new TiledPredictor(model, TinyModels.Metadata(model.Spec), CPU, new TilingOptions(512, 64, 2, Views: 1));
            var maps = predictor.Predict(image);
            var normalised = new float[image.Pixels.Length];
            InputNormalisation.Default.Apply(image.Pixels, normalised);
            var expected = TinyModels.Logits(model, normalised, width, height, sigmoid: true);
            Assert.Equal(expected, maps.SelectMany(m => m));
        }
    }

    [Theory]
    [InlineData(64, 64)]
    [InlineData(96, 96)]
    [InlineData(200, 130)]
    public void RealModelGivesProbabilityMapsAtImageSize(int width, int height)
    {
        var model = TinyModels.Shared;
        using var predictor = new TiledPredictor(model, TinyModels.Metadata(model.Spec), CPU, new TilingOptions(64, 16, 2));
        var maps = predictor.Predict(new GrayImage(width, height, TinyModels.Pattern(width, height)));
        Assert.Equal(Outputs, maps.Length);
        Assert.All(maps, map =>
        {
            Assert.Equal(width * height, map.Length);
            Assert.All(map, p => Assert.InRange(p, 0f, 1f));
        });
        Assert.True(maps[0].Distinct().Count() > 100, "a random network on a textured image gives varied probabilities");
    }

    [Fact]
    public void BatchSizeDoesNotChangeTheResult()
    {
        var model = TinyModels.Shared;
        var image = new GrayImage(130, 100, TinyModels.Pattern(130, 100)); // 3 × 2 tiles: batches of 4 end with a partial one
        using var one = new TiledPredictor(model, TinyModels.Metadata(model.Spec), CPU, new TilingOptions(64, 16, 1));
        using var four = new TiledPredictor(model, TinyModels.Metadata(model.Spec), CPU, new TilingOptions(64, 16, 4));
        var a = one.Predict(image);
        var b = four.Predict(image);
        for (var k = 0; k < Outputs; k++)
        {
            for (var i = 0; i < a[k].Length; i++)
            {
                Assert.Equal(a[k][i], b[k][i], 1e-5);
            }
        }
    }

    [Fact]
    public void BlendingHidesTileBorders()
    {
        // A network whose logits ramp from −2 to 2 across each tile, whatever the input: neighbouring tiles disagree by
        // up to ~1.7 logits, like a real network near its padded borders but stronger. Blended, the output must change
        // gradually (no step above Tolerance between neighbouring pixels); cut hard (overlap 0: tiles simply averaged
        // where they meet) it jumps at every tile border, so the test can see a seam.
        const float Tolerance = 0.05f;
        var image = new GrayImage(200, 130, new float[200 * 130]);
        using var blended = new TiledPredictor(TileRamp, Outputs, InputNormalisation.Fixed(0, 1), CPU, new TilingOptions(64, 32, 4));
        using var hard = new TiledPredictor(TileRamp, Outputs, InputNormalisation.Fixed(0, 1), CPU, new TilingOptions(64, 0, 4));
        var smooth = LargestStep(blended.Predict(image), 200, 130);
        var cut = LargestStep(hard.Predict(image), 200, 130);
        Assert.True(smooth < Tolerance, $"blended output steps by {smooth}");
        Assert.True(cut > 3 * Tolerance, $"hard tile cuts step by only {cut}");
    }

    [Fact]
    public void ResizeResamplesToOneTileAndBack()
    {
        // Same size: resampling is the identity, so the pointwise result is exact.
        var image = new GrayImage(64, 64, TinyModels.Pattern(64, 64));
        using (var same = new TiledPredictor(Pointwise, Outputs, InputNormalisation.Default, CPU, new TilingOptions(64, 16, 2, Resize: true)))
        {
            var maps = same.Predict(image);
            var normalised = new float[image.Pixels.Length];
            InputNormalisation.Default.Apply(image.Pixels, normalised);
            Assert.All(Enumerable.Range(0, normalised.Length), i => Assert.Equal(1 / (1 + Math.Exp(-normalised[i])), maps[0][i], 1e-6));
        }

        // Other sizes: a constant image stays constant through both resamplings.
        using var predictor = new TiledPredictor(Pointwise, Outputs, InputNormalisation.Fixed(0, 1), CPU, new TilingOptions(64, 16, 2, Resize: true));
        foreach (var (width, height) in new[] { (100, 70), (40, 20) })
        {
            var flat = predictor.Predict(new GrayImage(width, height, [.. Enumerable.Repeat(0.7f, width * height)]));
            for (var k = 0; k < Outputs; k++)
            {
                Assert.Equal(width * height, flat[k].Length);
                Assert.All(flat[k], p => Assert.Equal(1 / (1 + Math.Exp(-0.7 * (k + 1))), p, 1e-5));
            }
        }
    }

    [Fact]
    public void CancellationStopsBeforeTheNextBatch()
    {
        using var cancel = new CancellationTokenSource();
        var calls = 0;
        Tensor CancelOnFirstCall(Tensor input)
        {
            calls++;
            cancel.Cancel();
            return Pointwise(input);
        }

        // 200 × 130 in 64-pixel tiles: 12 tiles, 6 batches of 2.
        using var predictor = new TiledPredictor(CancelOnFirstCall, Outputs, InputNormalisation.Default, CPU, new TilingOptions(64, 16, 2));
        var image = new GrayImage(200, 130, TinyModels.Pattern(200, 130));
        Assert.ThrowsAny<OperationCanceledException>(() => predictor.Predict(image, cancel.Token));
        Assert.Equal(1, calls);
        Assert.ThrowsAny<OperationCanceledException>(() => predictor.Predict(image, cancel.Token));
        Assert.Equal(1, calls);
    }

    [Fact]
    public void ModelIsInEvalModeWhilePredictingAndRestoredAfter()
    {
        using var model = TinyModels.Create();
        model.train();
        using (var predictor = new TiledPredictor(model, TinyModels.Metadata(model.Spec), CPU, new TilingOptions(64, 16, 2)))
        {
            Assert.False(model.training);
        }

        Assert.True(model.training);
    }

    [Fact]
    public void BadOptionsAndMismatchedMetadataAreRefused()
    {
        var model = TinyModels.Shared;
        var metadata = TinyModels.Metadata(model.Spec);
        Assert.Throws<ArgumentException>(() => new TiledPredictor(model, metadata, CPU, new TilingOptions(100)));
        Assert.Throws<ArgumentException>(() => new TiledPredictor(model, metadata, CPU, new TilingOptions(64, 33)));
        Assert.Throws<ArgumentException>(() => new TiledPredictor(model, metadata, CPU, new TilingOptions(64, 16, 0)));
        Assert.Throws<ArgumentException>(() => new TiledPredictor(model, metadata with { Spec = model.Spec with { Outputs = 4 } }, CPU, new TilingOptions()));
        Assert.Equal("overlap", new TilingOptions(64, -1).FindProblem()?.Field);
        Assert.Equal("views", new TilingOptions(Views: 3).FindProblem()?.Field);
        Assert.Null(new TilingOptions().FindProblem());
    }

    /// <summary>Logits [B, 3, h, w] = (k + 1) · input: each pixel on its own.</summary>
    private static Tensor Pointwise(Tensor input) => cat([input, input * 2, input * 3], 1);

    /// <summary>Logits 4 · (u / w + v / h) − 4 at tile position (u, v), for every output, ignoring the input.</summary>
    private static Tensor TileRamp(Tensor input)
    {
        var (h, w) = (input.shape[2], input.shape[3]);
        var u = arange(w, dtype: ScalarType.Float32).div(w).view(1, 1, 1, w);
        var v = arange(h, dtype: ScalarType.Float32).div(h).view(1, 1, h, 1);
        var ramp = ((u + v) * 4) - 4 + (input * 0);
        return cat([ramp, ramp, ramp], 1);
    }

    /// <summary>The largest difference between horizontally or vertically neighbouring pixels at least <paramref name="margin"/> from the image border, over all maps.</summary>
    internal static float LargestStep(float[][] maps, int width, int height, int margin = 16)
    {
        var largest = 0f;
        foreach (var map in maps)
        {
            for (var y = margin; y < height - margin; y++)
            {
                for (var x = margin; x < width - margin; x++)
                {
                    var p = map[(y * width) + x];
                    if (x + 1 < width - margin)
                    {
                        largest = Math.Max(largest, Math.Abs(map[(y * width) + x + 1] - p));
                    }

                    if (y + 1 < height - margin)
                    {
                        largest = Math.Max(largest, Math.Abs(map[((y + 1) * width) + x] - p));
                    }
                }
            }
        }

        return largest;
    }
}
