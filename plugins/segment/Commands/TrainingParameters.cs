using Dislocate.Contracts;
using Dislocate.Segment.Evaluation;
using Dislocate.Segment.Model;
using Dislocate.Segment.Torch;
using Dislocate.Segment.Training;
using TorchSharp;

namespace Dislocate.Segment.Commands;

/// <summary>Parameters shared by <c>train</c> and <c>finetune</c>, declared once; their keys are the macro API.</summary>
internal static class TrainingParameters
{
    public static ParameterSpec<string> Out { get; } = Parameter.Path("out", "Output (folder)", ParameterKind.OutputFolder, "Training folder: model.dislocate (best test metric), last.dislocate (latest epoch), checkpoint.bin, curves.csv/png; the training record is in the models' metadata.", required: true);

    public static ParameterSpec<string> Encoder { get; } = Parameter.Choice("encoder", "Encoder network", "resnet50", ["resnet18", "resnet34", "resnet50"], "ResNet encoder of the UNet++ (paper: resnet50; resnet18 is ~4× faster on a CPU).");

    public static ParameterSpec<string> Preset { get; } = Parameter.Path("preset", "Generator preset (JSON)", ParameterKind.InputFile, "Generator preset JSON for synthetic samples rendered in memory (from 'synthetic fit'); empty = M2 defaults.");

    public static ParameterSpec<string> Mix { get; } = Parameter.Text("mix", "More presets (comma-separated)", null, "More generator presets whose images alternate with the preset's, one of each in turn; 'defaults' names the M2 defaults (e.g. mix=defaults trains on both).");

    public static ParameterSpec<string> Output { get; } = Parameter.Choice("output", "Network output", "instances", ["instances", "lines"], "instances = N masks, one dislocation each (the paper, Algorithm 1); lines = one centre-line map whose connected pieces are the dislocations (outputs is then 1).");

    public static ParameterSpec<long> Outputs { get; } = Parameter.Whole("outputs", "Masks per image (N)", 20, 1, 64, "Masks the network predicts per image, the most dislocations it can separate (paper: 20).");

    public static ParameterSpec<double> DecoderScale { get; } = Parameter.Real("decoder", "Decoder width (scale)", 1.0, 0.125, 2.0, "Decoder channel scale: 1 = 256,128,64,32,16 as in the paper; 0.25 makes a light model.");

    public static ParameterSpec<double> NestedScale { get; } = Parameter.Real("nested", "Nested node width (scale)", 1.0, 0.125, 1.0, "Width scale of UNet++'s nested nodes: 1 = the encoder's widths as in the paper and smp; 0.5 roughly halves training and inference time (beyond the paper).");

    public static ParameterSpec<long> Crop { get; } = Parameter.Whole("crop", "Training window (px)", 512, 32, 2048, "Side of the square training window, a multiple of 32 (paper: 512, the whole image).");

    public static ParameterSpec<long> Batch { get; } = Parameter.Whole("batch", "Images per step", 4, 1, 256, "Images per optimiser step.");

    public static ParameterSpec<long> Epochs { get; } = Parameter.Whole("epochs", "Epochs", 20, 1, 100000, "Epochs; after each: test evaluation, best-model update, checkpoint.");

    public static ParameterSpec<long> Steps { get; } = Parameter.Whole("steps", "Steps per epoch", 200, 1, 10000000, "Optimiser steps per epoch.");

    public static ParameterSpec<double> Rate { get; } = Parameter.Real("rate", "Learning rate", 3e-4, 1e-7, 1, "Adam's base learning rate.");

    public static ParameterSpec<string> Schedule { get; } = Parameter.Choice("schedule", "Learning-rate schedule", "cosine", ["cosine", "constant", "step"], "Learning-rate schedule after the warm-up.");

    public static ParameterSpec<long> Warmup { get; } = Parameter.Whole("warmup", "Warm-up steps", 50, 0, 1000000, "Steps of linear learning-rate warm-up.");

    public static ParameterSpec<string> MatchingChoice { get; } = Parameter.Choice("matching", "Matching", "greedy", ["greedy", "optimal"], "Loss/metric matching: greedy = the paper's Algorithm 1, optimal = Hungarian.");

    public static ParameterSpec<bool> Augment { get; } = Parameter.Flag("augment", "Augment (noise, contrast, flips)", true, "Gaussian noise, brightness, contrast, histogram equalisation and flips/rotations (paper section 3).");

    public static ParameterSpec<double> Zoom { get; } = Parameter.Real("zoom", "Random rescale up to (factor)", 1, 1, 4, "With augment: rescale each training crop by a random factor between 1/zoom and zoom, so the model works at other magnifications; 1 = none.");

    public static ParameterSpec<long> MinPixels { get; } = Parameter.Whole("min-pixels", "Smallest dislocation (pixels)", 20, 1, 100000, "Instances with fewer pixels inside a training crop are not ground truth.");

    public static ParameterSpec<long> Seed { get; } = Parameter.Whole("seed", "Random seed", 1, 0, long.MaxValue, "Seeds weights, sample order, crops and augmentation.");

    public static ParameterSpec<long> Threads { get; } = Parameter.Whole("threads", "CPU threads (0 = all)", 0, 0, 1024, "CPU threads for Torch; 0 = all cores. Repeatability holds for a fixed thread count.");

    public static ParameterSpec<string> Device { get; } = Parameter.Choice("device", "Device", "auto", TorchDevice.Choices, "auto = CUDA when available, else CPU.");

    public static ParameterSpec<string> Precision { get; } = Parameter.Choice("precision", "Arithmetic precision", "auto", ["auto", "fp32", "mixed"], "auto = mixed on CUDA, fp32 on the CPU; mixed = autocast (float16 with loss scaling on CUDA, bfloat16 on the CPU).");

    public static ParameterSpec<double> TimeLimit { get; } = Parameter.Real("time-limit", "Time limit (minutes; 0 = none)", 0, 0, 1e7, "Start no new epoch after this many minutes (0 = no limit); run again to continue.");

    public static ParameterSpec<bool> Resume { get; } = Parameter.Flag("resume", "Resume from checkpoint", true, "Continue from out/checkpoint.bin when it exists (same options and data).");

    /// <summary>The parameters every training command ends with, in dialog order.</summary>
    public static ParameterSpec<double> Blur { get; } = Parameter.Real("blur", "Random blur up to σ (px)", 0, 0, 5, "With augment: blur half the training crops with a Gaussian of random σ up to this, so the model copes with softer images; 0 = none.");

    public static ParameterSpec<double> Noise { get; } = Parameter.Real("noise", "Random noise up to σ", new AugmentationOptions().NoiseSigma, 0, 0.5, "With augment: the largest standard deviation of the Gaussian noise added to half the training crops (gray values in [0, 1]).");

    public static IEnumerable<ParameterSpec> RunControls => [MatchingChoice, Augment, Zoom, Blur, Noise, MinPixels, Seed, Threads, Device, Precision, TimeLimit, Resume];

    /// <summary>The time limit given, or null for none.</summary>
    public static TimeSpan? ReadTimeLimit(ParameterValues v) => v.Get(TimeLimit) is > 0 and var minutes ? TimeSpan.FromMinutes(minutes) : null;

    /// <summary>Applies the thread and device choices and returns the device.</summary>
    public static torch.Device Prepare(ParameterValues v) => TorchDevice.Use(v.Get(Device), v.GetInt32(Threads));

    /// <summary>Reads the options every run has; <paramref name="spec"/> and the normalisation come from the caller.</summary>
    public static TrainingOptions Options(ParameterValues v, ModelSpec spec, InputNormalisation normalisation) =>
        new(
            spec,
            normalisation,
            v.GetInt32(Crop),
            v.GetInt32(Batch),
            v.GetInt32(Epochs),
            v.GetInt32(Steps),
            v.Get(Rate),
            Enum.Parse<LearningRateScheduleKind>(v.Get(Schedule), ignoreCase: true),
            v.GetInt32(Warmup),
            0,
            v.Get(MatchingChoice) == "optimal" ? MatchingMode.Optimal : MatchingMode.Greedy,
            DiceLoss.DefaultEpsilon,
            v.Get(Augment) ? new AugmentationOptions { Zoom = v.Get(Zoom) > 1 ? v.Get(Zoom) : 0, Blur = v.Get(Blur), NoiseSigma = v.Get(Noise) } : AugmentationOptions.None,
            v.GetInt32(MinPixels),
            (ulong)v.Get(Seed),
            ReadPrecision(v));

    /// <summary>The architecture the encoder, output, outputs and decoder options describe (a line map has one output).</summary>
    public static ModelSpec ReadSpec(ParameterValues v)
    {
        var lines = v.Get(Output) == "lines";
        return new ModelSpec(
            Enum.Parse<EncoderKind>(v.Get(Encoder), ignoreCase: true),
            lines ? 1 : v.GetInt32(Outputs),
            v.Get(DecoderScale),
            Output: lines ? OutputKind.LineMap : OutputKind.Instances,
            NestedScale: v.Get(NestedScale));
    }

    /// <summary>
    /// The synthetic images of the preset (the generator's M2 defaults when empty) and of every preset in the mix, taken
    /// in turn, from the sample source the synthetic plugin registers with the host; a clear error when it is not
    /// installed, or when a mixed-in preset is missing.
    /// </summary>
    /// <remarks>
    /// The preset's images keep <paramref name="seed"/>, so a run without a mix sees the images it always saw; the i-th
    /// mixed-in preset draws with seed + i, so naming one preset twice still gives two different streams.
    /// </remarks>
    public static ISampleSource SyntheticImages(CommandContext context, ParameterValues v, ulong seed)
    {
        var provider = context.Services.Require<ISampleSourceProvider>("synthetic training images", "synthetic");
        var preset = v.GetOptional(Preset) is { Length: > 0 } p ? context.ResolvePath(p) : null;
        var mix = MixedPresets(context, v);
        if (mix.Count == 0)
        {
            return provider.Open(preset, seed);
        }

        ISampleSource[] sources = [provider.Open(preset, seed), .. mix.Select((m, i) => provider.Open(m, seed + (ulong)i + 1))];
        return new InterleavedSampleSource(sources);
    }

    // The mix's entries as paths (null = the M2 defaults), each checked to exist so a typo fails before training starts.
    private static List<string?> MixedPresets(CommandContext context, ParameterValues v)
    {
        var list = new List<string?>();
        foreach (var entry in (v.GetOptional(Mix) ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry.Equals("defaults", StringComparison.OrdinalIgnoreCase))
            {
                list.Add(null);
                continue;
            }

            var path = context.ResolvePath(entry);
            list.Add(File.Exists(path) ? path : throw new ParameterException(Mix.Key, $"preset file '{path}' does not exist (entries are preset JSON files or 'defaults', separated by commas)"));
        }

        return list;
    }

    /// <summary>The precision choice: auto, fp32 or mixed.</summary>
    public static TrainingPrecision ReadPrecision(ParameterValues v) => v.Get(Precision) switch
    {
        "auto" => TrainingPrecision.Auto,
        "fp32" => TrainingPrecision.Float32,
        "mixed" => TrainingPrecision.Mixed,
        var other => throw new ParameterException(Precision.Key, $"'{other}' is not one of auto, fp32, mixed"),
    };

    /// <summary>The command result every training run returns: summary and files (the curves are in curves.csv and curves.png).</summary>
    public static CommandResult Result(TrainingSummary summary, string folder)
    {
        var last = summary.Records.Count > 0 ? summary.Records[^1] : null;
        var text = last is null
            ? $"Nothing to do: the run in {folder} has finished all its epochs."
            : $"Trained {last.Epoch} epochs ({last.Step} steps{(summary.ResumedFromEpoch > 0 ? $", resumed after epoch {summary.ResumedFromEpoch}" : string.Empty)}{(summary.StoppedByTimeLimit ? ", stopped at the time limit" : string.Empty)}); best test metric {summary.BestMetric:F4} at epoch {summary.BestEpoch}; model: {summary.ModelPath}";
        return CommandResult.Of(
            text,
            new FileOutput("model", summary.ModelPath),
            new FileOutput("curves", Path.Combine(folder, "curves.csv")),
            new FileOutput("plot", Path.Combine(folder, "curves.png")));
    }
}
