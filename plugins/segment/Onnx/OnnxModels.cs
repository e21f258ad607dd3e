using System.Text;
using Dislocate.Contracts;
using Dislocate.Segment.Model;
using Dislocate.Segment.Onnx.Format;
using Google.Protobuf;


namespace Dislocate.Segment.Onnx;

/// <summary>Opens a model for the ONNX engine: a .dislocate file converted in memory, or an .onnx file, with its metadata.</summary>
internal static class OnnxModels
{
    /// <summary>The training-record entry an int8 export carries (<see cref="OnnxInt8Quantizer"/>'s settings).</summary>
    public const string QuantizationKey = "quantization";

    // An ONNX segmentation model of the sizes Dislocate uses is tens of MB; a file far larger is not one.
    private const long MaxOnnxBytes = 2L << 30;

    /// <summary>
    /// The model's metadata and an ONNX Runtime network. An .onnx file's metadata is that of the .dislocate model it was
    /// exported from (metadata_props <see cref="OnnxExporter.MetadataKey"/>); an ONNX model made elsewhere gets
    /// <see cref="Foreign"/> metadata.
    /// </summary>
    /// <param name="modelPath">A .dislocate or .onnx file.</param>
    /// <param name="threads">CPU threads; 0 = all cores.</param>
    /// <param name="device">auto (CUDA when ONNX Runtime has it and a session opens on it, else the CPU), cpu or cuda.</param>
    public static (ModelMetadata Metadata, OnnxTileNetwork Network) Open(string modelPath, int threads, string device = "cpu")
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        if (!Inference.EngineChoice.IsOnnxFile(modelPath))
        {
            var (metadata, weights) = ModelFile.ReadWeights(modelPath);
            return (metadata, Session(OnnxExporter.Build(metadata, weights).ToByteArray(), threads, modelPath, device));
        }

        var network = Session(ReadBytes(modelPath), threads, modelPath, device);
        try
        {
            var metadata = Describe(network.Metadata.GetValueOrDefault(OnnxExporter.MetadataKey), network.Outputs, modelPath);
            if (metadata.Training.ContainsKey(QuantizationKey))
            {
                network.Precision = "int8";
            }

            if (metadata.Spec.Outputs != network.Outputs)
            {
                throw new InputFileException(modelPath, OnnxExporter.MetadataKey, $"describes {metadata.Spec.Outputs} outputs, but the graph gives {network.Outputs}");
            }

            return (metadata, network);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The metadata of an .onnx file without opening a session: the .dislocate model's it was exported from, or
    /// <see cref="Foreign"/> metadata for one output per graph output channel count it declares.
    /// </summary>
    public static ModelMetadata ReadMetadata(string modelPath)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(ReadBytes(modelPath));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InputFileException(modelPath, null, $"is not an ONNX model: {e.Message}", e);
        }

        var outputs = model.Graph?.Output.FirstOrDefault()?.Type?.TensorType?.Shape?.Dim is { Count: 4 } dims && dims[1].DimValue > 0 ? (int)dims[1].DimValue : 1;
        return Describe(model.MetadataProps.FirstOrDefault(p => p.Key == OnnxExporter.MetadataKey)?.Value, outputs, modelPath);
    }

    /// <summary>
    /// True when ONNX Runtime runs on the CPU for <paramref name="device"/> (auto, cpu or cuda): cpu, or auto where this
    /// build has no CUDA provider.
    /// </summary>
    public static bool RunsOnCpu(string device) => device == "cpu" || (device == "auto" && !OnnxTileNetwork.CudaAvailable);

    // An .onnx file's metadata: the .dislocate model's it was exported from (its JSON), else what is assumed of one made elsewhere.
    private static ModelMetadata Describe(string? json, int outputs, string modelPath) =>
        json is not null ? ModelMetadataJson.Parse(Encoding.UTF8.GetBytes(json), modelPath) : Foreign(outputs, modelPath);

    /// <summary>
    /// What is assumed of an ONNX model made elsewhere: per-image normalisation (zero mean, unit standard deviation, as
    /// Dislocate trains), tiles of 512, and one output = a centre-line map, several = one mask per dislocation.
    /// </summary>
    public static ModelMetadata Foreign(int outputs, string path) => new(
        new ModelSpec(EncoderKind.ResNet50, outputs, 1.0, Output: outputs == 1 ? OutputKind.LineMap : OutputKind.Instances),
        InputNormalisation.Default,
        512,
        new Dictionary<string, string>(StringComparer.Ordinal) { ["source"] = $"ONNX model {Path.GetFileName(path)} (made elsewhere; architecture unknown)" },
        SegmentPlugin.Version);

    private static OnnxTileNetwork Session(byte[] model, int threads, string path, string device)
    {
        if (RunsOnCpu(device))
        {
            return new OnnxTileNetwork(model, threads, path);
        }

        try
        {
            return new OnnxTileNetwork(model, threads, path, cuda: true);
        }
        catch (Exception e) when (device == "auto" && e is Microsoft.ML.OnnxRuntime.OnnxRuntimeException or InputFileException)
        {
            // auto: a CUDA provider without a usable device or its libraries falls back to the CPU.
            return new OnnxTileNetwork(model, threads, path);
        }
    }

    private static byte[] ReadBytes(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new InputFileException(path, null, "does not exist");
            }

            if (info.Length > MaxOnnxBytes)
            {
                throw new InputFileException(path, null, $"is {info.Length} bytes, larger than any segmentation model");
            }

            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFileException(path, null, $"cannot be read: {e.Message}", e);
        }
    }
}
