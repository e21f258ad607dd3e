using System.Text;
using System.Text.Json;
using Dislocate.Contracts;
using Dislocate.Core.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace Dislocate.Segment.Model;

/// <summary>
/// Reads and writes a trained model as one file that needs nothing else: never a pickle, only plain data.
/// </summary>
/// <remarks>
/// Layout (integers little-endian):
/// <list type="number">
/// <item>the magic line <c>DISLOCATE-SEGMENT-MODEL\n</c> (ASCII);</item>
/// <item>int32 file format version: 1 (<see cref="ModelMetadata.CurrentFormatVersion"/>) for float32 weights, 2
/// (<see cref="ModelMetadata.HalfWeightsFormatVersion"/>) for weights stored as float16 (half the size, for shipping;
/// loaded back as float32);</item>
/// <item>int32 byte length, then the metadata as UTF-8 JSON (snake_case: plugin_version, spec, normalisation,
/// tile_size, training);</item>
/// <item>int64 byte length, then the weights in TorchSharp's own state-dict format (<c>Module.save</c>: LEB128 entry
/// count, then per tensor its name, type code, shape and raw little-endian data), with PyTorch's names.</item>
/// </list>
/// Loading checks each part and that the weights match the architecture exactly (names, shapes, types); any problem
/// is an <see cref="InputFileException"/> naming the file and the part.
/// </remarks>
internal static class ModelFile
{
    /// <summary>The first line of every model file.</summary>
    public const string Magic = "DISLOCATE-SEGMENT-MODEL\n";

    /// <summary>The usual file extension.</summary>
    public const string Extension = ".dislocate";

    private const int MaxMetadataBytes = 16 << 20;

    /// <summary>
    /// Writes <paramref name="model"/> and <paramref name="metadata"/> to <paramref name="path"/> atomically (temporary
    /// file, then rename); with <paramref name="halfWeights"/> the weights are stored as float16 (format 2).
    /// </summary>
    public static void Save(string path, UNetPlusPlus model, ModelMetadata metadata, bool halfWeights = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(metadata);
        if (metadata.FindProblem() is { } problem)
        {
            throw new ArgumentException($"Invalid model metadata: {problem.Field} {problem.Problem}.", nameof(metadata));
        }

        if (metadata.Spec != model.Spec)
        {
            throw new ArgumentException($"The metadata describes {metadata.Spec}, but the model is {model.Spec}.", nameof(metadata));
        }

        var json = ModelMetadataJson.Serialize(metadata);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Encoding.ASCII.GetBytes(Magic));
            writer.Write(halfWeights ? ModelMetadata.HalfWeightsFormatVersion : ModelMetadata.CurrentFormatVersion);
            writer.Write(json.Length);
            writer.Write(json);
            var lengthAt = stream.Position;
            writer.Write(0L);
            if (halfWeights)
            {
                using var half = new UNetPlusPlus(model.Spec);
                if (half.CopyMatchingWeights(model) is { Taken: var taken, Total: var total } && taken != total)
                {
                    throw new InvalidOperationException($"Only {taken} of {total} weights of {model.Spec} could be copied for float16 storage.");
                }

                SetFloatType(half, ScalarType.Float16);
                half.save(writer);
            }
            else
            {
                model.save(writer);
            }

            writer.Flush();
            var end = stream.Position;
            stream.Position = lengthAt;
            writer.Write(end - lengthAt - sizeof(long));
            writer.Flush();
            stream.Position = end;
        });
    }

    /// <summary>Reads a model file: a network in eval mode on <paramref name="device"/> with the file's weights, and its metadata.</summary>
    public static (UNetPlusPlus Model, ModelMetadata Metadata) Load(string path, Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        using var stream = Open(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        var metadata = ReadHeader(path, reader);
        var weightBytes = ReadWeightLength(path, reader);
        var model = new UNetPlusPlus(metadata.Spec);
        try
        {
            var start = stream.Position;
            var half = metadata.FormatVersion == ModelMetadata.HalfWeightsFormatVersion;
            try
            {
                if (half)
                {
                    SetFloatType(model, ScalarType.Float16);
                }

                model.load(reader, strict: true);
                if (half)
                {
                    SetFloatType(model, ScalarType.Float32);
                }
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or EndOfStreamException or IOException or NotImplementedException or System.Runtime.InteropServices.ExternalException)
            {
                throw new InputFileException(path, "weights", $"do not match the architecture {metadata.Spec}: {Printable(e.Message)}", e);
            }

            var read = stream.Position - start;
            if (read != weightBytes)
            {
                throw new InputFileException(path, "weights", $"the state dict used {read} of its {weightBytes} bytes; the file is corrupt");
            }

            model.to(device);
            model.eval();
            return (model, metadata);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The metadata and the weights as plain numbers (fp16 widened to float), read without libtorch: what the ONNX
    /// exporter and engine build their graph from.
    /// </summary>
    public static (ModelMetadata Metadata, IReadOnlyDictionary<string, WeightTensor> Weights) ReadWeights(string path)
    {
        using var stream = Open(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        var metadata = ReadHeader(path, reader);
        var length = ReadWeightLength(path, reader);
        try
        {
            return (metadata, StateDictReader.Read(path, reader, length));
        }
        catch (InvalidDataException e)
        {
            throw new InputFileException(path, "weights", $"are corrupt: {e.Message}", e);
        }
    }

    /// <summary>Reads only the metadata (and checks the file's structure and length), without building the network.</summary>
    public static ModelMetadata ReadMetadata(string path)
    {
        using var stream = Open(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        var metadata = ReadHeader(path, reader);
        ReadWeightLength(path, reader);
        return metadata;
    }

    /// <summary>A short human description of <paramref name="spec"/>, e.g. "UNet++ resnet50, 20 outputs, decoder ×1, 1 input channel".</summary>
    public static string Describe(ModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.ToString();
    }

    // A corrupt tensor name reaches the message as raw bytes (29 KB of binary once): keep a short, printable excerpt.
    private static string Printable(string text, int max = 300)
    {
        var clean = new string(text.Take(max).Select(c => char.IsControl(c) || char.IsSurrogate(c) || c == '\uFFFD' ? '?' : c).ToArray());
        return text.Length > max ? clean + $"… ({text.Length} characters)" : clean;
    }

    // Module.to(dtype) on the whole network trips over the decoder's ModuleDict indexer (TorchSharp reflects over its
    // properties); the leaf modules hold every parameter and buffer, so converting them does the same.
    private static void SetFloatType(UNetPlusPlus model, ScalarType type)
    {
        foreach (var module in model.modules())
        {
            if (module is TorchSharp.Modules.Conv2d or TorchSharp.Modules.BatchNorm2d)
            {
                module.to(type);
            }
        }
    }

    private static FileStream Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new InputFileException(path, null, $"cannot be read: {e.Message}", e);
        }
    }

    private static ModelMetadata ReadHeader(string path, BinaryReader reader)
    {
        try
        {
            var magic = reader.ReadBytes(Magic.Length);
            if (magic.Length != Magic.Length || Encoding.ASCII.GetString(magic) != Magic)
            {
                throw new InputFileException(path, null, $"is not a Dislocate segmentation model (it does not start with '{Magic.TrimEnd()}')");
            }

            var version = reader.ReadInt32();
            if (version > ModelMetadata.HalfWeightsFormatVersion)
            {
                throw new InputFileException(path, "format_version", $"is {version}: the model was written by a newer segment plugin; this one reads format {ModelMetadata.HalfWeightsFormatVersion} and older, so update the plugin");
            }

            if (version < 1)
            {
                throw new InputFileException(path, "format_version", $"is {version}, which no version of the plugin writes; the file is corrupt");
            }

            var length = reader.ReadInt32();
            if (length <= 0 || length > MaxMetadataBytes || length > reader.BaseStream.Length - reader.BaseStream.Position)
            {
                throw new InputFileException(path, "metadata", $"declares {length} bytes, which the file does not hold; the file is truncated or corrupt");
            }

            var metadata = ModelMetadataJson.Parse(reader.ReadBytes(length), path) with { FormatVersion = version };
            if (metadata.FindProblem() is { } problem)
            {
                throw new InputFileException(path, problem.Field, problem.Problem);
            }

            return metadata;
        }
        catch (EndOfStreamException e)
        {
            throw new InputFileException(path, null, "is truncated (it ends inside the header)", e);
        }
    }

    private static long ReadWeightLength(string path, BinaryReader reader)
    {
        try
        {
            var declared = reader.ReadInt64();
            var left = reader.BaseStream.Length - reader.BaseStream.Position;
            if (declared <= 0 || declared != left)
            {
                throw new InputFileException(path, "weights", $"the header declares {declared} bytes of weights but {left} follow; the file is truncated or corrupt");
            }

            return declared;
        }
        catch (EndOfStreamException e)
        {
            throw new InputFileException(path, "weights", "are missing (the file ends after the metadata)", e);
        }
    }
}
