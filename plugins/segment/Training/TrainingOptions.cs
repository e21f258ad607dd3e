using System.Text.Json.Serialization;
using Dislocate.Segment.Evaluation;
using Dislocate.Segment.Model;

namespace Dislocate.Segment.Training;

/// <summary>Everything that decides a training run besides its data; with the same data, seed and thread count a CPU run is repeatable.</summary>
/// <param name="Spec">Network architecture.</param>
/// <param name="Normalisation">Input normalisation (stored in the model file).</param>
/// <param name="Crop">Side of the square training window in pixels (multiple of 32).</param>
/// <param name="BatchSize">Images per optimiser step.</param>
/// <param name="Epochs">Epochs to run (an epoch = <paramref name="StepsPerEpoch"/> steps, then a test evaluation and a checkpoint).</param>
/// <param name="StepsPerEpoch">Optimiser steps per epoch; samples are drawn in a fresh shuffled order, cycling through the training set.</param>
/// <param name="LearningRate">Adam's base learning rate.</param>
/// <param name="Schedule">Learning-rate schedule over all steps.</param>
/// <param name="WarmupSteps">Steps of linear warm-up.</param>
/// <param name="WeightDecay">Adam weight decay (L2).</param>
/// <param name="Matching">Matching of the loss and metric: greedy (paper, Algorithm 1) or optimal (Hungarian).</param>
/// <param name="DiceSmooth">ε of the soft Dice loss.</param>
/// <param name="Augmentation">Training-time augmentation.</param>
/// <param name="MinMaskPixels">Instances with fewer pixels inside a crop are not ground truth.</param>
/// <param name="Seed">Seeds weights, sample order, crops and augmentation.</param>
/// <param name="Precision">Float32 or mixed-precision arithmetic (auto = mixed on CUDA).</param>
internal sealed record TrainingOptions(
    ModelSpec Spec,
    InputNormalisation Normalisation,
    int Crop,
    int BatchSize,
    int Epochs,
    int StepsPerEpoch,
    double LearningRate,
    LearningRateScheduleKind Schedule,
    int WarmupSteps,
    double WeightDecay,
    MatchingMode Matching,
    double DiceSmooth,
    AugmentationOptions Augmentation,
    int MinMaskPixels,
    ulong Seed,

    // Left out of the fingerprint's JSON while auto, so checkpoints written before this option existed still resume.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] TrainingPrecision Precision = TrainingPrecision.Auto)
{
    /// <summary>All optimiser steps of the run.</summary>
    public long TotalSteps => (long)this.Epochs * this.StepsPerEpoch;
}
