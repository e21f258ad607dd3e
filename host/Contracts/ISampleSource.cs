namespace Dislocate.Contracts;

/// <summary>Labelled images by index, rendered on demand; the same index always gives the same image.</summary>
/// <remarks>Implementations are thread-safe: training renders several indices at once.</remarks>
public interface ISampleSource
{
    /// <summary>Width of every image, pixels.</summary>
    int Width { get; }

    /// <summary>Height of every image, pixels.</summary>
    int Height { get; }

    /// <summary>What the images are, for logs and training records (e.g. the preset, seed and generator version).</summary>
    string Description { get; }

    /// <summary>Image <paramref name="index"/> (≥ 0) and its instance masks.</summary>
    LabelledImage Render(long index);
}
