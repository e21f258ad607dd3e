using System.Globalization;

namespace Dislocate.Contracts;

/// <summary>One typed command parameter: the single description from which CLI options, ImageJ dialog fields and option-string parsing derive.</summary>
/// <param name="Key">Stable key: the CLI option (<c>--key</c>) and the ImageJ macro key (<c>key=value</c>). Lower case, no spaces; never rename.</param>
/// <param name="Label">Dialog label; its first word, lower-cased, must equal <paramref name="Key"/> so ImageJ records the same key.</param>
/// <param name="Kind">Value type.</param>
/// <param name="Help">One line of help.</param>
/// <param name="Default">Default value (already typed), or null when the parameter is required or optional without default.</param>
/// <param name="Min">Inclusive lower bound for numbers and both ends of ranges.</param>
/// <param name="Max">Inclusive upper bound for numbers and both ends of ranges.</param>
/// <param name="Choices">Allowed words for <see cref="ParameterKind.Choice"/>.</param>
/// <param name="Required">When true the caller must give a value.</param>
/// <param name="Positional">When true the CLI takes it as a positional argument instead of an option.</param>
public record ParameterSpec(
    string Key,
    string Label,
    ParameterKind Kind,
    string Help,
    object? Default = null,
    double? Min = null,
    double? Max = null,
    IReadOnlyList<string>? Choices = null,
    bool Required = false,
    bool Positional = false)
{
    // The factories below return the untyped spec, as in host API 1.3 (older plugins call them); new code declares
    // parameters through Parameter, whose factories return ParameterSpec<T> (warnings are errors, so this is enforced).
    private const string Untyped = "Declare parameters with Parameter.Real/Whole/…, which return a typed ParameterSpec<T>.";

    /// <summary>A whole-number parameter (untyped; kept for older plugins).</summary>
    [Obsolete(Untyped)]
    public static ParameterSpec Whole(string key, string label, long @default, long min, long max, string help) => Parameter.Whole(key, label, @default, min, max, help);

    /// <summary>A real-number parameter (untyped; kept for older plugins).</summary>
    [Obsolete(Untyped)]
    public static ParameterSpec Real(string key, string label, double @default, double min, double max, string help) => Parameter.Real(key, label, @default, min, max, help);

    /// <summary>A true/false parameter (untyped; kept for older plugins).</summary>
    [Obsolete(Untyped)]
    public static ParameterSpec Flag(string key, string label, bool @default, string help) => Parameter.Flag(key, label, @default, help);

    /// <summary>A choice parameter (untyped; kept for older plugins).</summary>
    [Obsolete(Untyped)]
    public static ParameterSpec Choice(string key, string label, string @default, IReadOnlyList<string> choices, string help) => Parameter.Choice(key, label, @default, choices, help);

    /// <summary>A range parameter (untyped; kept for older plugins).</summary>
    [Obsolete(Untyped)]
    public static ParameterSpec Range(string key, string label, ValueRange @default, double min, double max, string help) => Parameter.Range(key, label, @default, min, max, help);

    /// <summary>A free-text parameter (untyped; kept for older plugins).</summary>
    [Obsolete(Untyped)]
    public static ParameterSpec Text(string key, string label, string? @default, string help) => Parameter.Text(key, label, @default, help);

    /// <summary>An input image parameter (untyped; kept for older plugins).</summary>
    [Obsolete(Untyped)]
    public static ParameterSpec Image(string key, string label, string help) => Parameter.Image(key, label, help);

    /// <summary>A path parameter (untyped; kept for older plugins).</summary>
    [Obsolete(Untyped)]
    public static ParameterSpec Path(string key, string label, ParameterKind kind, string help, bool required = false, bool positional = false, string? @default = null) =>
        Parameter.Path(key, label, kind, help, required, positional, @default);

    /// <summary>The .NET type a value of <paramref name="kind"/> has once parsed.</summary>
    public static Type ValueType(ParameterKind kind) => kind switch
    {
        ParameterKind.WholeNumber => typeof(long),
        ParameterKind.Real => typeof(double),
        ParameterKind.Boolean => typeof(bool),
        ParameterKind.Range => typeof(ValueRange),
        ParameterKind.Image => typeof(ImageData),
        _ => typeof(string),
    };

    /// <summary>True for the four path kinds.</summary>
    public bool IsPath => this.Kind is ParameterKind.InputFile or ParameterKind.InputFolder or ParameterKind.OutputFile or ParameterKind.OutputFolder;

    /// <summary>Parses and validates text into the typed value, or throws <see cref="ParameterException"/> naming the key.</summary>
    public object Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        switch (this.Kind)
        {
            case ParameterKind.WholeNumber:
                if (!long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
                {
                    throw this.Error($"'{text}' is not a whole number");
                }

                this.CheckBounds(l);
                return l;
            case ParameterKind.Real:
                if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d))
                {
                    throw this.Error($"'{text}' is not a number");
                }

                this.CheckBounds(d);
                return d;
            case ParameterKind.Boolean:
                return t.ToLowerInvariant() switch
                {
                    "" or "true" or "yes" or "1" or "on" => true,
                    "false" or "no" or "0" or "off" => false,
                    _ => throw this.Error($"'{text}' is not true or false"),
                };
            case ParameterKind.Choice:
                var match = this.Choices?.FirstOrDefault(c => string.Equals(c, t, StringComparison.OrdinalIgnoreCase));
                return match ?? throw this.Error($"'{text}' is not one of {string.Join(", ", this.Choices ?? [])}");
            case ParameterKind.Range:
                if (!ValueRange.TryParse(t, out var r))
                {
                    throw this.Error($"'{text}' is not a range; write min..max (min ≤ max) or one number");
                }

                this.CheckBounds(r.Min);
                this.CheckBounds(r.Max);
                return r;
            default:
                if (t.Length == 0)
                {
                    throw this.Error("is empty");
                }

                return this.IsPath ? t : text;
        }
    }

    /// <summary>Formats a typed value so that <see cref="Parse"/> reads it back (invariant culture).</summary>
    public static string Format(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value switch
        {
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            long l => l.ToString(CultureInfo.InvariantCulture),
            int i => i.ToString(CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            ValueRange r => r.ToString(),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
        };
    }

    /// <summary>A short description of the accepted values, for help text (e.g. <c>10..100</c> or <c>png8|png16</c>).</summary>
    public string Domain() => this.Kind switch
    {
        ParameterKind.WholeNumber or ParameterKind.Real when this.Min is not null && this.Max is not null =>
            string.Create(CultureInfo.InvariantCulture, $"{this.Min}..{this.Max}"),
        ParameterKind.Range => string.Create(CultureInfo.InvariantCulture, $"min..max within {this.Min}..{this.Max}"),
        ParameterKind.Choice => string.Join("|", this.Choices ?? []),
        ParameterKind.Boolean => "true|false",
        ParameterKind.InputFile or ParameterKind.OutputFile => "file",
        ParameterKind.InputFolder or ParameterKind.OutputFolder => "folder",
        ParameterKind.Image => "image",
        _ => "text",
    };

    private void CheckBounds(double value)
    {
        if ((this.Min is { } min && value < min) || (this.Max is { } max && value > max))
        {
            throw this.Error(string.Create(CultureInfo.InvariantCulture, $"{value} is outside {this.Min}..{this.Max}"));
        }
    }

    private ParameterException Error(string problem) => new(this.Key, problem);
}
