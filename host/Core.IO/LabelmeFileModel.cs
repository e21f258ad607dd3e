using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dislocate.Core.IO;

/// <summary>A labelme file as System.Text.Json reads it, before <see cref="LabelmeJson"/> validates it into a <see cref="LabelmeDocument"/>.</summary>
/// <remarks>Every field is optional here so that a missing one is reported by the validation with its path, not by the deserializer.</remarks>
internal sealed class LabelmeFileModel
{
    [JsonPropertyName("version")]
    public string? Version { get; set; }

    [JsonPropertyName("flags")]
    public Dictionary<string, bool>? Flags { get; set; }

    [JsonPropertyName("shapes")]
    public List<LabelmeShapeModel?>? Shapes { get; set; }

    [JsonPropertyName("imagePath")]
    public string? ImagePath { get; set; }

    [JsonPropertyName("imageData")]
    public string? ImageData { get; set; }

    [JsonPropertyName("imageHeight")]
    public int? ImageHeight { get; set; }

    [JsonPropertyName("imageWidth")]
    public int? ImageWidth { get; set; }
}

/// <summary>One element of a labelme file's <c>shapes</c> array, before validation.</summary>
internal sealed class LabelmeShapeModel
{
    [JsonPropertyName("label")]
    public string? Label { get; set; }

    [JsonPropertyName("points")]
    public List<double[]?>? Points { get; set; }

    [JsonPropertyName("group_id")]
    public int? GroupId { get; set; }

    [JsonPropertyName("shape_type")]
    public string? ShapeType { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("flags")]
    public Dictionary<string, bool>? Flags { get; set; }
}

/// <summary>The source-generated System.Text.Json reader of labelme files: strict JSON (no comments, no trailing commas), numbers only as numbers.</summary>
[JsonSourceGenerationOptions(
    GenerationMode = JsonSourceGenerationMode.Metadata,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    AllowTrailingCommas = false,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(LabelmeFileModel))]
internal sealed partial class LabelmeJsonContext : JsonSerializerContext;
