namespace Dislocate.Segment.Training;

/// <summary>A finite, indexable set of training samples; thread-safe, and sample i is always the same sample.</summary>
internal interface ITrainingSamples
{
    /// <summary>Number of samples.</summary>
    long Count { get; }

    /// <summary>One line naming the source, for logs and model metadata.</summary>
    string Description { get; }

    /// <summary>Sample <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>).</summary>
    TrainingSample Get(long index);
}
