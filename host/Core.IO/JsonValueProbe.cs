using System.Text.Json;

namespace Dislocate.Core.IO;

/// <summary>
/// Finds the value at a System.Text.Json exception's path (<c>$.shapes[1].points[0]</c>, <c>$['a b']</c>) in the
/// document it came from, so that an error can say what was found there. Used only after reading failed.
/// </summary>
internal static class JsonValueProbe
{
    /// <summary>The field path without the leading <c>$</c> (<c>shapes[1].points[0]</c>, <c>['a b']</c>); empty for the root.</summary>
    public static string FieldPath(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) ? string.Empty
        : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..]
        : jsonPath.TrimStart('$');

    /// <summary>
    /// Runs <paramref name="describe"/> on the element at <paramref name="jsonPath"/> of <paramref name="utf8Json"/>, or
    /// returns null when the text does not parse or the path does not lead to an element.
    /// </summary>
    public static string? Describe(ReadOnlyMemory<byte> utf8Json, string? jsonPath, Func<JsonElement, string> describe)
    {
        ArgumentNullException.ThrowIfNull(describe);
        try
        {
            using var document = JsonDocument.Parse(utf8Json);
            return TryFind(document.RootElement, jsonPath ?? "$", out var element) ? describe(element) : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    private static bool TryFind(JsonElement root, string path, out JsonElement element)
    {
        element = root;
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = i + 1;
                while (end < path.Length && path[end] != '.' && path[end] != '[')
                {
                    end++;
                }

                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(path[(i + 1)..end], out element))
                {
                    return false;
                }

                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0 || element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(path[(i + 2)..end], out element))
                {
                    return false;
                }

                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || element.ValueKind != JsonValueKind.Array || !int.TryParse(path.AsSpan(i + 1, end - i - 1), out var index)
                    || index < 0 || index >= element.GetArrayLength())
                {
                    return false;
                }

                element = element[index];
                i = end + 1;
            }
            else
            {
                return false;
            }
        }

        return true;
    }
}
