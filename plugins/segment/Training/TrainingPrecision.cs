namespace Dislocate.Segment.Training;

/// <summary>The arithmetic of a training run's forward pass.</summary>
internal enum TrainingPrecision
{
    /// <summary>Mixed on CUDA, float32 on the CPU.</summary>
    Auto,

    /// <summary>Everything in float32.</summary>
    Float32,

    /// <summary>Autocast: convolutions and matrix products in float16 on CUDA (with loss scaling) or bfloat16 on the CPU; weights, loss and optimiser in float32.</summary>
    Mixed,
}
