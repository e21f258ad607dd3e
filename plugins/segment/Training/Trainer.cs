using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dislocate.Contracts;
using Dislocate.Core.Numerics;
using Dislocate.Core.Random;
using Dislocate.Core.Runtime;
using Dislocate.Segment.Evaluation;
using Dislocate.Segment.Model;
using Dislocate.Segment.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dislocate.Segment.Training;

/// <summary>What a finished (or resumed and finished) run produced.</summary>
/// <param name="Records">One record per epoch, including those of earlier, resumed parts.</param>
/// <param name="BestMetric">Best test metric.</param>
/// <param name="BestEpoch">Epoch that reached it.</param>
/// <param name="ModelPath">The model file of the best epoch.</param>
/// <param name="ResumedFromEpoch">Epochs that were already done when this part started (0 for a fresh run).</param>
/// <param name="StoppedByTimeLimit">True when the run stopped early at its time limit (rerun to continue).</param>
internal sealed record TrainingSummary(IReadOnlyList<EpochRecord> Records, double BestMetric, int BestEpoch, string ModelPath, int ResumedFromEpoch, bool StoppedByTimeLimit = false);

/// <summary>
/// The training loop of the paper's section 3: Adam on the matching Dice loss, augmented crops, a test evaluation
/// (matching loss and spline-length metric) after every epoch, the model of the best metric kept, curves and an atomic
/// checkpoint written after every epoch so an interrupted run resumes where its last epoch ended.
/// </summary>
/// <remarks>
/// Repeatable on the CPU: weights come from <c>torch.manual_seed(seed)</c>; sample order, crops and augmentation from
/// seeds derived per sample; the learning rate is a function of the step. Same data, options and thread count give the
/// same curves and weights. (Different thread counts may change the last bits of float reductions inside libtorch.)
/// </remarks>
internal sealed class Trainer
{
    /// <summary>File name of the best model inside a training folder.</summary>
    public const string ModelFileName = "model.dislocate";

    /// <summary>
    /// The model of the latest finished epoch, written beside the best one: the best epoch is chosen by the test
    /// metric, which on a few frames (a fine-tune scored on its own ten) is noisy enough to pick an early epoch.
    /// </summary>
    public const string LastModelFileName = "last.dislocate";

    private readonly TrainingOptions options;
    private readonly ITrainingSamples train;
    private readonly ITrainingSamples test;
    private readonly Device device;
    private readonly ScalarType? autocastType;

    /// <summary>Prepares a run; nothing happens until <see cref="Run"/>.</summary>
    public Trainer(TrainingOptions options, ITrainingSamples train, ITrainingSamples test, Device device)
    {
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.train = train ?? throw new ArgumentNullException(nameof(train));
        this.test = test ?? throw new ArgumentNullException(nameof(test));
        this.device = device ?? throw new ArgumentNullException(nameof(device));
        TorchRuntime.EnsureInitialized();
        if (options.Crop % 32 != 0 || options.Crop < 32)
        {
            throw new ParameterException("crop", $"{options.Crop} is not a positive multiple of 32");
        }

        // Batch normalisation while training needs more than one value per channel; at the encoder's deepest level
        // (stride 32) a 32-px crop with batch 1 leaves exactly one, and the loss became NaN.
        if ((long)options.BatchSize * (options.Crop / 32) * (options.Crop / 32) < 2)
        {
            throw new ParameterException("batch", $"a {options.Crop}-px crop with batch {options.BatchSize} leaves one value per channel at the network's deepest level, where batch normalisation is undefined; use --batch 2 or more, or --crop 64 or more");
        }

        this.autocastType = AutocastType(options.Precision, device);
    }

    /// <summary>
    /// Runs (or resumes) training into <paramref name="folder"/>, optionally starting from a model file's weights. With a
    /// <paramref name="timeLimit"/>, no new epoch starts once that much wall time has passed in this call; the run can be
    /// continued later by running it again (it resumes from the checkpoint).
    /// </summary>
    public TrainingSummary Run(string folder, string? initialModel, bool resume, CommandContext context, TimeSpan? timeLimit = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var kernels = TorchRuntime.TrainingKernels(cpuBfloat16: this.autocastType == ScalarType.BFloat16 && this.device.type == DeviceType.CPU);
        Directory.CreateDirectory(folder);
        var checkpointPath = Path.Combine(folder, Checkpoint.FileName);
        var curvesPath = Path.Combine(folder, "curves.csv");
        var modelPath = Path.Combine(folder, ModelFileName);
        var fingerprint = this.Fingerprint(initialModel);
        torch.manual_seed((long)(this.options.Seed & long.MaxValue));
        var (created, initialTensors) = this.CreateModel(initialModel, context.Log);
        using var model = created;
        model.to(this.device);
        context.Log.Info($"Kernels: {TorchRuntime.KernelDescription}; allocator: {ProcessAllocator.Describe()}.");
        using var adam = torch.optim.Adam(model.parameters(), this.options.LearningRate, weight_decay: this.options.WeightDecay);
        var scaler = this.autocastType == ScalarType.Float16 ? new GradScaler() : null;
        var state = new CheckpointState(0, 0, -1, 0, fingerprint);
        var records = new List<EpochRecord>();
        if (resume && File.Exists(checkpointPath))
        {
            state = Checkpoint.Load(checkpointPath, model, adam);
            if (state.Fingerprint != fingerprint)
            {
                throw new InputFileException(checkpointPath, "fingerprint", "was written by a run with other options or data; use another output folder, or resume=false to start afresh");
            }

            if (scaler is not null && state.Scaler is { } scale)
            {
                try
                {
                    scaler.Restore(scale);
                }
                catch (ArgumentException e)
                {
                    throw new InputFileException(checkpointPath, "Scaler", e.Message, e);
                }
            }

            records = File.Exists(curvesPath) ? TrainingCurves.Read(curvesPath).Where(r => r.Epoch <= state.Epoch).ToList() : [];
            context.Log.Info($"Resuming after epoch {state.Epoch} (step {state.Step}, best metric {state.BestMetric:F4} at epoch {state.BestEpoch}).");
        }

        var resumedFrom = state.Epoch;
        var clock = Stopwatch.StartNew();
        var secondsBefore = records.Count > 0 ? records[^1].Seconds : 0;
        var stopped = false;
        for (var epoch = state.Epoch + 1; epoch <= this.options.Epochs; epoch++)
        {
            if (timeLimit is { } limit && clock.Elapsed >= limit)
            {
                stopped = true;
                context.Log.Info($"Time limit reached after epoch {epoch - 1}; run the same command again to continue.");
                break;
            }

            var phases = new StepPhases();
            var (trainLoss, rate) = this.TrainEpoch(model, adam, scaler, epoch, context, phases);
            phases.Start();
            var (testLoss, testMetric) = this.Evaluate(model, context.Cancellation);
            phases.Stop(StepPhases.Phase.Evaluation);
            context.Log.Info($"epoch {epoch} time: {phases.Describe(this.options.BatchSize)}");
            var step = (long)epoch * this.options.StepsPerEpoch;
            records.Add(new EpochRecord(epoch, step, rate, trainLoss, testLoss, testMetric, secondsBefore + clock.Elapsed.TotalSeconds));
            var best = testMetric > state.BestMetric;
            state = best
                ? state with { Epoch = epoch, Step = step, BestMetric = testMetric, BestEpoch = epoch, Scaler = scaler?.State }
                : state with { Epoch = epoch, Step = step, Scaler = scaler?.State };
            if (best)
            {
                ModelFile.Save(modelPath, model, this.Metadata(state, initialModel, initialTensors, state.BestMetric));
            }

            ModelFile.Save(Path.Combine(folder, LastModelFileName), model, this.Metadata(state, initialModel, initialTensors, testMetric));

            // Curves before the checkpoint: a crash in between leaves curves one epoch ahead, which a resume trims.
            TrainingCurves.Write(folder, records);
            Checkpoint.Save(checkpointPath, state, model, adam);
            context.Log.Info(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}/{this.options.Epochs}: train loss {trainLoss:F4}, test loss {testLoss:F4}, test metric {testMetric:F4}{(best ? " (best)" : string.Empty)}"));
        }

        return new TrainingSummary(records, state.BestMetric, state.BestEpoch, modelPath, resumedFrom, stopped);
    }

    // An instance model keeps at most as many true masks per crop as it has outputs; a line map's target is the union of
    // every visible line (keeping only the largest taught the map to ignore all other lines).
    private int MaxTruthInstances => this.options.Spec.Output == OutputKind.LineMap ? int.MaxValue : this.options.Spec.Outputs;

    /// <summary>The crops of training sample number <paramref name="k"/> of the run (counting over all epochs).</summary>
    internal TrainingSample TrainingCropAt(long k)
    {
        var count = this.train.Count;
        var cycle = k / count;
        var order = new long[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        new Rng(SeedDerivation.Derive(SeedDerivation.Derive(this.options.Seed, "order"), (ulong)cycle)).Shuffle(order.AsSpan());
        var sample = this.train.Get(order[k % count]);
        var rng = new Rng(SeedDerivation.Derive(SeedDerivation.Derive(this.options.Seed, "augment"), (ulong)k));
        var scale = 1.0;
        if (this.options.Augmentation.Zoom > 1)
        {
            // Its own stream, so runs without zoom draw exactly the numbers they drew before it existed.
            var zoom = DeterministicMath.Log(this.options.Augmentation.Zoom);
            scale = DeterministicMath.Exp(new Rng(SeedDerivation.Derive(SeedDerivation.Derive(this.options.Seed, "zoom"), (ulong)k)).Uniform(-zoom, zoom));
        }

        var crop = TrainingCrop.Cut(sample, this.options.Crop, this.options.MinMaskPixels, this.MaxTruthInstances, rng, scale);
        var masks = crop.Masks.ToList();
        Augmentation.Apply(crop.Image, masks, crop.Width, this.options.Augmentation, rng);
        return crop with { Masks = masks };
    }

    /// <summary>Test sample <paramref name="index"/>: a crop at a position fixed by the seed, not augmented.</summary>
    internal TrainingSample TestCropAt(long index)
    {
        var rng = new Rng(SeedDerivation.Derive(SeedDerivation.Derive(this.options.Seed, "test"), (ulong)index));
        return TrainingCrop.Cut(this.test.Get(index), this.options.Crop, this.options.MinMaskPixels, this.MaxTruthInstances, rng);
    }

    private (double Loss, double Rate) TrainEpoch(UNetPlusPlus model, Adam adam, GradScaler? scaler, int epoch, CommandContext context, StepPhases phases)
    {
        model.train();
        var lossSum = 0.0;
        var rate = 0.0;
        var batch = this.options.BatchSize;
        for (var s = 0; s < this.options.StepsPerEpoch; s++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            phases.Start();
            var step = ((long)(epoch - 1) * this.options.StepsPerEpoch) + s;
            var crops = new TrainingSample[batch];
            for (var b = 0; b < batch; b++)
            {
                crops[b] = this.TrainingCropAt((step * batch) + b);
            }

            rate = LearningRateSchedule.At(this.options.Schedule, this.options.LearningRate, step, this.options.TotalSteps, this.options.WarmupSteps);
            foreach (var group in adam.ParamGroups)
            {
                group.LearningRate = rate;
            }

            using (var scope = NewDisposeScope())
            {
                using var tensors = TrainingBatch.From(crops, this.options.Normalisation, this.device);
                adam.zero_grad();
                phases.Stop(StepPhases.Phase.Data);
                var logits = this.TrainingForward(model, tensors.Input);
                phases.Stop(StepPhases.Phase.Forward);
                var probabilities = torch.sigmoid(logits);
                var loss = this.options.Spec.Output == OutputKind.LineMap
                    ? LineMapLoss.Compute(probabilities, tensors.Truth, this.options.DiceSmooth)
                    : MatchingDiceLoss.Compute(probabilities, tensors.Truth, tensors.Counts, this.options.Matching, this.options.DiceSmooth).Loss;
                lossSum += loss.item<float>();
                phases.Stop(StepPhases.Phase.Loss);
                if (scaler is null)
                {
                    loss.backward();
                    phases.Stop(StepPhases.Phase.Backward);
                    adam.step();
                }
                else
                {
                    scaler.ScaleLoss(loss).backward();
                    phases.Stop(StepPhases.Phase.Backward);
                    scaler.Step(adam);
                    scaler.Update();
                }

                phases.Stop(StepPhases.Phase.Optimiser);
                phases.StepDone();
            }

            context.Progress.Report(new ProgressUpdate(step + 1, this.options.TotalSteps, string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}/{this.options.Epochs}, loss {lossSum / (s + 1):F4}")));
        }

        return (lossSum / this.options.StepsPerEpoch, rate);
    }

    /// <summary>
    /// Test loss and metric over the test set (model in eval mode, no gradients): for instance models the matching loss
    /// and the spline-length metric, for line-map models their loss and the centre-line F1 at 3 px.
    /// </summary>
    internal (double Loss, double Metric) Evaluate(UNetPlusPlus model, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.eval();
        var lossSum = 0.0;
        var lossImages = 0;
        var scores = new List<double>();
        var size = this.options.Crop;
        using (torch.no_grad())
        {
            for (long start = 0; start < this.test.Count; start += this.options.BatchSize)
            {
                cancellation.ThrowIfCancellationRequested();
                var crops = new List<TrainingSample>();
                for (var i = start; i < Math.Min(this.test.Count, start + this.options.BatchSize); i++)
                {
                    crops.Add(this.TestCropAt(i));
                }

                using var scope = NewDisposeScope();
                using var tensors = TrainingBatch.From(crops, this.options.Normalisation, this.device);
                var probabilities = torch.sigmoid(model.forward(tensors.Input));
                if (this.options.Spec.Output == OutputKind.LineMap)
                {
                    this.ScoreLineMaps(probabilities, tensors, crops, ref lossSum, ref lossImages, scores);
                    continue;
                }

                var (loss, matches) = MatchingDiceLoss.Compute(probabilities, tensors.Truth, tensors.Counts, this.options.Matching, this.options.DiceSmooth);
                var withTruth = tensors.Counts.Count(c => c > 0);
                lossSum += loss.item<float>() * withTruth;
                lossImages += withTruth;
                var host = probabilities.cpu().contiguous().data<float>().ToArray();
                var n = this.options.Spec.Outputs;
                for (var b = 0; b < crops.Count; b++)
                {
                    if (crops[b].Masks.Count == 0)
                    {
                        continue;
                    }

                    var maps = new float[n][];
                    for (var j = 0; j < n; j++)
                    {
                        maps[j] = host.AsSpan(((b * n) + j) * size * size, size * size).ToArray();
                    }

                    if (TestMetric.Image(maps, crops[b].Masks, size, matches[b]) is double score)
                    {
                        scores.Add(score);
                    }
                }
            }
        }

        model.train();
        return (lossImages > 0 ? lossSum / lossImages : 0, scores.Count > 0 ? scores.Average() : 0);
    }

    // A line-map model's test loss (over all images) and metric: centre-line F1 at 3 px of the binarised map against the
    // union of the true masks, per image with lines.
    private void ScoreLineMaps(Tensor probabilities, TrainingBatch tensors, List<TrainingSample> crops, ref double lossSum, ref int lossImages, List<double> scores)
    {
        var size = this.options.Crop;
        lossSum += LineMapLoss.Compute(probabilities, tensors.Truth, this.options.DiceSmooth).item<float>() * crops.Count;
        lossImages += crops.Count;
        var host = probabilities.cpu().contiguous().data<float>().ToArray();
        var plane = size * size;
        for (var b = 0; b < crops.Count; b++)
        {
            if (crops[b].Masks.Count == 0)
            {
                continue;
            }

            var predicted = new byte[plane];
            for (var i = 0; i < plane; i++)
            {
                predicted[i] = host[(b * plane) + i] >= 0.5f ? (byte)1 : (byte)0;
            }

            scores.Add(CentreLines.Score(predicted, CentreLines.Union(crops[b].Masks, plane), size, size).F1);
        }
    }

    /// <summary>
    /// Float32 unless mixed precision resolves on for this device: float16 autocast on CUDA, bfloat16 on the CPU. Auto
    /// falls back to float32 where libtorch's autocast cannot be reached; an explicit mixed is refused there.
    /// </summary>
    private static ScalarType? AutocastType(TrainingPrecision precision, Device device)
    {
        var mixed = precision == TrainingPrecision.Mixed || (precision == TrainingPrecision.Auto && device.type == DeviceType.CUDA && AutocastScope.IsAvailable);
        if (!mixed)
        {
            return null;
        }

        if (device.type is not (DeviceType.CPU or DeviceType.CUDA))
        {
            throw new ParameterException("precision", $"mixed precision runs on the CPU or CUDA, not on {device.type}");
        }

        if (!AutocastScope.IsAvailable)
        {
            throw new ParameterException("precision", "mixed precision needs libtorch's autocast functions (at::autocast::*), which this libtorch build does not export; use precision=fp32");
        }

        return AutocastScope.DefaultType(device.type);
    }

    /// <summary>
    /// The network's logits for a training step; with mixed precision the forward pass runs under autocast and the
    /// logits return as float32, so the loss (sigmoid, Dice matrix, whose product autocast would reduce too) stays float32.
    /// </summary>
    private Tensor TrainingForward(UNetPlusPlus model, Tensor input)
    {
        if (this.autocastType is not { } type)
        {
            return model.forward(input);
        }

        using var autocast = AutocastScope.Enter(this.device.type, type);
        return model.forward(input).to_type(ScalarType.Float32);
    }

    /// <summary>
    /// The model to train: new, the initial model itself when its architecture is the run's, or — when only the decoder
    /// differs (its widths or nested widths, or the number of outputs) — a new model that takes every tensor of the
    /// initial one whose name and shape match (the encoder above all), so a lighter decoder starts from a trained encoder.
    /// The second value is "n of m" for such a partial start, null otherwise.
    /// </summary>
    private (UNetPlusPlus Model, string? InitialTensors) CreateModel(string? initialModel, ICommandLog log)
    {
        if (initialModel is null)
        {
            return (new UNetPlusPlus(this.options.Spec), null);
        }

        var (loaded, metadata) = ModelFile.Load(initialModel, torch.CPU);
        if (metadata.Spec == this.options.Spec)
        {
            return (loaded, null);
        }

        using (loaded)
        {
            if (metadata.Spec.Encoder != this.options.Spec.Encoder || metadata.Spec.InputChannels != this.options.Spec.InputChannels)
            {
                throw new InputFileException(initialModel, "spec", $"the model is {metadata.Spec}, but the run asks for {this.options.Spec}; an initial model must have the run's encoder and input channels");
            }

            var model = new UNetPlusPlus(this.options.Spec);
            var (taken, total) = model.CopyMatchingWeights(loaded);
            log.Info($"Initial model {Path.GetFileName(initialModel)} is {metadata.Spec}; took the {taken} of this run's {total} tensors whose names and shapes match (the encoder's among them), the others start new.");
            return (model, string.Create(CultureInfo.InvariantCulture, $"{taken} of {total}"));
        }
    }

    private ModelMetadata Metadata(CheckpointState state, string? initialModel, string? initialTensors, double testMetric)
    {
        var training = new Dictionary<string, string>
        {
            ["train_data"] = this.train.Description,
            ["test_data"] = this.test.Description,
            ["seed"] = this.options.Seed.ToString(CultureInfo.InvariantCulture),
            ["epoch"] = state.Epoch.ToString(CultureInfo.InvariantCulture),
            ["epochs"] = this.options.Epochs.ToString(CultureInfo.InvariantCulture),
            ["steps"] = state.Step.ToString(CultureInfo.InvariantCulture),
            ["batch_size"] = this.options.BatchSize.ToString(CultureInfo.InvariantCulture),
            ["crop"] = this.options.Crop.ToString(CultureInfo.InvariantCulture),
            ["learning_rate"] = this.options.LearningRate.ToString("R", CultureInfo.InvariantCulture),
            ["matching"] = this.options.Matching.ToString().ToLowerInvariant(),
            ["precision"] = this.autocastType is { } reduced ? $"mixed-{reduced.ToString().ToLowerInvariant()}" : "float32",
            ["test_metric"] = testMetric.ToString("R", CultureInfo.InvariantCulture),
            ["initial_model"] = initialModel is null ? string.Empty : Path.GetFileName(initialModel),
            ["kernels"] = TorchRuntime.KernelDescription,
            ["threads"] = torch.get_num_threads().ToString(CultureInfo.InvariantCulture),
        };
        if (initialTensors is { } part)
        {
            training["initial_tensors"] = part; // only for a partial start, so records of other runs keep their keys
        }

        return new ModelMetadata(this.options.Spec, this.options.Normalisation, this.options.Crop, training, SegmentPlugin.Version);
    }

    private string Fingerprint(string? initialModel)
    {
        var text = JsonSerializer.Serialize(new { this.options, Train = this.train.Description, Test = this.test.Description, Initial = initialModel is null ? null : Path.GetFileName(initialModel) });
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
