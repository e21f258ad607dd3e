using TorchSharp;
using static TorchSharp.torch;

namespace Dislocate.Segment.Training;

/// <summary>
/// Dynamic loss scaling for float16 training, as PyTorch's <c>torch.cuda.amp.GradScaler</c>: the loss is multiplied by a
/// large scale before <c>backward()</c> so small float16 gradients do not flush to zero; the gradients are divided by it
/// in place before the optimiser step; a step whose gradients hold an inf or NaN is skipped and the scale halved, and the
/// scale doubles after <see cref="DefaultGrowthInterval"/> good steps in a row.
/// </summary>
/// <remarks>
/// Per step: <see cref="ScaleLoss"/>, <c>backward()</c>, <see cref="Step"/>, <see cref="Update"/>. Unlike PyTorch the
/// scale is a host number, so the inf/NaN check reads one flag back from the device per step (the loop reads the loss
/// back anyway). bfloat16 has float32's exponent range and needs no scaler.
/// </remarks>
internal sealed class GradScaler
{
    /// <summary>PyTorch's initial scale, 2^16.</summary>
    public const double DefaultInitialScale = 65536;

    /// <summary>Factor applied to the scale after <see cref="DefaultGrowthInterval"/> good steps.</summary>
    public const double DefaultGrowthFactor = 2;

    /// <summary>Factor applied to the scale after a step with inf/NaN gradients.</summary>
    public const double DefaultBackoffFactor = 0.5;

    /// <summary>Good steps in a row before the scale grows.</summary>
    public const int DefaultGrowthInterval = 2000;

    private readonly double growthFactor;
    private readonly double backoffFactor;
    private readonly int growthInterval;
    private bool? stepFoundNonFinite;

    /// <summary>A scaler with PyTorch's defaults unless told otherwise.</summary>
    public GradScaler(double initialScale = DefaultInitialScale, double growthFactor = DefaultGrowthFactor, double backoffFactor = DefaultBackoffFactor, int growthInterval = DefaultGrowthInterval)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialScale);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(growthFactor, 1.0);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(backoffFactor);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(backoffFactor, 1.0);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(growthInterval);
        this.Scale = initialScale;
        this.growthFactor = growthFactor;
        this.backoffFactor = backoffFactor;
        this.growthInterval = growthInterval;
    }

    /// <summary>The current loss scale.</summary>
    public double Scale { get; private set; }

    /// <summary>Consecutive good steps since the scale last changed.</summary>
    public int GoodSteps { get; private set; }

    /// <summary>The state to store in a checkpoint.</summary>
    public GradScalerState State => new(this.Scale, this.GoodSteps);

    /// <summary>Continues from a checkpoint's state.</summary>
    public void Restore(GradScalerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!(state.Scale > 0) || double.IsInfinity(state.Scale) || state.GoodSteps < 0 || state.GoodSteps >= this.growthInterval)
        {
            throw new ArgumentException($"scale {state.Scale} with {state.GoodSteps} good steps is not a scaler state", nameof(state));
        }

        this.Scale = state.Scale;
        this.GoodSteps = state.GoodSteps;
        this.stepFoundNonFinite = null;
    }

    /// <summary>The loss times the scale, to call <c>backward()</c> on.</summary>
    public Tensor ScaleLoss(Tensor loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        return loss * this.Scale;
    }

    /// <summary>
    /// Divides the gradients of <paramref name="optimizer"/>'s parameters by the scale in place and takes the optimiser
    /// step when they are all finite; returns whether it stepped. Call <see cref="Update"/> before the next step.
    /// </summary>
    public bool Step(optim.Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        if (this.stepFoundNonFinite is not null)
        {
            throw new InvalidOperationException("Step was called twice without Update in between.");
        }

        var finite = this.Unscale(optimizer.parameters());
        this.stepFoundNonFinite = !finite;
        if (finite)
        {
            optimizer.step();
        }

        return finite;
    }

    /// <summary>Adjusts the scale after a <see cref="Step"/>: back off after inf/NaN gradients, grow after enough good steps.</summary>
    public void Update()
    {
        var nonFinite = this.stepFoundNonFinite ?? throw new InvalidOperationException("Update needs a Step first.");
        this.stepFoundNonFinite = null;
        if (nonFinite)
        {
            this.Scale *= this.backoffFactor;
            this.GoodSteps = 0;
            return;
        }

        if (++this.GoodSteps == this.growthInterval)
        {
            // As PyTorch: never grow into infinity.
            var grown = this.Scale * this.growthFactor;
            this.Scale = double.IsFinite(grown) ? grown : this.Scale;
            this.GoodSteps = 0;
        }
    }

    /// <summary>Divides every gradient by the scale in place; true when all are finite afterwards.</summary>
    private bool Unscale(IEnumerable<TorchSharp.Modules.Parameter> parameters)
    {
        using var scope = NewDisposeScope();
        var inverse = 1.0 / this.Scale;
        var flags = new List<Tensor>();
        foreach (var parameter in parameters)
        {
            if (parameter.grad is not { } grad)
            {
                continue;
            }

            // Gradients keep their own type (float32 weights give float32 gradients); the product is taken in it.
            grad.mul_(inverse);
            flags.Add(grad.isfinite().all());
        }

        return flags.Count == 0 || torch.stack(flags).all().item<bool>();
    }
}
