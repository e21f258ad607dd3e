using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dislocate.Contracts;

namespace Dislocate.Core.IO;

/// <summary>The labelme <c>shape_type</c> values.</summary>
public static class LabelmeShapeTypes
{
    /// <summary>A closed polygon (labelme's default when <c>shape_type</c> is missing).</summary>
    public const string Polygon = "polygon";

    /// <summary>An open polyline of two or more points.</summary>
    public const string LineStrip = "linestrip";

    /// <summary>A single segment of two points.</summary>
    public const string Line = "line";

    /// <summary>A single point.</summary>
    public const string Point = "point";

    /// <summary>Several unconnected points.</summary>
    public const string Points = "points";

    /// <summary>An axis-aligned rectangle given by two corners.</summary>
    public const string Rectangle = "rectangle";

    /// <summary>A circle given by its centre and a point on it.</summary>
    public const string Circle = "circle";
}

/// <summary>One labelme shape.</summary>
/// <param name="Label">The class label, e.g. "dislocation".</param>
/// <param name="ShapeType">The labelme <c>shape_type</c>, see <see cref="LabelmeShapeTypes"/>.</param>
/// <param name="Points">Vertices in pixel coordinates (x to the right, y down, labelme's convention), as (X, Y) tuples in file order.</param>
/// <param name="GroupId">The <c>group_id</c> (labelme's instance grouping), or null.</param>
/// <param name="Flags">The shape's <c>flags</c> object; null is written as <c>{}</c>.</param>
/// <param name="Description">The shape's <c>description</c> (labelme ≥ 5.2), or null to omit it.</param>
public sealed record LabelmeShape(
    string Label,
    string ShapeType,
    IReadOnlyList<(double X, double Y)> Points,
    int? GroupId = null,
    IReadOnlyDictionary<string, bool>? Flags = null,
    string? Description = null);

/// <summary>A labelme annotation file.</summary>
/// <param name="Shapes">The shapes in file order.</param>
/// <param name="ImagePath">The <c>imagePath</c>, relative to the JSON file as labelme writes it.</param>
/// <param name="ImageWidth">The <c>imageWidth</c> in pixels (positive).</param>
/// <param name="ImageHeight">The <c>imageHeight</c> in pixels (positive).</param>
/// <param name="Version">The labelme <c>version</c> string.</param>
/// <param name="Flags">The image-level <c>flags</c> object; null is written as <c>{}</c>.</param>
/// <param name="ImageData">The base64 <c>imageData</c>, or null (the usual case: the image lives next to the JSON).</param>
public sealed record LabelmeDocument(
    IReadOnlyList<LabelmeShape> Shapes,
    string ImagePath,
    int ImageWidth,
    int ImageHeight,
    string Version = LabelmeJson.DefaultVersion,
    IReadOnlyDictionary<string, bool>? Flags = null,
    string? ImageData = null);

/// <summary>Reads, validates and writes labelme JSON annotation files.</summary>
/// <remarks>
/// Reading validates strictly and reports the JSON path at fault (e.g. <c>shapes[3].points[1]</c>) in an
/// <see cref="InputFileException"/>. Unknown fields are ignored. Writing is deterministic: two-space indentation,
/// <c>\n</c> line ends, ordinal-sorted flag keys, shortest round-trippable number formatting, invariant culture.
/// </remarks>
public static class LabelmeJson
{
    /// <summary>The version string written for new documents.</summary>
    public const string DefaultVersion = "5.5.0";

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? threadBuffer;

    private static readonly JsonDocumentOptions ParseOptions = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

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
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, ParseOptions);
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var column = (ex.BytePositionInLine ?? 0) + 1;
            throw new InputFileException(sourceName, null, $"invalid JSON at line {line}, byte {column}: {JsonErrorText.Describe(ex.Message)}", ex);
        }

        using (document)
        {
            try
            {
                return ReadDocument(document.RootElement, sourceName);
            }
            catch (InvalidOperationException ex) when (ex.InnerException is DecoderFallbackException || ex.Message.Contains("UTF-8", StringComparison.Ordinal))
            {
                // JsonDocument checks the structure, not the bytes inside strings: a string with invalid UTF-8 fails
                // only when it is read (found by the hostile-input suite).
                throw new InputFileException(sourceName, null, "a text value is not valid UTF-8", ex);
            }
        }
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

    private static LabelmeDocument ReadDocument(JsonElement root, string source)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InputFileException(source, "$", $"expected a JSON object, found {Kind(root)}");
        }

        var version = OptionalString(root, "version", source, "version") ?? string.Empty;
        var flags = ReadFlags(root, "flags", source);
        var imagePath = OptionalString(root, "imagePath", source, "imagePath") ?? string.Empty;
        var imageData = OptionalString(root, "imageData", source, "imageData");
        var height = ReadImageSize(root, "imageHeight", source);
        var width = ReadImageSize(root, "imageWidth", source);

        if (!root.TryGetProperty("shapes", out var shapesElement))
        {
            throw new InputFileException(source, "shapes", "missing");
        }

        if (shapesElement.ValueKind != JsonValueKind.Array)
        {
            throw new InputFileException(source, "shapes", $"expected an array, found {Kind(shapesElement)}");
        }

        var shapes = new List<LabelmeShape>(shapesElement.GetArrayLength());
        var index = 0;
        foreach (var shape in shapesElement.EnumerateArray())
        {
            shapes.Add(ReadShape(shape, $"shapes[{index}]", source));
            index++;
        }

        return new LabelmeDocument(shapes, imagePath, width, height, version, flags, imageData);
    }

    private static LabelmeShape ReadShape(JsonElement shape, string path, string source)
    {
        if (shape.ValueKind != JsonValueKind.Object)
        {
            throw new InputFileException(source, path, $"expected an object, found {Kind(shape)}");
        }

        if (!shape.TryGetProperty("label", out var labelElement) || labelElement.ValueKind != JsonValueKind.String)
        {
            throw new InputFileException(source, path + ".label", labelElement.ValueKind == JsonValueKind.Undefined ? "missing" : $"expected a string, found {Kind(labelElement)}");
        }

        var shapeType = OptionalString(shape, "shape_type", source, path + ".shape_type") ?? LabelmeShapeTypes.Polygon;
        int? groupId = null;
        if (shape.TryGetProperty("group_id", out var group) && group.ValueKind != JsonValueKind.Null)
        {
            if (group.ValueKind != JsonValueKind.Number || !group.TryGetInt32(out var g))
            {
                throw new InputFileException(source, path + ".group_id", $"expected an integer or null, found {Kind(group)} {group.GetRawText()}");
            }

            groupId = g;
        }

        var description = OptionalString(shape, "description", source, path + ".description");
        var flags = ReadFlags(shape, path + ".flags", source, "flags");

        var pointsPath = path + ".points";
        if (!shape.TryGetProperty("points", out var pointsElement))
        {
            throw new InputFileException(source, pointsPath, "missing");
        }

        if (pointsElement.ValueKind != JsonValueKind.Array)
        {
            throw new InputFileException(source, pointsPath, $"expected an array of [x, y] pairs, found {Kind(pointsElement)}");
        }

        var points = new (double X, double Y)[pointsElement.GetArrayLength()];
        var i = 0;
        foreach (var point in pointsElement.EnumerateArray())
        {
            var pointPath = $"{pointsPath}[{i}]";
            if (point.ValueKind != JsonValueKind.Array || point.GetArrayLength() != 2)
            {
                var found = point.ValueKind == JsonValueKind.Array ? $"an array of {point.GetArrayLength()} values" : Kind(point);
                throw new InputFileException(source, pointPath, $"expected [x, y], found {found}");
            }

            points[i] = (Coordinate(point[0], pointPath + "[0]", source), Coordinate(point[1], pointPath + "[1]", source));
            i++;
        }

        var minimum = MinimumPoints(shapeType);
        if (points.Length < minimum)
        {
            throw new InputFileException(source, pointsPath, $"a '{shapeType}' shape needs at least {minimum} point{(minimum == 1 ? string.Empty : "s")}, found {points.Length}");
        }

        return new LabelmeShape(labelElement.GetString()!, shapeType, points, groupId, flags, description);
    }

    private static double Coordinate(JsonElement value, string path, string source)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            throw new InputFileException(source, path, $"expected a number, found {Kind(value)} {Truncate(value.GetRawText())}");
        }

        if (!value.TryGetDouble(out var d) || !double.IsFinite(d))
        {
            throw new InputFileException(source, path, $"the number {Truncate(value.GetRawText())} is not finite");
        }

        return d;
    }

    private static int ReadImageSize(JsonElement root, string name, string source)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new InputFileException(source, name, "missing");
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var n))
        {
            throw new InputFileException(source, name, $"expected a positive integer, found {Kind(value)} {Truncate(value.GetRawText())}");
        }

        if (n <= 0)
        {
            throw new InputFileException(source, name, $"must be positive, found {n}");
        }

        return n;
    }

    private static string? OptionalString(JsonElement parent, string name, string source, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new InputFileException(source, path, $"expected a string, found {Kind(value)}");
        }

        return value.GetString();
    }

    private static Dictionary<string, bool>? ReadFlags(JsonElement parent, string path, string source, string name = "flags")
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new InputFileException(source, path, $"expected an object of true/false values, found {Kind(value)}");
        }

        var flags = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new InputFileException(source, $"{path}.{property.Name}", $"expected true or false, found {Kind(property.Value)}");
            }

            flags[property.Name] = property.Value.GetBoolean();
        }

        return flags;
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Truncate(string text) =>
        text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");
}
