namespace Dislocate.Segment.Inference;

/// <summary>The network behind tiled prediction: probabilities for batches of normalised tiles, from libtorch or ONNX Runtime.</summary>
internal interface ITileNetwork : IDisposable
{
    /// <summary>Maps per tile (masks for N-mask models, 1 for line maps).</summary>
    int Outputs { get; }

    /// <summary>Which engine runs it, for logs and records (e.g. <c>onnxruntime 1.32.0 (CPU, 2 threads)</c>).</summary>
    string Engine { get; }

    /// <summary>
    /// Probabilities (sigmoid of the logits) of <paramref name="count"/> tiles of <paramref name="height"/> ×
    /// <paramref name="width"/> into <paramref name="probabilities"/>, laid out [tile, output, row, column].
    /// </summary>
    void Run(ReadOnlySpan<float> tiles, int count, int height, int width, Span<float> probabilities);

    /// <summary>
    /// Probabilities of a whole image resampled to <paramref name="size"/>² and back (the <c>resize</c> mode), one plane per output.
    /// </summary>
    float[][] RunResized(float[] image, int width, int height, int size);
}
