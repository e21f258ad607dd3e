using System.Text;

namespace Dislocate.Hosting.Parameters;

/// <summary>ImageJ macro option strings: <c>key=value key=[value with spaces] flag</c>, as recorded by ImageJ's GenericDialog.</summary>
public static class ImageJOptions
{
    /// <summary>
    /// Splits an option string into keys and raw values. A bare word is a checked checkbox (value "true").
    /// Keys are lower-cased; a repeated key is an error, as is an unterminated bracket.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Parse(string options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < options.Length)
        {
            while (i < options.Length && char.IsWhiteSpace(options[i]))
            {
                i++;
            }

            if (i >= options.Length)
            {
                break;
            }

            var keyStart = i;
            while (i < options.Length && options[i] != '=' && !char.IsWhiteSpace(options[i]))
            {
                i++;
            }

            var key = options[keyStart..i];
            string value;
            if (i < options.Length && options[i] == '=')
            {
                i++;
                if (i < options.Length && options[i] == '[')
                {
                    var close = options.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        throw new FormatException($"option '{key}': '[' without a closing ']'");
                    }

                    value = options[(i + 1)..close];
                    i = close + 1;
                }
                else
                {
                    var start = i;
                    while (i < options.Length && !char.IsWhiteSpace(options[i]))
                    {
                        i++;
                    }

                    value = options[start..i];
                }
            }
            else
            {
                value = "true";
            }

            if (key.Length == 0)
            {
                throw new FormatException($"option string has a value without a key near position {keyStart}");
            }

            if (!result.TryAdd(key, value))
            {
                throw new FormatException($"option '{key}' is given twice");
            }
        }

        return result;
    }

    /// <summary>Builds an option string ImageJ's recorder would write: brackets around values with spaces or brackets' absence ambiguity, bare keys for true checkboxes, false checkboxes left out.</summary>
    public static string Format(IEnumerable<KeyValuePair<string, string>> options, ISet<string>? booleanKeys = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sb = new StringBuilder();
        foreach (var (key, value) in options)
        {
            if (booleanKeys?.Contains(key) == true)
            {
                if (value == "true")
                {
                    Append(sb, key);
                }

                continue;
            }

            var needsBrackets = value.Length == 0 || value.Any(char.IsWhiteSpace) || value.StartsWith('[');
            Append(sb, needsBrackets ? $"{key}=[{value}]" : $"{key}={value}");
        }

        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string item)
    {
        if (sb.Length > 0)
        {
            sb.Append(' ');
        }

        sb.Append(item);
    }
}
