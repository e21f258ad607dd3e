namespace Dislocate.Contracts;

/// <summary>
/// A host service that opens streams of labelled training images; the synthetic generator plugin offers one, and the
/// segmentation plugin trains from whichever is installed, so each plugin keeps its own version.
/// </summary>
public interface ISampleSourceProvider
{
    /// <summary>Who provides the images, e.g. <c>synthetic 0.1.0</c>.</summary>
    string Description { get; }

    /// <summary>
    /// Opens the stream for a preset file (null = the provider's defaults) and a seed. A bad preset throws
    /// <see cref="InputFileException"/> naming the file and the field.
    /// </summary>
    ISampleSource Open(string? presetPath, ulong seed);
}
