using Dislocate.Contracts;

namespace Dislocate.Hosting.Parameters;

/// <summary>Turns raw text values (from CLI options or an ImageJ option string) into validated <see cref="ParameterValues"/>.</summary>
public static class ParameterBinder
{
    /// <summary>
    /// Parses every given value with its <see cref="ParameterSpec"/>, fills defaults, and checks required keys.
    /// Unknown keys are an error that lists the valid ones. Relative paths are resolved against <paramref name="workingDirectory"/>.
    /// </summary>
    /// <param name="descriptor">The command.</param>
    /// <param name="raw">Key → text, from the command line or an option string.</param>
    /// <param name="workingDirectory">Folder for relative paths.</param>
    /// <param name="imageLoader">Reads an image parameter given as a file path (the CLI); null where images come from elsewhere.</param>
    /// <param name="images">Image parameters supplied directly (ImageJ's current image), by key.</param>
    public static ParameterValues Bind(
        CommandDescriptor descriptor,
        IReadOnlyDictionary<string, string> raw,
        string workingDirectory,
        Func<string, ImageData>? imageLoader = null,
        IReadOnlyDictionary<string, ImageData>? images = null)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(raw);
        var values = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        var given = new List<string>();
        foreach (var (key, image) in images ?? new Dictionary<string, ImageData>())
        {
            var spec = descriptor.Find(key) ?? throw new ParameterException(key, $"'{descriptor.Id}' takes no image '{key}'");
            values[spec.Key] = image;
            given.Add(spec.Key);
        }

        foreach (var (key, text) in raw)
        {
            var spec = descriptor.Find(key)
                ?? throw new ParameterException(key, $"unknown option for '{descriptor.Id}'; valid keys: {string.Join(", ", descriptor.Parameters.Select(p => p.Key))}");
            if (values.ContainsKey(spec.Key))
            {
                continue; // The image given directly wins over a same-named option.
            }

            object value = spec.Parse(text);
            if (spec.IsPath)
            {
                value = CheckPath(spec, Path.GetFullPath((string)value, workingDirectory));
            }
            else if (spec.Kind == ParameterKind.Image)
            {
                var path = Path.GetFullPath((string)value, workingDirectory);
                if (!File.Exists(path))
                {
                    throw new ParameterException(spec.Key, $"image file '{path}' does not exist");
                }

                value = imageLoader?.Invoke(path) ?? throw new ParameterException(spec.Key, "images cannot be read from files here");
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

        ProtectInputs(descriptor, values, raw, workingDirectory);
        return new ParameterValues(descriptor, values, given);
    }

    /// <summary>
    /// Refuses an output file that is one of the command's inputs (an input file, an image file, an existing path given
    /// as text) or an existing file inside an input folder: no output may replace an input.
    /// </summary>
    public static void ProtectInputs(CommandDescriptor descriptor, IReadOnlyDictionary<string, object> values, IReadOnlyDictionary<string, string> raw, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(raw);
        var inputs = new List<(string Key, string Path, bool Folder)>();
        foreach (var spec in descriptor.Parameters)
        {
            var text = spec.Kind == ParameterKind.Image
                ? raw.FirstOrDefault(kv => string.Equals(kv.Key, spec.Key, StringComparison.OrdinalIgnoreCase)).Value
                : values.TryGetValue(spec.Key, out var v) ? v as string : null;
            if (string.IsNullOrEmpty(text) || spec.Kind is not (ParameterKind.InputFile or ParameterKind.InputFolder or ParameterKind.Text or ParameterKind.Image))
            {
                continue;
            }

            string full;
            try
            {
                full = Path.GetFullPath(text, workingDirectory);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                continue; // Text that is no path cannot be an input file.
            }

            if (File.Exists(full))
            {
                inputs.Add((spec.Key, full, false));
            }
            else if (Directory.Exists(full))
            {
                inputs.Add((spec.Key, Path.TrimEndingDirectorySeparator(full), true));
            }
        }

        foreach (var spec in descriptor.Parameters.Where(p => p.Kind == ParameterKind.OutputFile))
        {
            if (!values.TryGetValue(spec.Key, out var v) || v is not string output || output.Length == 0)
            {
                continue;
            }

            foreach (var (key, path, folder) in inputs)
            {
                if (!folder && string.Equals(output, path, StringComparison.Ordinal))
                {
                    throw new ParameterException(spec.Key, $"'{output}' is also the input '{key}'; choose another file so the input is not overwritten");
                }

                if (folder && File.Exists(output) && output.StartsWith(path + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new ParameterException(spec.Key, $"'{output}' is a file of the input folder '{key}'; choose another file so that input is not overwritten");
                }
            }
        }
    }

    /// <summary>
    /// Binds an ImageJ macro option string. As in ImageJ's GenericDialog, a checkbox whose key is absent is
    /// unchecked (false), not its default: <c>run("…", "out=x")</c> means every flag off.
    /// </summary>
    public static ParameterValues BindImageJ(CommandDescriptor descriptor, string options, string workingDirectory, IReadOnlyDictionary<string, ImageData>? images = null)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        // ImageJ's recorder writes empty text and file fields as key=[]: that means "not given".
        var raw = ImageJOptions.Parse(options)
            .Where(kv => kv.Value.Length > 0)
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var spec in descriptor.Parameters.Where(p => p.Kind == ParameterKind.Boolean))
        {
            raw.TryAdd(spec.Key, "false");
        }

        return Bind(descriptor, raw, workingDirectory, imageLoader: null, images);
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

            if (spec.Kind == ParameterKind.Image)
            {
                continue; // The current image is not part of a recorded option string.
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
