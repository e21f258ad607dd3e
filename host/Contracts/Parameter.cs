namespace Dislocate.Contracts;

/// <summary>
/// Declares command parameters, each typed by the value it holds, so that a command reads it as
/// <c>values.Get(MyParameters.Gate)</c> and a renamed or retyped parameter is a compile error (since host API 1.4).
/// </summary>
public static class Parameter
{
    /// <summary>A whole-number parameter.</summary>
    public static ParameterSpec<long> Whole(string key, string label, long @default, long min, long max, string help) =>
        new(new ParameterSpec(key, label, ParameterKind.WholeNumber, help, @default, min, max));

    /// <summary>A real-number parameter.</summary>
    public static ParameterSpec<double> Real(string key, string label, double @default, double min, double max, string help) =>
        new(new ParameterSpec(key, label, ParameterKind.Real, help, @default, min, max));

    /// <summary>A true/false parameter.</summary>
    public static ParameterSpec<bool> Flag(string key, string label, bool @default, string help) =>
        new(new ParameterSpec(key, label, ParameterKind.Boolean, help, @default));

    /// <summary>A parameter that takes one of <paramref name="choices"/>.</summary>
    public static ParameterSpec<string> Choice(string key, string label, string @default, IReadOnlyList<string> choices, string help) =>
        new(new ParameterSpec(key, label, ParameterKind.Choice, help, @default, Choices: choices));

    /// <summary>An interval a..b whose ends must lie within [min, max].</summary>
    public static ParameterSpec<ValueRange> Range(string key, string label, ValueRange @default, double min, double max, string help) =>
        new(new ParameterSpec(key, label, ParameterKind.Range, help, @default, min, max));

    /// <summary>A free-text parameter.</summary>
    public static ParameterSpec<string> Text(string key, string label, string? @default, string help) =>
        new(new ParameterSpec(key, label, ParameterKind.Text, help, @default));

    /// <summary>A required free-text parameter, positional on the command line when <paramref name="positional"/>.</summary>
    public static ParameterSpec<string> RequiredText(string key, string label, string help, bool positional = false) =>
        new(new ParameterSpec(key, label, ParameterKind.Text, help, Required: true, Positional: positional));

    /// <summary>An input image: ImageJ's current image, or an image file (TIFF, PNG) on the command line.</summary>
    public static ParameterSpec<ImageData> Image(string key, string label, string help) =>
        new(new ParameterSpec(key, label, ParameterKind.Image, help, Required: true, Positional: true));

    /// <summary>A file or folder path parameter.</summary>
    public static ParameterSpec<string> Path(string key, string label, ParameterKind kind, string help, bool required = false, bool positional = false, string? @default = null)
    {
        if (kind is not (ParameterKind.InputFile or ParameterKind.InputFolder or ParameterKind.OutputFile or ParameterKind.OutputFolder))
        {
            throw new ArgumentException($"{kind} is not a path kind.", nameof(kind));
        }

        return new(new ParameterSpec(key, label, kind, help, @default, Required: required, Positional: positional));
    }
}
