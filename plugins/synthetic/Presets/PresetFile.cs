using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Synthetic.Recipes;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Presets;

/// <summary>A named set of generator settings, e.g. microstructure M1 fitted to annotated real images.</summary>
/// <param name="Name">Short name.</param>
/// <param name="Description">What the preset models and where it came from.</param>
/// <param name="Settings">The generator settings.</param>
/// <param name="Fit">How a fitted preset was obtained, or null.</param>
public sealed record Preset(string Name, string Description, GeneratorSettings Settings, FitReport? Fit);

/// <summary>What <c>fit</c> saw in the annotations.</summary>
/// <param name="Source">The annotation folder.</param>
/// <param name="Images">Annotated images read.</param>
/// <param name="Lines">Line annotations read.</param>
/// <param name="Pileups">Pileups found.</param>
/// <param name="Shapes">Line shapes kept for the shape library.</param>
/// <param name="LinkDistance">Clustering distance used, pixels.</param>
/// <param name="MaxAngle">Clustering angle tolerance used, degrees.</param>
public sealed record FitReport(string Source, int Images, int Lines, int Pileups, int Shapes, double LinkDistance, double MaxAngle);

/// <summary>Reads and writes preset JSON files.</summary>
public static class PresetFile
{
    /// <summary>Reads a preset; errors name the file and the field.</summary>
    public static Preset Read(string path)
    {
        var preset = SyntheticJson.Read<Preset>(path);
        try
        {
            SettingsValidator.Validate(preset.Settings);
        }
        catch (Dislocate.Contracts.ParameterException e)
        {
            throw new InputFileException(path, $"settings.{e.Key}", e.Message, e);
        }

        return preset;
    }

    /// <summary>Writes a preset atomically.</summary>
    public static void Write(string path, Preset preset) => AtomicFile.WriteAllText(path, SyntheticJson.Serialize(preset));
}
