namespace Dislocate.Segment.Evaluation;

/// <summary>One plane's values: floats, or bytes read as value / 255 (8-bit masks need not be widened to floats).</summary>
internal readonly struct PlaneData
{
    public PlaneData(ReadOnlyMemory<float> floats)
    {
        this.Floats = floats;
        this.IsBytes = false;
    }

    public PlaneData(ReadOnlyMemory<byte> bytes)
    {
        this.Bytes = bytes;
        this.IsBytes = true;
    }

    public ReadOnlyMemory<float> Floats { get; }

    public ReadOnlyMemory<byte> Bytes { get; }

    public bool IsBytes { get; }

    public int Length => this.IsBytes ? this.Bytes.Length : this.Floats.Length;

    /// <summary>The value at flat index <paramref name="index"/>, in [0, 1] for valid planes.</summary>
    public float this[int index] => this.IsBytes ? this.Bytes.Span[index] / 255f : this.Floats.Span[index];
}
