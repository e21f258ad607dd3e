using Dislocate.Core.Imaging;
using Dislocate.Core.IO;
using Dislocate.Segment.Evaluation;
using Dislocate.Segment.Inference;
using Dislocate.Segment.Model;
using Dislocate.Segment.PostProcessing;
using Dislocate.Synthetic.Settings;
using Dislocate.Synthetic.Streaming;
using Dislocate.Tests.Support;
using TorchSharp;

namespace Dislocate.Segment.Tests.Inference;

public sealed class ShippedModelTests
{
    /// <summary>
    /// The floor for the shipped model on these four images: dislocate-lines-r18 1.0.0 measured 0.526 (precision 0.752,
    /// recall 0.405) when it was shipped; an untrained or broken model file scores near 0 (or near 0.1 by chance).
    /// </summary>
    private const double F1Floor = 0.4;

    [Fact]
    public void The_shipped_model_is_installed_and_describes_itself()
    {
        Assert.True(File.Exists(DefaultModel.ShippedPath), $"the default model is missing: {DefaultModel.ShippedPath}");
        var metadata = ModelFile.ReadMetadata(DefaultModel.ShippedPath);
        Assert.Equal(OutputKind.LineMap, metadata.Spec.Output);
        Assert.Equal(ModelMetadata.HalfWeightsFormatVersion, metadata.FormatVersion);
        foreach (var key in new[] { "name", "version", "recipe", "seed", "synthetic_line_f1", "real_line_f1" })
        {
            Assert.True(metadata.Training.ContainsKey(key), $"the training record lacks '{key}'");
        }

        Assert.True(new FileInfo(DefaultModel.ShippedPath).Length < 30_000_000, "the shipped model must stay under 30 MB");
    }

    [Fact]
    public void The_shipped_int8_export_is_installed_for_the_same_model_and_describes_itself()
    {
        Assert.True(File.Exists(DefaultModel.ShippedInt8Path), $"the int8 export is missing: {DefaultModel.ShippedInt8Path}");
        var float32 = ModelFile.ReadMetadata(DefaultModel.ShippedPath);
        var int8 = Dislocate.Segment.Onnx.OnnxModels.ReadMetadata(DefaultModel.ShippedInt8Path);
        Assert.Equal(float32.Spec, int8.Spec);
        Assert.Equal(float32.Training["version"], int8.Training["version"]);
        foreach (var key in new[] { Dislocate.Segment.Onnx.OnnxModels.QuantizationKey, "calibration", "int8_recipe", "synthetic_line_f1", "real_line_f1" })
        {
            Assert.True(int8.Training.ContainsKey(key), $"the int8 export's record lacks '{key}'");
        }

        Assert.True(new FileInfo(DefaultModel.ShippedInt8Path).Length < 30_000_000, "the int8 export must stay under 30 MB");
    }

    [Fact]
    public void Precision_auto_takes_the_int8_export_only_for_the_default_model_on_the_cpu_engine()
    {
        Assert.Equal(DefaultModel.ShippedInt8Path, DefaultModel.Resolve(null, "auto", onnxOnCpu: true));
        Assert.Equal(DefaultModel.ShippedPath, DefaultModel.Resolve(null, "auto", onnxOnCpu: false));
        Assert.Equal(DefaultModel.ShippedPath, DefaultModel.Resolve(string.Empty, "fp32", onnxOnCpu: true));
        Assert.Equal(DefaultModel.ShippedInt8Path, DefaultModel.Resolve(null, "int8", onnxOnCpu: false));
        Assert.Equal("mine.dislocate", DefaultModel.Resolve("mine.dislocate", "auto", onnxOnCpu: true));
        Assert.Equal("mine-int8.onnx", DefaultModel.Resolve("mine-int8.onnx", "int8", onnxOnCpu: true));
        Assert.Equal("precision", Assert.Throws<Dislocate.Contracts.ParameterException>(() => DefaultModel.Resolve("mine.dislocate", "int8", onnxOnCpu: true)).Key);
        Assert.Equal("precision", Assert.Throws<Dislocate.Contracts.ParameterException>(() => DefaultModel.Resolve(null, "int16", onnxOnCpu: true)).Key);
    }

    [Fact]
    public void The_shipped_int8_export_finds_the_lines_of_generated_images()
    {
        using var segmenter = Segmenter.Open(DefaultModel.ShippedInt8Path, InferenceEngine.Onnx, "cpu", 2, new TilingOptions(TileSize: 256), PostProcessingOptions.Default);
        Assert.Contains("int8", segmenter.Engine, StringComparison.Ordinal);
        AssertFindsTheLines(segmenter);
    }

    [Fact]
    public void The_dialog_names_the_default_model_with_its_scores()
    {
        var metadata = ModelFile.ReadMetadata(DefaultModel.ShippedPath);
        var summary = DefaultModel.Summary(metadata, DefaultModel.ShippedPath);
        Assert.Equal(
            $"dislocate-lines-r18 {metadata.Training["version"]} (centre-line F1 {metadata.Training["real_line_f1"]} on real frames, {metadata.Training["synthetic_line_f1"]} on synthetic ones)",
            summary);
        Assert.Equal("m 2.0", DefaultModel.Summary(metadata with { Training = new Dictionary<string, string> { ["name"] = "m", ["version"] = "2.0" } }, "x.dislocate"));
        Assert.Equal("x ?", DefaultModel.Summary(metadata with { Training = new Dictionary<string, string>() }, "/a/x.dislocate"));
        Assert.Contains($"Default model: {summary}.", new Segment.Commands.SegmentImageCommand().Descriptor.Help, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_model_finds_the_lines_of_generated_images()
    {
        torch.set_num_threads(2);
        using var segmenter = new Segmenter(DefaultModel.ShippedPath, torch.CPU, new TilingOptions(TileSize: 256), PostProcessingOptions.Default);
        AssertFindsTheLines(segmenter);
    }

    /// <summary>
    /// The paper's metric for the line map: its instances are what is scored (one mask per piece, as <c>segment run</c>
    /// writes them), so lines find their own prediction; the map scored as one mask would pair with one truth only.
    /// Model 1.3.0 measured metric 0.403 and 14 of 45 true dislocations matched (Dice loss below 0.5) on these images,
    /// 1.4.0 with piece joining 0.422 and 15 of 45, 1.5.0 0.490 and 17 of 45, 1.6.0 0.466 and 17 of 45, 1.7.0 (pieces of
    /// fewer than 60 pixels dropped) 0.544 and 18 of 45.
    /// </summary>
    [Fact]
    public void The_shipped_line_map_is_scored_by_its_instances_under_the_papers_metric()
    {
        torch.set_num_threads(2);
        var settings = GeneratorSettings.Default with { Width = 256, Height = 256 };
        var source = new SyntheticSampleSource(settings, 20261206);
        using var segmenter = new Segmenter(DefaultModel.ShippedPath, torch.CPU, new TilingOptions(TileSize: 256), PostProcessingOptions.Default);
        int truths = 0, matched = 0;
        double metric = 0;
        for (var i = 0; i < 4; i++)
        {
            var generated = source.Get(i);
            var image = new GrayImage(generated.Image.Width, generated.Image.Height, generated.Image.Pixels);
            var sample = new Dislocate.Segment.Training.TrainingSample(image.Width, image.Height, image.Pixels, generated.Masks.ToArray(), $"sample {i}");
            var predictions = CrossEvaluation.Predictions(segmenter, image, CancellationToken.None);
            Assert.Equal(segmenter.Segment(image).Instances.Count, predictions.Count);

            var (dislocations, result) = CrossEvaluation.ScoreImage(sample, predictions, MetricOptions.Default);
            truths += dislocations;
            matched += result!.MatchedTruths(CrossEvaluationOptions.DefaultMatchedBelowLoss);
            metric += result.Metric!.Value / 4;
        }

        Assert.True(matched >= truths / 5, $"{matched} of {truths} true dislocations matched, metric {metric:F3}");
        Assert.True(metric >= 0.3, $"spline-length metric {metric:F3}, {matched} of {truths} matched");
    }

    [Fact]
    public void Auto_scale_keeps_frames_as_they_are_and_shrinks_frames_enlarged_twice()
    {
        // Generated frames of the generator's own size (512²) and three fine-tuning frames of the development video
        // (split.txt) stay at factor 1; both enlarged twice are shrunk (model 1.12.0: robustness.sh's real 2× set 0.947
        // with the chosen 0.5; 12 M2 images at 2× 0.859 at 0.5 against 0.720 at 1, which the rule kept until
        // ScaleSelection.MinShrinkLineGain; README, "Magnification").
        torch.set_num_threads(2);
        var source = new SyntheticSampleSource(GeneratorSettings.Default, 20261206);
        using var segmenter = new Segmenter(DefaultModel.ShippedPath, torch.CPU, new TilingOptions(TileSize: 512), PostProcessingOptions.Default);
        var generated = Enumerable.Range(0, 2).Select(i => source.Get(i).Image).Select(im => new GrayImage(im.Width, im.Height, im.Pixels)).ToArray();
        var folder = Path.Combine(SharedData.Folder(), "data", "real-dev", "tanaka-twip-grain2um-video7", "frames");
        var real = new[] { "cut_video7_img_0450.png", "cut_video7_img_0645.png", "cut_video7_img_0670.png" }.Select(f => ImageFileReader.ReadGray(Path.Combine(folder, f))).ToArray();

        var generatedAsTheyAre = ScaleSelection.Choose(segmenter, generated, null, CancellationToken.None);
        var realAsTheyAre = ScaleSelection.Choose(segmenter, real, null, CancellationToken.None);
        var realEnlarged = ScaleSelection.Choose(segmenter, real.Select(f => ImageResampling.Scale(f, 2)).ToArray(), null, CancellationToken.None);
        var generatedEnlarged = ScaleSelection.Choose(segmenter, generated.Select(f => ImageResampling.Scale(f, 2)).ToArray(), null, CancellationToken.None);

        Assert.True(generatedAsTheyAre.Factor == 1, generatedAsTheyAre.Describe());
        Assert.True(realAsTheyAre.Factor == 1, realAsTheyAre.Describe());
        Assert.True(realEnlarged.Factor < 1, realEnlarged.Describe());
        Assert.True(generatedEnlarged.Factor < 1, generatedEnlarged.Describe());
        Assert.Equal(ScaleSelection.Candidates, realEnlarged.Candidates.Select(c => c.Factor));
    }

    // Centre-line F1 on four generated 256² images at least F1Floor.
    private static void AssertFindsTheLines(Segmenter segmenter)
    {
        var source = new SyntheticSampleSource(GeneratorSettings.Default with { Width = 256, Height = 256 }, 20261206);
        var total = CentreLineScore.Empty;
        for (var i = 0; i < 4; i++)
        {
            var sample = source.Get(i);
            var result = segmenter.Segment(new GrayImage(sample.Image.Width, sample.Image.Height, sample.Image.Pixels));
            var predicted = result.Labels.Select(l => l != 0 ? (byte)1 : (byte)0).ToArray();
            total = total.Add(CentreLines.Score(predicted, CentreLines.Union(sample.Masks, predicted.Length), 256, 256));
        }

        Assert.True(total.F1 >= F1Floor, $"centre-line F1 {total.F1:F3} (precision {total.Precision:F3}, recall {total.Recall:F3}) is below {F1Floor}");
    }
}
