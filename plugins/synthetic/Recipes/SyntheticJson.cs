using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dislocate.Contracts;
using Dislocate.Core.IO;

namespace Dislocate.Synthetic.Recipes;

/// <summary>
/// JSON settings for recipes, settings, presets and dataset manifests: snake_case names, enums as words, ranges as
/// <c>[min, max]</c>, doubles in shortest round-trip form, so writing the same object always gives the same bytes.
/// </summary>
public static class SyntheticJson
{
    /// <summary>The shared serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serializes to indented UTF-8 JSON text with a trailing newline.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options) + "\n";

    /// <summary>Reads a JSON file into <typeparamref name="T"/>; malformed content becomes an <see cref="InputFileException"/> naming the file and JSON path.</summary>
    public static T Read<T>(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFileException(path, null, $"cannot be read: {e.Message}", e);
        }

        return Parse<T>(text, path);
    }

    /// <summary>Parses JSON text; <paramref name="path"/> is used in error messages.</summary>
    public static T Parse<T>(string text, string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(text, Options) ?? throw new InputFileException(path, null, "is empty (null)");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, byte {e.BytePositionInLine + 1})") : string.Empty;
            throw new InputFileException(path, string.IsNullOrEmpty(e.Path) ? null : e.Path, $"{JsonErrorText.Describe(e.Message)}{where}", e);
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var o = new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            NumberHandling = JsonNumberHandling.Strict,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        o.Converters.Add(new ValueRangeConverter());
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    /// <summary>Writes a <see cref="ValueRange"/> as <c>[min, max]</c> and reads that or a single number.</summary>
    private sealed class ValueRangeConverter : JsonConverter<ValueRange>
    {
        public override ValueRange Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                return ValueRange.Fixed(reader.GetDouble());
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException("expected a range [min, max] or a number");
            }

            var min = NextNumber(ref reader);
            var max = NextNumber(ref reader);
            reader.Read();
            if (reader.TokenType != JsonTokenType.EndArray)
            {
                throw new JsonException("a range has exactly two numbers [min, max]");
            }

            if (!double.IsFinite(min) || !double.IsFinite(max) || min > max)
            {
                throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"range [{min}, {max}] must be finite with min ≤ max"));
            }

            return new ValueRange(min, max);
        }

        private static double NextNumber(ref Utf8JsonReader reader)
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.Number)
            {
                throw new JsonException("a range is [min, max] with two numbers");
            }

            return reader.GetDouble();
        }

        public override void Write(Utf8JsonWriter writer, ValueRange value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(value.Min);
            writer.WriteNumberValue(value.Max);
            writer.WriteEndArray();
        }
    }
}
