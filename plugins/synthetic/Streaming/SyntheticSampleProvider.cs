using Dislocate.Contracts;
using Dislocate.Synthetic.Presets;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Streaming;

/// <summary>The generator as a host service: training in other plugins streams its images through this provider.</summary>
public sealed class SyntheticSampleProvider : ISampleSourceProvider
{
    /// <inheritdoc/>
    public string Description => $"synthetic {SyntheticPlugin.Version}";

    /// <summary>Opens a stream of the preset's images (M2 defaults when <paramref name="presetPath"/> is null or empty).</summary>
    public ISampleSource Open(string? presetPath, ulong seed) =>
        presetPath is { Length: > 0 }
            ? new SyntheticSampleSource(PresetFile.Read(presetPath).Settings, seed, $"preset {Path.GetFileName(presetPath)}")
            : new SyntheticSampleSource(GeneratorSettings.Default, seed, "M2 defaults");
}
