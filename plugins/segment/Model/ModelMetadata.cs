namespace Dislocate.Segment.Model;

/// <summary>Everything inference needs besides the weights; stored as JSON at the head of a model file.</summary>
/// <param name="Spec">The architecture.</param>
/// <param name="Normalisation">How pixel values become network input.</param>
/// <param name="TileSize">Side of the square images the model was trained on (pixels, a multiple of 32); inference tiles at this size.</param>
/// <param name="Training">Free key/value notes on how the model was made (dataset, seed, epochs, best metric, date…).</param>
/// <param name="PluginVersion">Version of the segment plugin that wrote the model.</param>
public sealed record ModelMetadata(
    ModelSpec Spec,
    InputNormalisation Normalisation,
    int TileSize,
    IReadOnlyDictionary<string, string> Training,
    string PluginVersion)
{
    /// <summary>The model file format this version writes for float32 weights.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>The format of files whose weights are stored as float16 (half the size; loaded back as float32), and the newest this version reads.</summary>
    public const int HalfWeightsFormatVersion = 2;

    /// <summary>Largest tile size accepted (a corrupted file must not make us allocate gigabytes).</summary>
    public const int MaxTileSize = 8192;

    /// <summary>The model file format version the metadata was read from (<see cref="CurrentFormatVersion"/> for new metadata).</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The first problem as (snake_case field path, message), or null when the metadata is valid.</summary>
    public (string Field, string Problem)? FindProblem()
    {
        if (this.Spec is null)
        {
            return ("spec", "is missing");
        }

        if (this.Spec.FindProblem() is { } spec)
        {
            return ($"spec.{spec.Field}", spec.Problem);
        }

        if (this.Normalisation is null)
        {
            return ("normalisation", "is missing");
        }

        if (this.Normalisation.FindProblem() is { } normalisation)
        {
            return ($"normalisation.{normalisation.Field}", normalisation.Problem);
        }

        if (this.TileSize < ModelSpec.SizeMultiple || this.TileSize > MaxTileSize || this.TileSize % ModelSpec.SizeMultiple != 0)
        {
            return ("tile_size", $"must be a multiple of {ModelSpec.SizeMultiple} between {ModelSpec.SizeMultiple} and {MaxTileSize}, got {this.TileSize}");
        }

        if (this.Training is null)
        {
            return ("training", "is missing");
        }

        if (this.Training.Keys.Any(string.IsNullOrEmpty))
        {
            return ("training", "has an empty key");
        }

        if (string.IsNullOrWhiteSpace(this.PluginVersion))
        {
            return ("plugin_version", "is empty");
        }

        return null;
    }

    /// <summary>Value equality, comparing <see cref="Training"/> by its entries rather than by reference.</summary>
    public bool Equals(ModelMetadata? other) =>
        other is not null
        && this.Spec == other.Spec
        && this.Normalisation == other.Normalisation
        && this.TileSize == other.TileSize
        && this.PluginVersion == other.PluginVersion
        && this.FormatVersion == other.FormatVersion
        && this.Training.Count == other.Training.Count
        && this.Training.All(kv => other.Training.TryGetValue(kv.Key, out var v) && v == kv.Value);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(this.Spec, this.Normalisation, this.TileSize, this.PluginVersion, this.FormatVersion, this.Training.Count);
}
