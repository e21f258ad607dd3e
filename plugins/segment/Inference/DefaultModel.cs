using Dislocate.Contracts;
using Dislocate.Segment.Model;

namespace Dislocate.Segment.Inference;

/// <summary>
/// The model the inference commands use when none is given: the one shipped in the plugin's <c>models/</c> folder
/// (trained by <c>packaging/models/recipes/train-default.sh</c>), or the file <c>DISLOCATE_MODEL</c> names.
/// </summary>
internal static class DefaultModel
{
    /// <summary>File name of the shipped model.</summary>
    public const string FileName = "dislocate-lines-r18.dislocate";

    /// <summary>File name of the shipped model's int8 ONNX export (<c>segment export --format onnx-int8</c>, made by <c>ship-int8.sh</c>).</summary>
    public const string Int8FileName = "dislocate-lines-r18-int8.onnx";

    /// <summary>Environment variable naming another default model file.</summary>
    public const string Variable = "DISLOCATE_MODEL";

    /// <summary>Where the shipped model lives: <c>models/</c> beside the plugin's assembly.</summary>
    public static string ShippedPath => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(typeof(DefaultModel).Assembly.Location) ?? ".", "models", FileName);

    /// <summary>Where the shipped int8 export lives: beside the shipped model.</summary>
    public static string ShippedInt8Path => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(ShippedPath) ?? ".", Int8FileName);

    /// <summary>The default model's int8 export: the shipped one when the default is the shipped model and it is installed, else null.</summary>
    public static string? Int8Path => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } || !File.Exists(ShippedInt8Path) ? null : ShippedInt8Path;

    /// <summary>The default model file (the variable's, else the shipped one), or null when neither exists.</summary>
    public static string? Path => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } chosen ? chosen : File.Exists(ShippedPath) ? ShippedPath : null;

    /// <summary>A model's name and version from its training record (the file's stem and <c>?</c> when absent), e.g. <c>dislocate-lines-r18 1.2.0</c>.</summary>
    public static string NameAndVersion(ModelMetadata metadata, string path)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return $"{metadata.Training.GetValueOrDefault("name", System.IO.Path.GetFileNameWithoutExtension(path))} {metadata.Training.GetValueOrDefault("version", "?")}";
    }

    /// <summary>
    /// A model's name, version and the scores in its training record, for dialogs and logs, e.g. <c>dislocate-lines-r18
    /// 1.2.0 (centre-line F1 0.849 on real frames, 0.561 on synthetic ones)</c>; the name and version alone when the
    /// record holds no scores.
    /// </summary>
    public static string Summary(ModelMetadata metadata, string path)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var scores = new List<string>();
        if (metadata.Training.TryGetValue("real_line_f1", out var real) && real.Length > 0)
        {
            scores.Add($"{real} on real frames");
        }

        if (metadata.Training.TryGetValue("synthetic_line_f1", out var synthetic) && synthetic.Length > 0)
        {
            scores.Add($"{synthetic} on synthetic ones");
        }

        var name = NameAndVersion(metadata, path);
        return scores.Count == 0 ? name : $"{name} (centre-line F1 {string.Join(", ", scores)})";
    }

    /// <summary>
    /// <see cref="Summary"/> of the default model, or why there is none; never throws, as it is read when the plugin
    /// loads (a damaged model file must not keep the plugin's commands away).
    /// </summary>
    public static string DescribeDefault()
    {
        if (Path is not { } path)
        {
            return "none installed";
        }

        try
        {
            return Summary(ModelFile.ReadMetadata(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InputFileException or InvalidDataException)
        {
            return $"{System.IO.Path.GetFileName(path)}, unreadable: {e.Message}";
        }
    }

    /// <summary>
    /// The model to run for <c>--precision</c> (<see cref="Precisions"/>): the given file, or with none the default model,
    /// or its int8 export where the precision asks for it. <c>auto</c> takes the int8 export of the default model when it
    /// is installed and the ONNX engine runs on the CPU (<paramref name="onnxOnCpu"/>): about twice as fast there, and
    /// measured within 0.01 of the float model on the synthetic and real test sets (README "8-bit inference"). A given
    /// file runs as it is (an int8 .onnx made by <c>segment export --format onnx-int8</c> included).
    /// </summary>
    public static string Resolve(string? given, string precision, bool onnxOnCpu)
    {
        if (!Precisions.Contains(precision))
        {
            throw new ParameterException("precision", $"'{precision}' is not one of {string.Join(", ", Precisions)}");
        }

        if (!string.IsNullOrWhiteSpace(given))
        {
            if (precision == "int8" && !Inference.EngineChoice.IsOnnxFile(given))
            {
                throw new ParameterException("precision", $"int8 runs an int8 ONNX file; make one from {System.IO.Path.GetFileName(given)} with 'segment export --format onnx-int8 --calibration FRAMES' and give it as the model");
            }

            return given;
        }

        var model = Resolve(null);
        return precision switch
        {
            "int8" => Int8Path ?? throw new ParameterException("precision", $"no int8 export of the default model is installed (expected {ShippedInt8Path}); use precision auto or fp32"),
            "auto" when onnxOnCpu && Int8Path is { } int8 => int8,
            _ => model,
        };
    }

    /// <summary>The values of the <c>precision</c> parameter.</summary>
    public static IReadOnlyList<string> Precisions { get; } = ["auto", "fp32", "int8"];

    /// <summary>The model to use: <paramref name="given"/> when not empty, else the default; a clear error when there is none.</summary>
    public static string Resolve(string? given) =>
        !string.IsNullOrWhiteSpace(given) ? given
        : Path ?? throw new ParameterException("model", $"no model given and no default model is installed (expected {ShippedPath}, or a file named by {Variable})");
}
