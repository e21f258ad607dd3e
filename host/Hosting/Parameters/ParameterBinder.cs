using Dislocate.Contracts;

namespace Dislocate.Hosting.Parameters;

/// <summary>Turns raw text values (from CLI options or an ImageJ option string) into validated <see cref="ParameterValues"/>.</summary>
public static class ParameterBinder
{
    /// <summary>
    /// Parses every given value with its <see cref="ParameterSpec"/>, fills defaults, and checks required keys.
    /// Unknown keys are an error that lists the valid ones. Relative paths are resolved against <paramref name="workingDirectory"/>.
    /// </summary>
    public static ParameterValues Bind(CommandDescriptor descriptor, IReadOnlyDictionary<string, string> raw, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(raw);
        var values = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        var given = new List<string>();
        foreach (var (key, text) in raw)
        {
            var spec = descriptor.Find(key)
                ?? throw new ParameterException(key, $"unknown option for '{descriptor.Id}'; valid keys: {string.Join(", ", descriptor.Parameters.Select(p => p.Key))}");
            var value = spec.Parse(text);
            if (spec.IsPath)
            {
                value = CheckPath(spec, Path.GetFullPath((string)value, workingDirectory));
            }

            values[spec.Key] = value;
            given.Add(spec.Key);
        }

        foreach (var spec in descriptor.Parameters)
        {
            if (values.ContainsKey(spec.Key))
            {
                continue;
            }

            if (spec.Required)
            {
                throw new ParameterException(spec.Key, "is required");
            }

            if (spec.Default is { } d)
            {
                values[spec.Key] = spec.IsPath ? Path.GetFullPath((string)d, workingDirectory) : Normalize(d);
            }
        }

        return new ParameterValues(descriptor, values, given);
    }

    /// <summary>
    /// Binds an ImageJ macro option string. As in ImageJ's GenericDialog, a checkbox whose key is absent is
    /// unchecked (false), not its default: <c>run("…", "out=x")</c> means every flag off.
    /// </summary>
    public static ParameterValues BindImageJ(CommandDescriptor descriptor, string options, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var raw = new Dictionary<string, string>(ImageJOptions.Parse(options), StringComparer.OrdinalIgnoreCase);
        foreach (var spec in descriptor.Parameters.Where(p => p.Kind == ParameterKind.Boolean))
        {
            raw.TryAdd(spec.Key, "false");
        }

        return Bind(descriptor, raw, workingDirectory);
    }

    /// <summary>Formats values back into an option string (for macro recording), keys in descriptor order.</summary>
    public static string ToOptionString(ParameterValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var pairs = new List<KeyValuePair<string, string>>();
        var booleans = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var spec in values.Descriptor.Parameters)
        {
            if (values.Get(spec.Key) is not { } v)
            {
                continue;
            }

            if (spec.Kind == ParameterKind.Boolean)
            {
                booleans.Add(spec.Key);
            }

            pairs.Add(new(spec.Key, ParameterSpec.Format(v)));
        }

        return ImageJOptions.Format(pairs, booleans);
    }

    private static object Normalize(object value) => value is int i ? (long)i : value;

    private static string CheckPath(ParameterSpec spec, string path)
    {
        switch (spec.Kind)
        {
            case ParameterKind.InputFile when !File.Exists(path):
                throw new ParameterException(spec.Key, $"file '{path}' does not exist");
            case ParameterKind.InputFolder when !Directory.Exists(path):
                throw new ParameterException(spec.Key, $"folder '{path}' does not exist");
            case ParameterKind.OutputFile when Directory.Exists(path):
                throw new ParameterException(spec.Key, $"'{path}' is a folder, not a file");
            case ParameterKind.OutputFolder when File.Exists(path):
                throw new ParameterException(spec.Key, $"'{path}' is a file, not a folder");
            default:
                return path;
        }
    }
}
