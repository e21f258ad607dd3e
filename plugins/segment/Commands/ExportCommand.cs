using System.Globalization;
using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Segment.Inference;
using Dislocate.Segment.Model;
using Dislocate.Segment.Onnx;
using Google.Protobuf;
using TorchSharp;

namespace Dislocate.Segment.Commands;

/// <summary><c>segment export</c>: writes a model in another form: float16 weights, ONNX (float32 or int8) or a bioimage.io package.</summary>
internal sealed class ExportCommand : IPluginCommand
{
    private static readonly ParameterSpec<string> Model = Parameter.Path("model", "Model (empty = shipped default)", ParameterKind.InputFile, "The .dislocate model to export.", required: true);

    private static readonly ParameterSpec<string> Out = Parameter.Path("out", "Output (file)", ParameterKind.OutputFile, "The file to write.", required: true);

    private static readonly ParameterSpec<string> Format = Parameter.Choice("format", "Format", "fp16", ["fp16", "onnx", "onnx-int8", "bioimageio"], "fp16 = .dislocate with float16 weights; onnx-int8 = ONNX with 8-bit weights and activations (QDQ; about twice as fast on a CPU; needs calibration images); bioimageio = a bioimage.io model package (zip: rdf.yaml, ONNX weights, test tensors, cover, documentation) for deepImageJ, ilastik and BiaPy; onnx = ONNX model, input 'image' [batch, 1, height, width] normalised, output 'logits' [batch, masks, height, width], the model's metadata in metadata_props.");

    private static readonly ParameterSpec<string> Calibration = Parameter.Path("calibration", "Calibration images (folder)", ParameterKind.InputFolder, "onnx-int8: a folder of images like those the model will see (your own frames); each activation's 8-bit range is measured on them.");

    private static readonly ParameterSpec<long> CalibrationCount = Parameter.Whole("calibration-count", "Calibration images used", 16, 1, 1000, "onnx-int8: how many of the folder's images (in name order, evenly spread) calibrate; 4 tiles of 256² from each.");

    private static readonly ParameterSpec<double> CalibrationPercentile = Parameter.Real("calibration-percentile", "Calibration percentile", OnnxCalibration.Percentile, 0.99, 1, "onnx-int8: share of each activation's values on a calibration tile kept inside its 8-bit range at each end (1 = all of them; lower clips the rare extremes and gives the many small values finer steps).");

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
            Calibration,
            CalibrationCount,
            CalibrationPercentile,
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

        if (parameters.Get(Format) == "onnx-int8")
        {
            var folder = parameters.GetOptional(Calibration) is { Length: > 0 } c
                ? context.ResolvePath(c)
                : throw new ParameterException(Calibration.Key, "onnx-int8 measures each activation's range on images; give a folder of frames like those the model will segment");
            var count = (int)parameters.Get(CalibrationCount);
            return Task.Run(() => ExportInt8(source, target, folder, count, parameters, context), context.Cancellation);
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

    private static CommandResult ExportInt8(string source, string target, string folder, int count, ParameterValues parameters, CommandContext context)
    {
        var files = ImageFileReader.ImageFiles(folder);
        if (files.Length == 0)
        {
            throw new InputFileException(folder, null, "holds no image to calibrate on");
        }

        // Evenly spread over the folder, first to last, so a video's calibration frames span it.
        var chosen = FrameSource.SpreadIndices(files.Length, Math.Min(count, files.Length)).Select(i => files[i]).ToList();
        var (metadata, weights) = ModelFile.ReadWeights(source);
        var options = new Int8Options();
        var percentile = parameters.Get(CalibrationPercentile);
        var record = Record(metadata.Training, parameters);
        record[OnnxModels.QuantizationKey] = string.Create(CultureInfo.InvariantCulture, $"int8 QDQ: uint8 activations (one range per tensor: calibration-percentile {percentile} of each calibration tile's values at each end, averaged over the tiles), int8 weights per output channel within ±{(options.ReduceRange ? 63 : 127)}; first and last convolution float");
        record["calibration"] = string.Create(CultureInfo.InvariantCulture, $"{chosen.Count} images of {Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))} ({string.Join(", ", chosen.Take(3).Select(Path.GetFileName))}{(chosen.Count > 3 ? ", …" : string.Empty)}), {OnnxCalibration.TilesPerImage} tiles of {OnnxCalibration.TileSize}² each");
        var fp32 = OnnxExporter.Build(metadata with { Training = record }, weights);
        context.Progress.Report(new ProgressUpdate(0, chosen.Count, "reading calibration images"));
        var images = chosen.Select(ImageFileReader.ReadGray).ToList();
        context.Cancellation.ThrowIfCancellationRequested();
        var tiles = OnnxCalibration.Tiles(images, metadata.Normalisation, OnnxCalibration.TileSize, OnnxCalibration.TilesPerImage);
        var ranges = OnnxCalibration.Ranges(fp32, tiles, OnnxCalibration.TileSize, threads: 0, context.Progress, percentile, context.Cancellation);
        var int8 = OnnxInt8Quantizer.Quantize(fp32, ranges, options);
        AtomicFile.Write(target, int8.WriteTo);
        var size = new FileInfo(target).Length;
        return CommandResult.Of(
            string.Create(CultureInfo.InvariantCulture, $"Wrote {target}: ONNX opset {OnnxExporter.Opset}, int8 (QDQ), calibrated on {chosen.Count} images of {folder}, {size / 1e6:F1} MB."),
            new FileOutput("model", target));
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
