using System.Text.Json;
using Dislocate.Contracts;

namespace Dislocate.Segment.Model;

/// <summary>The JSON form of <see cref="ModelMetadata"/> inside a model file: snake_case keys, enums as words, training notes sorted by key.</summary>
/// <remarks>
/// Reading is strict about types and required fields (errors name the JSON path) and ignores unknown keys; the file
/// format version, not the JSON, marks incompatible changes.
/// </remarks>
internal static class ModelMetadataJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true };

    /// <summary>UTF-8 JSON bytes of <paramref name="metadata"/>; the same metadata always gives the same bytes.</summary>
    public static byte[] Serialize(ModelMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("plugin_version", metadata.PluginVersion);
            w.WriteStartObject("spec");
            w.WriteString("encoder", EncoderNames.Name(metadata.Spec.Encoder));
            w.WriteNumber("outputs", metadata.Spec.Outputs);
            w.WriteNumber("decoder_scale", metadata.Spec.DecoderScale);
            w.WriteNumber("input_channels", metadata.Spec.InputChannels);
            if (metadata.Spec.Output != OutputKind.Instances)
            {
                w.WriteString("output", OutputName(metadata.Spec.Output)); // absent = instances, so older files read unchanged
            }

            if (metadata.Spec.NestedScale != 1)
            {
                w.WriteNumber("nested_scale", metadata.Spec.NestedScale); // absent = 1, so smp-shaped models keep their bytes
            }

            w.WriteEndObject();
            w.WriteStartObject("normalisation");
            w.WriteString("mode", ModeName(metadata.Normalisation.Mode));
            w.WriteNumber("mean", metadata.Normalisation.Mean);
            w.WriteNumber("std", metadata.Normalisation.Std);
            w.WriteNumber("min_std", metadata.Normalisation.MinStd);
            w.WriteEndObject();
            w.WriteNumber("tile_size", metadata.TileSize);
            w.WriteStartObject("training");
            foreach (var (key, value) in metadata.Training.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Parses metadata JSON read from <paramref name="path"/>; any problem is an <see cref="InputFileException"/> naming the field.</summary>
    public static ModelMetadata Parse(byte[] json, string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InputFileException(path, "metadata", $"is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            Expect(root, JsonValueKind.Object, "metadata", path);
            var spec = Member(root, "spec", JsonValueKind.Object, path);
            var encoderName = String(spec, "spec.encoder", "encoder", path);
            if (!EncoderNames.TryParse(encoderName, out var encoder))
            {
                throw new InputFileException(path, "spec.encoder", $"'{encoderName}' is not one of {string.Join(", ", EncoderNames.All)}");
            }

            var normalisation = Member(root, "normalisation", JsonValueKind.Object, path);
            var modeName = String(normalisation, "normalisation.mode", "mode", path);
            var mode = modeName switch
            {
                "per_image" => NormalisationMode.PerImage,
                "fixed" => NormalisationMode.Fixed,
                _ => throw new InputFileException(path, "normalisation.mode", $"'{modeName}' is not per_image or fixed"),
            };
            var training = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in Member(root, "training", JsonValueKind.Object, path).EnumerateObject())
            {
                Expect(entry.Value, JsonValueKind.String, $"training.{entry.Name}", path);
                training[entry.Name] = entry.Value.GetString()!;
            }

            return new ModelMetadata(
                new ModelSpec(
                    encoder,
                    Int(spec, "spec.outputs", "outputs", path),
                    Number(spec, "spec.decoder_scale", "decoder_scale", path),
                    Int(spec, "spec.input_channels", "input_channels", path),
                    ReadOutput(spec, path),
                    spec.TryGetProperty("nested_scale", out _) ? Number(spec, "spec.nested_scale", "nested_scale", path) : 1.0),
                new InputNormalisation(
                    mode,
                    Number(normalisation, "normalisation.mean", "mean", path),
                    Number(normalisation, "normalisation.std", "std", path),
                    Number(normalisation, "normalisation.min_std", "min_std", path)),
                Int(root, "tile_size", "tile_size", path),
                training,
                String(root, "plugin_version", "plugin_version", path));
        }
    }

    /// <summary>The JSON word for an output kind.</summary>
    public static string OutputName(OutputKind output) => output == OutputKind.LineMap ? "line_map" : "instances";

    private static OutputKind ReadOutput(JsonElement spec, string path)
    {
        if (!spec.TryGetProperty("output", out _))
        {
            return OutputKind.Instances;
        }

        return String(spec, "spec.output", "output", path) switch
        {
            "instances" => OutputKind.Instances,
            "line_map" => OutputKind.LineMap,
            var other => throw new InputFileException(path, "spec.output", $"'{other}' is not instances or line_map"),
        };
    }

    private static string ModeName(NormalisationMode mode) => mode == NormalisationMode.Fixed ? "fixed" : "per_image";

    private static JsonElement Member(JsonElement parent, string name, JsonValueKind kind, string path)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            throw new InputFileException(path, name, "is missing");
        }

        Expect(value, kind, name, path);
        return value;
    }

    private static string String(JsonElement parent, string field, string name, string path) =>
        Value(parent, field, name, JsonValueKind.String, path).GetString()!;

    private static double Number(JsonElement parent, string field, string name, string path) =>
        Value(parent, field, name, JsonValueKind.Number, path).GetDouble();

    private static int Int(JsonElement parent, string field, string name, string path)
    {
        var value = Value(parent, field, name, JsonValueKind.Number, path);
        return value.TryGetInt32(out var i) ? i : throw new InputFileException(path, field, $"must be a whole number, got {value.GetRawText()}");
    }

    private static JsonElement Value(JsonElement parent, string field, string name, JsonValueKind kind, string path)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            throw new InputFileException(path, field, "is missing");
        }

        Expect(value, kind, field, path);
        return value;
    }

    private static void Expect(JsonElement value, JsonValueKind kind, string field, string path)
    {
        if (value.ValueKind != kind)
        {
            throw new InputFileException(path, field, $"must be a JSON {kind.ToString().ToLowerInvariant()}, got {value.ValueKind.ToString().ToLowerInvariant()}");
        }
    }
}
