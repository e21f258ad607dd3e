namespace Dislocate.Synthetic.Settings;

/// <summary>Everything that decides what a synthetic sample looks like; together with a seed it fixes every pixel.</summary>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Height">Image height in pixels.</param>
/// <param name="Background">Background model.</param>
/// <param name="Microstructure">Dislocation geometry.</param>
/// <param name="Drawing">Line drawing and masks.</param>
/// <param name="Sequence">Time-series options.</param>
public sealed record GeneratorSettings(
    int Width,
    int Height,
    BackgroundSettings Background,
    MicrostructureSettings Microstructure,
    DrawingSettings Drawing,
    SequenceSettings Sequence)
{
    /// <summary>The paper's setting: 512×512, Table 1 background, microstructure M2, flat lines.</summary>
    public static GeneratorSettings Default { get; } = new(
        512,
        512,
        BackgroundSettings.Default,
        MicrostructureSettings.Default,
        DrawingSettings.Default,
        SequenceSettings.Default);
}
