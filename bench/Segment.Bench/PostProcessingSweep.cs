using System.Globalization;
using Dislocate.Core.Imaging;
using Dislocate.Segment.Evaluation;
using Dislocate.Segment.Inference;
using Dislocate.Segment.Model;
using Dislocate.Segment.PostProcessing;
using Dislocate.Segment.Training;

namespace Dislocate.Segment.Bench;

/// <summary>
/// Scores several post-processing settings on one set of network maps: each image runs through the network once, then
/// every setting turns its maps into instances, scored as <c>segment score</c> (centre-line F1 at 3 px) and, where
/// instance masks exist, as <c>segment evaluate-matrix</c> (the paper metric and the share of true lines matched).
/// </summary>
/// <remarks>
/// Usage: <c>postsweep MODEL VIEWS M2_DATASET COUNT REAL_FRAMES REAL_MASKS SETTING...</c>, each SETTING
/// <c>name:key=value,...</c> with keys threshold, crest, min-pixels, link-gap, link-angle, crossing (unset = the
/// default). REAL_FRAMES may be <c>-</c> to skip the real frames. Maps are kept in memory (4 bytes per pixel and image).
/// </remarks>
internal static class PostProcessingSweep
{
    public static int Run(string[] args)
    {
        if (args.Length < 7)
        {
            Console.Error.WriteLine("usage: postsweep MODEL VIEWS M2_DATASET COUNT REAL_FRAMES REAL_MASKS name:key=value,... ...");
            return 2;
        }

        var views = int.Parse(args[1], CultureInfo.InvariantCulture);
        var tiling = new TilingOptions(0, 64, 2, false, views);
        using var segmenter = Segmenter.Open(args[0], InferenceEngine.Onnx, "cpu", 2, tiling, PostProcessingOptions.Default);
        var settings = args.Skip(6).Select(Parse).ToArray();
        var output = segmenter.Metadata.Spec.Output;

        // Synthetic images: maps once, then every setting.
        var samples = new DatasetFolderSamples(args[2], "test");
        var count = (int)Math.Min(samples.Count, int.Parse(args[3], CultureInfo.InvariantCulture));
        var line = new CentreLineScore[settings.Length];
        var metric = new double[settings.Length];
        var dislocations = new int[settings.Length];
        var matched = new int[settings.Length];
        var scored = new int[settings.Length];
        for (var s = 0; s < settings.Length; s++)
        {
            line[s] = new CentreLineScore(0, 0, 0, 0);
        }

        for (var i = 0; i < count; i++)
        {
            var sample = samples.Get(i);
            var image = new GrayImage(sample.Width, sample.Height, sample.Image);
            var maps = segmenter.Predict(image);
            var truthUnion = CentreLines.Union(sample.Masks, sample.Width * sample.Height);
            for (var s = 0; s < settings.Length; s++)
            {
                var segmented = Process(maps, image.Width, image.Height, Segmenter.ForOutput(settings[s].Options, output), output);
                line[s] = line[s].Add(CentreLines.Score(Union(segmented), truthUnion, image.Width, image.Height));
                var (n, result) = CrossEvaluation.ScoreImage(sample, CrossEvaluation.InstanceMasks(segmented), MetricOptions.Default);
                if (result?.Metric is { } m)
                {
                    metric[s] += m;
                    dislocations[s] += n;
                    matched[s] += result.MatchedTruths(CrossEvaluationOptions.DefaultMatchedBelowLoss);
                    scored[s]++;
                }
            }

            Console.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\rM2 {i + 1}/{count}"));
        }

        Console.Error.WriteLine();

        // Real frames with union masks: centre-line F1 only.
        var real = new CentreLineScore[settings.Length];
        for (var s = 0; s < settings.Length; s++)
        {
            real[s] = new CentreLineScore(0, 0, 0, 0);
        }

        if (args[4] != "-")
        {
            var truths = LineMaskFrames.Read(args[5]).ToDictionary(f => f.Name, StringComparer.Ordinal);
            foreach (var frame in new FrameSource(args[4]).Frames())
            {
                if (!truths.TryGetValue(frame.Name, out var truth))
                {
                    continue;
                }

                var maps = segmenter.Predict(frame.Image);
                for (var s = 0; s < settings.Length; s++)
                {
                    var segmented = Process(maps, frame.Image.Width, frame.Image.Height, Segmenter.ForOutput(settings[s].Options, output), output);
                    real[s] = real[s].Add(CentreLines.Score(Union(segmented), truth.Mask, frame.Image.Width, frame.Image.Height));
                }
            }
        }

        Console.WriteLine("setting,m2_f1,m2_precision,m2_recall,paper_metric,matched_share,real_f1,real_precision,real_recall");
        for (var s = 0; s < settings.Length; s++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{settings[s].Name},{line[s].F1:F4},{line[s].Precision:F4},{line[s].Recall:F4},{metric[s] / Math.Max(1, scored[s]):F4},{(double)matched[s] / Math.Max(1, dislocations[s]):F4},{real[s].F1:F4},{real[s].Precision:F4},{real[s].Recall:F4}"));
        }

        return 0;
    }

    // Each setting gets its own copy: post-processing replaces a line map's plane with its crests.
    private static PostProcessedImage Process(float[][] maps, int width, int height, PostProcessingOptions options, OutputKind output) =>
        Segmenter.PostProcess(maps.Select(m => (float[])m.Clone()).ToArray(), width, height, options, output);

    private static byte[] Union(PostProcessedImage segmented)
    {
        var union = new byte[segmented.Width * segmented.Height];
        foreach (var instance in segmented.Instances)
        {
            foreach (var pixel in instance.Pixels)
            {
                union[pixel] = 1;
            }
        }

        return union;
    }

    private static (string Name, PostProcessingOptions Options) Parse(string setting)
    {
        var colon = setting.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? setting : setting[..colon];
        var options = PostProcessingOptions.Default;
        if (colon >= 0)
        {
            foreach (var pair in setting[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var kv = pair.Split('=');
                var v = double.Parse(kv[1], CultureInfo.InvariantCulture);
                options = kv[0] switch
                {
                    "threshold" => options with { Threshold = v },
                    "crest" => options with { CrestSigma = v },
                    "min-pixels" => options with { MinPixels = (int)v },
                    "link-gap" => options with { LinkGap = v },
                    "link-angle" => options with { LinkAngle = v },
                    "crossing" => options with { CrossingLength = v },
                    _ => throw new ArgumentException($"unknown key {kv[0]}"),
                };
            }
        }

        return (name, options);
    }
}
