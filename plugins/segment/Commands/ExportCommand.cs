using System.Globalization;
using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Segment.Model;
using Dislocate.Segment.Onnx;
using Google.Protobuf;
using TorchSharp;

namespace Dislocate.Segment.Commands;

/// <summary><c>segment export</c>: writes a model in another form; today a copy with float16 weights (half the size, for shipping).</summary>
internal sealed class ExportCommand : IPluginCommand
{
    private static readonly ParameterSpec<string> Model = Parameter.Path("model", "Model (empty = shipped default)", ParameterKind.InputFile, "The .dislocate model to export.", required: true);

    private static readonly ParameterSpec<string> Out = Parameter.Path("out", "Output (file)", ParameterKind.OutputFile, "The file to write.", required: true);

    private static readonly ParameterSpec<string> Format = Parameter.Choice("format", "Format", "fp16", ["fp16", "onnx", "bioimageio"], "fp16 = .dislocate with float16 weights; bioimageio = a bioimage.io model package (zip: rdf.yaml, ONNX weights, test tensors, cover, documentation) for deepImageJ, ilastik and BiaPy; onnx = ONNX model, input 'image' [batch, 1, height, width] normalised, output 'logits' [batch, masks, height, width], the model's metadata in metadata_props.");

    private static readonly ParameterSpec<string> Name = Parameter.Text("name", "Name", string.Empty, "A name for the model, kept in its training record (empty = keep).");

    private static readonly ParameterSpec<string> Version = Parameter.Text("version", "Version", string.Empty, "A version for the model, kept in its training record (empty = keep).");

    private static readonly ParameterSpec<string> License = Parameter.Text("license", "Licence (SPDX id)", string.Empty, "Licence of the weights for bioimageio packages, an SPDX id such as CC-BY-4.0 (empty = the training record's 'license').");

    private static readonly ParameterSpec<string> RecordParameter = Parameter.Text("record", "Record entries (key=value …)", string.Empty, "More entries for the training record, e.g. scores: 'real_f1=0.41 synthetic_f1=0.83'.");

    public CommandDescriptor Descriptor { get; } = new(
        "export",
        "Export Segmentation Model",
        "Segment",
        "Write a model in another form: fp16 = the same .dislocate model with float16 weights (half the size; loaded back as float32); onnx = an ONNX model (opset 17) for ONNX Runtime and other tools.",
        [
            Model,
            Out,
            Format,
            Name,
            Version,
            License,
            RecordParameter,
        ]);

    public Task<CommandResult> ExecuteAsync(ParameterValues parameters, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        var source = context.ResolvePath(parameters.Get(Model));
        var target = context.ResolvePath(parameters.Get(Out));
        if (Path.GetFullPath(source) == Path.GetFullPath(target))
        {
            throw new ParameterException(Out.Key, $"'{target}' is the input model; choose another file so the input is not overwritten");
        }

        if (parameters.Get(Format) == "bioimageio")
        {
            var record = Record(ModelFile.ReadMetadata(source).Training, parameters);
            var license = parameters.GetOptional(License) is { Length: > 0 } given ? given : record.GetValueOrDefault("license", string.Empty);
            if (license.Length == 0)
            {
                throw new ParameterException(License.Key, "a bioimage.io package names the licence of its weights; give an SPDX id (e.g. CC-BY-4.0), or put license=… in the training record");
            }

            return Task.Run(
                () =>
                {
                    BioImageIoPackage.Write(source, target, license, record);
                    return CommandResult.Of(
                        string.Create(CultureInfo.InvariantCulture, $"Wrote {target}: bioimage.io model package (spec {BioImageIoPackage.FormatVersion}, ONNX weights, licence {license}), {new FileInfo(target).Length / 1e6:F1} MB."),
                        new FileOutput("package", target));
                },
                context.Cancellation);
        }

        if (parameters.Get(Format) == "onnx")
        {
            return Task.Run(
                () =>
                {
                    var (metadata, weights) = ModelFile.ReadWeights(source);
                    var onnx = OnnxExporter.Build(metadata with { Training = Record(metadata.Training, parameters) }, weights);
                    AtomicFile.Write(target, onnx.WriteTo);
                    var size = new FileInfo(target).Length;
                    return CommandResult.Of(
                        string.Create(CultureInfo.InvariantCulture, $"Wrote {target}: ONNX opset {OnnxExporter.Opset}, {onnx.Graph.Node.Count} nodes, {size / 1e6:F1} MB (float32 weights, batch norm folded)."),
                        new FileOutput("model", target));
                },
                context.Cancellation);
        }

        return Task.Run(
            () =>
            {
                var (model, metadata) = ModelFile.Load(source, torch.CPU);
                using (model)
                {
                    ModelFile.Save(target, model, metadata with { Training = Record(metadata.Training, parameters) }, halfWeights: true);
                }

                var before = new FileInfo(source).Length;
                var after = new FileInfo(target).Length;
                return CommandResult.Of(string.Create(CultureInfo.InvariantCulture, $"Wrote {target} with float16 weights: {after / 1e6:F1} MB (from {before / 1e6:F1} MB)."), new FileOutput("model", target));
            },
            context.Cancellation);
    }

    // The training record with the name, version and extra entries given (a key given twice keeps the last value).
    private static Dictionary<string, string> Record(IReadOnlyDictionary<string, string> training, ParameterValues parameters)
    {
        var record = new Dictionary<string, string>(training, StringComparer.Ordinal);
        foreach (var parameter in new[] { Name, Version })
        {
            if (parameters.GetOptional(parameter) is { Length: > 0 } value)
            {
                record[parameter.Key] = value;
            }
        }

        foreach (var entry in (parameters.GetOptional(RecordParameter) ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ParameterException(RecordParameter.Key, $"'{entry}' is not key=value");
            }

            record[entry[..equals]] = entry[(equals + 1)..];
        }

        return record;
    }
}
