using Dislocate.Core.Imaging;
using Dislocate.Segment.Inference;
using Dislocate.Segment.Model;
using Dislocate.Segment.Tests.Model;
using static TorchSharp.torch;

namespace Dislocate.Segment.Tests.Inference;

[Collection(TorchGlobalState.Name)]
public class SeamTests
{
    [Fact]
    public void ConstantImageHasNoSeamsWithARealNetwork()
    {
        // On a constant image a network's output varies only through its zero padding, at the image borders and, when
        // tiled, at every tile border. One tile over the whole image has no tile borders: its largest step between
        // neighbouring interior pixels is the network's own. Blended tiles may not step more than 1.5 times that;
        // tiles cut hard (overlap 0) do, so the test can see a seam. (Seeds 0–5 gave
        // blended/one-tile ratios 0.77–1.18 and hard-cut ratios 1.4–3.3; seed 0: 1.18 and 3.3.)
        manual_seed(0);
        using var model = TinyModels.Create();
        var metadata = TinyModels.Metadata(model.Spec) with { Normalisation = InputNormalisation.Fixed(0, 1) };
        var image = new GrayImage(160, 96, [.. Enumerable.Repeat(0.3f, 160 * 96)]);
        float Step(TilingOptions options)
        {
            using var predictor = new TiledPredictor(model, metadata, CPU, options);
            return TiledPredictorTests.LargestStep(predictor.Predict(image), 160, 96);
        }

        var whole = Step(new TilingOptions(256, 0, 1));
        var blended = Step(new TilingOptions(64, 32, 4));
        var cut = Step(new TilingOptions(64, 0, 4));
        Assert.True(blended < 1.5 * whole, $"blended tiles step by {blended}, one tile by {whole}");
        Assert.True(cut > 2 * whole, $"hard cuts step by only {cut} (one tile: {whole})");
    }
}
