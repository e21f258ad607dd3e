using Dislocate.Contracts;
using Dislocate.Segment.Evaluation;
using Dislocate.Segment.Model;
using Dislocate.Segment.Training;
using Dislocate.Synthetic.Settings;
using Dislocate.Synthetic.Streaming;

namespace Dislocate.Segment.Tests.Training;

/// <summary>Tiny training set-ups for tests: 64×64 synthetic images with 1–3 dislocations and a light ResNet-18 UNet++.</summary>
internal static class TinySynthetic
{
    public static GeneratorSettings Settings { get; } = GeneratorSettings.Default with
    {
        Width = 64,
        Height = 64,
        Microstructure = MicrostructureSettings.Default with
        {
            Pileups = new ValueRange(1, 1),
            PerPileup = new ValueRange(1, 3),
            MaxDislocations = 3,
            SlipWidth = new ValueRange(24, 48),
            Spacing = new ValueRange(6, 14),
            MinLength = 10,
        },
    };

    public static TrainingOptions Options(int epochs, int steps, int batch = 4, double rate = 2e-3) => new(
        new ModelSpec(EncoderKind.ResNet18, Outputs: 4, DecoderScale: 0.25),
        InputNormalisation.Default,
        Crop: 64,
        BatchSize: batch,
        Epochs: epochs,
        StepsPerEpoch: steps,
        LearningRate: rate,
        Schedule: LearningRateScheduleKind.Constant,
        WarmupSteps: 0,
        WeightDecay: 0,
        Matching: MatchingMode.Greedy,
        DiceSmooth: 1,
        Augmentation: AugmentationOptions.None,
        MinMaskPixels: 10,
        Seed: 5);

    public static (ITrainingSamples Train, ITrainingSamples Test) Data(long train, long test) =>
        (new StreamedSamples(new SyntheticSampleSource(Settings, 11), 0, train), new StreamedSamples(new SyntheticSampleSource(Settings, 11), train, test));
}
