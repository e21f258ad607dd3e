using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dislocate.Contracts;

namespace Dislocate.Core.IO;

/// <summary>Reads, validates and writes labelme JSON annotation files.</summary>
/// <remarks>
/// Reading deserializes through the source-generated <see cref="LabelmeJsonContext"/>, then validates strictly; either
/// step reports the JSON path at fault (e.g. <c>shapes[3].points[1]</c>) and what was found there in an
/// <see cref="InputFileException"/>. Unknown fields are ignored; a null field counts as missing. Writing stays on
/// <see cref="Utf8JsonWriter"/> with <see cref="JsonDecimal"/>: datasets write one file per image, and the bytes must not change. Writing is deterministic: two-space indentation,
/// <c>\n</c> line ends, ordinal-sorted flag keys, shortest round-trippable number formatting, invariant culture.
/// </remarks>
public static class LabelmeJson
{
    /// <summary>The version string written for new documents.</summary>
    public const string DefaultVersion = "5.5.0";

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? threadBuffer;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Reads and validates the labelme file at <paramref name="path"/>.</summary>
    public static LabelmeDocument Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InputFileException(path, null, $"cannot read the file: {ex.Message}", ex);
        }

        return Parse(bytes, path);
    }

    /// <summary>Parses and validates labelme JSON; <paramref name="sourceName"/> names the source in errors.</summary>
    public static LabelmeDocument Parse(ReadOnlyMemory<byte> utf8Json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        LabelmeFileModel? file;
        try
        {
            file = JsonSerializer.Deserialize(utf8Json.Span, LabelmeJsonContext.Default.LabelmeFileModel);
        }
        catch (JsonException ex)
        {
            throw ReadError(utf8Json, sourceName, ex);
        }

        return file is null
            ? throw new InputFileException(sourceName, "$", "expected a JSON object, found null")
            : ToDocument(file, sourceName);
    }

    /// <summary>Parses and validates labelme JSON text.</summary>
    public static LabelmeDocument Parse(string json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json), sourceName);
    }

    /// <summary>The document as indented labelme JSON text ending in a newline.</summary>
    public static string Serialize(LabelmeDocument document) => Encoding.UTF8.GetString(SerializeToUtf8(document));

    /// <summary>The document as UTF-8 labelme JSON (no byte-order mark).</summary>
    public static byte[] SerializeToUtf8(LabelmeDocument document)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        SerializeInto(document, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the document to <paramref name="path"/> atomically; <paramref name="durable"/> as in <see cref="AtomicFile.Write"/>.</summary>
    /// <remarks>The text is built in a buffer kept per thread: datasets write one such file per image.</remarks>
    public static void Write(string path, LabelmeDocument document, bool durable = true)
    {
        var buffer = threadBuffer ??= new ArrayBufferWriter<byte>(64 * 1024);
        buffer.ResetWrittenCount();
        SerializeInto(document, buffer);
        AtomicFile.Write(path, s => s.Write(buffer.WrittenSpan), durable);
    }

    /// <summary>Appends the document's UTF-8 JSON text and a final newline to <paramref name="buffer"/>.</summary>
    private static void SerializeInto(LabelmeDocument document, ArrayBufferWriter<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(document);
        Validate(document);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("version", document.Version);
            WriteFlags(w, document.Flags);
            w.WriteStartArray("shapes");
            foreach (var shape in document.Shapes)
            {
                w.WriteStartObject();
                w.WriteString("label", shape.Label);
                w.WriteStartArray("points");
                foreach (var (x, y) in shape.Points)
                {
                    w.WriteStartArray();
                    JsonDecimal.Write(w, x);
                    JsonDecimal.Write(w, y);
                    w.WriteEndArray();
                }

                w.WriteEndArray();
                if (shape.GroupId is { } group)
                {
                    w.WriteNumber("group_id", group);
                }
                else
                {
                    w.WriteNull("group_id");
                }

                if (shape.Description is not null)
                {
                    w.WriteString("description", shape.Description);
                }

                w.WriteString("shape_type", shape.ShapeType);
                WriteFlags(w, shape.Flags);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("imagePath", document.ImagePath);
            if (document.ImageData is null)
            {
                w.WriteNull("imageData");
            }
            else
            {
                w.WriteString("imageData", document.ImageData);
            }

            w.WriteNumber("imageHeight", document.ImageHeight);
            w.WriteNumber("imageWidth", document.ImageWidth);
            w.WriteEndObject();
        }

        buffer.GetSpan(1)[0] = (byte)'\n';
        buffer.Advance(1);
    }

    /// <summary>Whether a shape type describes a line: <c>linestrip</c>, <c>line</c>, or <c>polygon</c> (read as a polyline).</summary>
    public static bool IsLineLike(string shapeType) =>
        shapeType is LabelmeShapeTypes.LineStrip or LabelmeShapeTypes.Line or LabelmeShapeTypes.Polygon;

    /// <summary>
    /// The points of every line-like shape (<see cref="IsLineLike"/>) in file order, as polylines. Polygons are taken
    /// as drawn, without repeating the first point, unless <paramref name="closePolygons"/> is true.
    /// </summary>
    public static IReadOnlyList<(double X, double Y)[]> LinePolylines(LabelmeDocument document, bool closePolygons = false)
    {
        ArgumentNullException.ThrowIfNull(document);
        var result = new List<(double X, double Y)[]>();
        foreach (var shape in document.Shapes)
        {
            if (!IsLineLike(shape.ShapeType))
            {
                continue;
            }

            var close = closePolygons && shape.ShapeType == LabelmeShapeTypes.Polygon && shape.Points.Count > 2;
            var points = new (double X, double Y)[shape.Points.Count + (close ? 1 : 0)];
            for (var i = 0; i < shape.Points.Count; i++)
            {
                points[i] = shape.Points[i];
            }

            if (close)
            {
                points[^1] = shape.Points[0];
            }

            result.Add(points);
        }

        return result;
    }

    private static int MinimumPoints(string shapeType) => shapeType switch
    {
        LabelmeShapeTypes.LineStrip or LabelmeShapeTypes.Line or LabelmeShapeTypes.Polygon => 2,
        LabelmeShapeTypes.Rectangle or LabelmeShapeTypes.Circle => 2,
        _ => 1,
    };

    private static void Validate(LabelmeDocument document)
    {
        ArgumentNullException.ThrowIfNull(document.Shapes);
        ArgumentNullException.ThrowIfNull(document.ImagePath);
        ArgumentNullException.ThrowIfNull(document.Version);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(document.ImageWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(document.ImageHeight);
        for (var s = 0; s < document.Shapes.Count; s++)
        {
            var shape = document.Shapes[s] ?? throw new ArgumentException($"shapes[{s}] is null.", nameof(document));
            if (shape.Label is null || shape.ShapeType is null || shape.Points is null)
            {
                throw new ArgumentException($"shapes[{s}] needs a label, a shape type and points.", nameof(document));
            }

            for (var p = 0; p < shape.Points.Count; p++)
            {
                if (!double.IsFinite(shape.Points[p].X) || !double.IsFinite(shape.Points[p].Y))
                {
                    throw new ArgumentException($"shapes[{s}].points[{p}] is not finite; JSON cannot store it.", nameof(document));
                }
            }
        }
    }

    private static void WriteFlags(Utf8JsonWriter w, IReadOnlyDictionary<string, bool>? flags)
    {
        w.WriteStartObject("flags");
        if (flags is not null)
        {
            foreach (var key in flags.Keys.Order(StringComparer.Ordinal))
            {
                w.WriteBoolean(key, flags[key]);
            }
        }

        w.WriteEndObject();
    }

    /// <summary>The <see cref="InputFileException"/> for JSON the deserializer refused: a syntax error with its position, or the field at fault and what was found there.</summary>
    private static InputFileException ReadError(ReadOnlyMemory<byte> utf8Json, string source, JsonException ex)
    {
        if (SyntaxError(utf8Json.Span) is { } syntax)
        {
            var line = (syntax.LineNumber ?? 0) + 1;
            var column = (syntax.BytePositionInLine ?? 0) + 1;
            return new InputFileException(source, null, $"invalid JSON at line {line}, byte {column}: {JsonErrorText.Describe(syntax.Message)}", ex);
        }

        var field = JsonValueProbe.FieldPath(ex.Path);
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            // The reader checks the structure, not the bytes inside strings: a string with invalid UTF-8 fails only when
            // it is read (found by the hostile-input suite).
            if (inner is DecoderFallbackException)
            {
                return new InputFileException(source, field.Length == 0 ? null : field, "a text value is not valid UTF-8", ex);
            }
        }

        var expected = Expected(field);
        var problem = JsonValueProbe.Describe(utf8Json, ex.Path, element => $"expected {expected}, found {Found(element)}");
        return new InputFileException(source, field.Length == 0 ? "$" : field, problem ?? $"expected {expected}", ex);
    }

    /// <summary>The reader's syntax error in <paramref name="utf8Json"/>, or null when it is well-formed JSON.</summary>
    private static JsonException? SyntaxError(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            while (reader.Read())
            {
            }

            return null;
        }
        catch (JsonException ex)
        {
            return ex;
        }
    }

    /// <summary>What the field at <paramref name="field"/> (a path with indices, e.g. <c>shapes[2].points[0][1]</c>) must hold.</summary>
    private static string Expected(string field) => Regex.Replace(field, "\\[[0-9]+\\]", "[]") switch
    {
        "" => "a JSON object",
        "shapes" => "an array",
        "shapes[]" => "an object",
        "shapes[].points" => "an array of [x, y] pairs",
        "shapes[].points[]" => "[x, y]",
        "shapes[].points[][]" => "a number",
        "shapes[].group_id" => "an integer or null",
        "flags" or "shapes[].flags" => "an object of true/false values",
        "imageHeight" or "imageWidth" => "a positive integer",
        var f when f.StartsWith("flags", StringComparison.Ordinal) || f.StartsWith("shapes[].flags", StringComparison.Ordinal) => "true or false",
        _ => "a string",
    };

    private static LabelmeDocument ToDocument(LabelmeFileModel file, string source)
    {
        var height = ImageSize(file.ImageHeight, "imageHeight", source);
        var width = ImageSize(file.ImageWidth, "imageWidth", source);
        if (file.Shapes is null)
        {
            throw new InputFileException(source, "shapes", "missing");
        }

        var shapes = new List<LabelmeShape>(file.Shapes.Count);
        for (var s = 0; s < file.Shapes.Count; s++)
        {
            shapes.Add(ToShape(file.Shapes[s], $"shapes[{s}]", source));
        }

        return new LabelmeDocument(shapes, file.ImagePath ?? string.Empty, width, height, file.Version ?? string.Empty, file.Flags, file.ImageData);
    }

    private static LabelmeShape ToShape(LabelmeShapeModel? shape, string path, string source)
    {
        if (shape is null)
        {
            throw new InputFileException(source, path, "expected an object, found null");
        }

        if (shape.Label is null)
        {
            throw new InputFileException(source, path + ".label", "missing");
        }

        var shapeType = shape.ShapeType ?? LabelmeShapeTypes.Polygon;
        var pointsPath = path + ".points";
        if (shape.Points is null)
        {
            throw new InputFileException(source, pointsPath, "missing");
        }

        var points = new (double X, double Y)[shape.Points.Count];
        for (var i = 0; i < points.Length; i++)
        {
            if (shape.Points[i] is not [var x, var y])
            {
                var found = shape.Points[i] is { } values ? $"an array of {values.Length} values" : "null";
                throw new InputFileException(source, $"{pointsPath}[{i}]", $"expected [x, y], found {found}");
            }

            // The deserializer reads 1e400 as infinity; JSON has no such number, and a line cannot use it.
            if (!double.IsFinite(x) || !double.IsFinite(y))
            {
                throw new InputFileException(source, $"{pointsPath}[{i}][{(double.IsFinite(x) ? 1 : 0)}]", "the number is not finite (beyond ±1.8e308)");
            }

            points[i] = (x, y);
        }

        var minimum = MinimumPoints(shapeType);
        if (points.Length < minimum)
        {
            throw new InputFileException(source, pointsPath, $"a '{shapeType}' shape needs at least {minimum} point{(minimum == 1 ? string.Empty : "s")}, found {points.Length}");
        }

        return new LabelmeShape(shape.Label, shapeType, points, shape.GroupId, shape.Flags, shape.Description);
    }

    private static int ImageSize(int? value, string name, string source) => value switch
    {
        null => throw new InputFileException(source, name, "missing"),
        <= 0 => throw new InputFileException(source, name, $"must be positive, found {value}"),
        _ => value.Value,
    };

    private static string Found(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => $"an array of {element.GetArrayLength()} values",
        JsonValueKind.String => $"a string {Truncate(element.GetRawText())}",
        JsonValueKind.Number => $"a number {Truncate(element.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Truncate(string text) =>
        text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");
}
