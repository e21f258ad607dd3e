using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Recipes;

/// <summary>
/// The JSON written next to every sample: provenance (generator version, dataset seed, index), the settings it was
/// sampled from, and the concrete recipe per frame. <c>dislocate synthetic replay</c> needs nothing else.
/// </summary>
/// <param name="Generator">Always <c>dislocate-synthetic</c>.</param>
/// <param name="GeneratorVersion">Plugin version that wrote the file.</param>
/// <param name="FormatVersion">Version of this document's layout.</param>
/// <param name="DatasetSeed">Master seed of the dataset.</param>
/// <param name="Index">Sample index within the dataset.</param>
/// <param name="Seed">Sample seed, derived from the dataset seed and the index.</param>
/// <param name="Settings">Settings the recipe was sampled from.</param>
/// <param name="Frames">One recipe per frame (one for a single image); instance ids are constant over frames.</param>
public sealed record SampleDocument(
    string Generator,
    string GeneratorVersion,
    int FormatVersion,
    ulong DatasetSeed,
    long Index,
    ulong Seed,
    GeneratorSettings Settings,
    IReadOnlyList<ImageRecipe> Frames)
{
    /// <summary>The value of <see cref="Generator"/>.</summary>
    public const string GeneratorName = "dislocate-synthetic";

    /// <summary>The current <see cref="FormatVersion"/>.</summary>
    public const int CurrentFormat = 1;
}
