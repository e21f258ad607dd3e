using System.Text.RegularExpressions;

namespace Dislocate.Core.IO;

/// <summary>
/// System.Text.Json's error messages in words for users: without the "Path: … | LineNumber: …" tail it appends (the
/// readers report the field and a one-based position themselves), and without the .NET type names its deserializer puts
/// in (<c>could not be converted to System.Double</c> reads "expected a number").
/// </summary>
public static class JsonErrorText
{
    /// <summary>The message of a System.Text.Json exception, shortened and put in users' words.</summary>
    public static string Describe(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        message = cut > 0 ? message[..cut] : message;
        const string Prefix = "The JSON value could not be converted to ";
        if (message.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return "expected " + ExpectedValue(message[Prefix.Length..].TrimEnd('.', ' '));
        }

        if (message.Contains("doesn't allow null values", StringComparison.Ordinal))
        {
            return "must not be null";
        }

        var missing = Regex.Match(message, "missing required properties including: (.*)\\.?$");
        if (missing.Success)
        {
            return "is missing " + missing.Groups[1].Value.TrimEnd('.').Replace("'", string.Empty, StringComparison.Ordinal);
        }

        var unknown = Regex.Match(message, "The JSON property '([^']*)' could not be mapped");
        return unknown.Success ? $"has an unknown field '{unknown.Groups[1].Value}'" : message;
    }

    private static string ExpectedValue(string type) => type switch
    {
        "System.Double" or "System.Single" => "a number",
        "System.Int32" or "System.Int64" or "System.UInt32" or "System.UInt64" => "a whole number",
        "System.String" => "a text in quotes",
        "System.Boolean" => "true or false",
        _ when type.EndsWith("[]", StringComparison.Ordinal) || type.Contains("List`", StringComparison.Ordinal) => "a list [ … ]",
        // A record read through its constructor is named instead of the field's own type: say less, but nothing wrong.
        _ => "another kind of value here (a number, a text, a list or an object, as the format documents)",
    };
}
