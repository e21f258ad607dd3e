using Dislocate.Contracts;

namespace Dislocate.Core.IO.Microscopy;

/// <summary>The microscope formats read by extension: Gatan DigitalMicrograph <c>.dm3</c>/<c>.dm4</c> and FEI TIA <c>.ser</c>.</summary>
public static class MicroscopeFiles
{
    /// <summary>The extensions, lower case with the dot.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".dm3", ".dm4", ".ser"];

    /// <summary>True when <paramref name="path"/> has one of <see cref="Extensions"/> (any case).</summary>
    public static bool Handles(string path) => Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    /// <summary>Reads a microscope file; any problem is an <see cref="InputFileException"/> naming the file.</summary>
    public static MicroscopeImage Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        InputFileCheck.Readable(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".dm3" or ".dm4" => DigitalMicrographReader.Read(path),
            ".ser" => TiaSerReader.Read(path),
            var other => throw new InputFileException(path, null, $"'{other}' is not a microscope format ({string.Join(", ", Extensions)})"),
        };
    }
}
