using Dislocate.Contracts;
using Dislocate.Core.IO.Microscopy;
using Dislocate.Hosting.Parameters;

namespace Dislocate.ImageJ.Bridge;

/// <summary>
/// The bridge's own request behind ImageJ's <em>File › Open</em>, drag and drop, a macro's <c>open(path)</c> and
/// <em>File › Import › TEM File</em>: reads a Gatan (<c>.dm3</c>/<c>.dm4</c>) or FEI TIA (<c>.ser</c>) file with the
/// host's readers and returns it as a calibrated 32-bit image. ImageJ 1.x has no reader for these formats; the
/// Java side sends this key through the same run path as a plugin command, so the in-process and the worker bridge
/// both serve it. It is not a plugin command: the CLI reads these files wherever it takes images.
/// </summary>
internal static class MicroscopeFileOpener
{
    /// <summary>The key the Java side runs in place of a plugin command's (no plugin is called "dislocate").</summary>
    public const string Key = "dislocate open";

    /// <summary>The file to open; <c>open</c> is the key ImageJ's OpenDialog records.</summary>
    public static readonly ParameterSpec<string> File = Parameter.Path("open", "File", ParameterKind.InputFile, "A .dm3, .dm4 or .ser file.", required: true);

    private static readonly CommandDescriptor Descriptor = new("open", "TEM File (DM3, DM4, SER)...", string.Empty, "Opens a Gatan or FEI TIA file.", [File]);

    /// <summary>Reads the file named by <paramref name="options"/> (<c>open=[path]</c>); failures name the file.</summary>
    public static CommandResult Open(string options, string workingDirectory)
    {
        var path = ParameterBinder.BindImageJ(Descriptor, options, workingDirectory).Get(File);
        if (!MicroscopeFiles.Handles(path))
        {
            throw new InputFileException(path, null, $"not a microscope file; Dislocate opens {string.Join(", ", MicroscopeFiles.Extensions)}");
        }

        var name = Path.GetFileName(path);
        var tem = MicroscopeFiles.Read(path);
        var image = tem.ToImageData(name);
        var output = new ImageStackOutput(name, image.Width, image.Height, 1, image.Slices, 1, image.Planes, 32)
        {
            PixelWidth = image.PixelWidth,
            PixelHeight = image.PixelHeight,
            Unit = image.Unit,
        };
        var calibration = tem.PixelSize is { } size ? $"{size:G6} {tem.Unit}/pixel" : "uncalibrated";
        return CommandResult.Of($"Opened {name}: {tem.Format}, {tem.Width}×{tem.Height}, {tem.Frames.Count} frame(s), {calibration}.", output);
    }
}
