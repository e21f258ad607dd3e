using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Segment.Model;
using TorchSharp.Modules;

namespace Dislocate.Segment.Training;

/// <summary>Where a run stands after an epoch: enough, with the weights and optimiser state, to continue it exactly.</summary>
/// <param name="Epoch">Epochs completed.</param>
/// <param name="Step">Optimiser steps done.</param>
/// <param name="BestMetric">Best test metric so far (−1 before the first evaluation).</param>
/// <param name="BestEpoch">Epoch of the best metric (0 before the first evaluation).</param>
/// <param name="Fingerprint">The options' fingerprint; a resume with different options is refused.</param>
/// <param name="Scaler">The float16 loss scaler's state (mixed precision on CUDA only); not written when absent.</param>
internal sealed record CheckpointState(
    int Epoch,
    long Step,
    double BestMetric,
    int BestEpoch,
    string Fingerprint,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] GradScalerState? Scaler = null);

/// <summary>
/// The training checkpoint, one file written atomically after every epoch: a magic line, the JSON state, the model's
/// TorchSharp state dict and Adam's state. Never a pickle.
/// </summary>
internal static class Checkpoint
{
    /// <summary>File name of the checkpoint inside a training folder.</summary>
    public const string FileName = "checkpoint.bin";

    private const string Magic = "DISLOCATE-CHECKPOINT 1\n";

    /// <summary>Writes the checkpoint to <paramref name="path"/> via a temporary file and a rename.</summary>
    public static void Save(string path, CheckpointState state, UNetPlusPlus model, Adam optimizer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Encoding.ASCII.GetBytes(Magic));
            var json = JsonSerializer.SerializeToUtf8Bytes(state);
            writer.Write(json.Length);
            writer.Write(json);
            model.save(writer);
            optimizer.save_state_dict(writer);
        });
    }

    /// <summary>Loads a checkpoint into an existing model and optimiser of the same architecture; returns its state.</summary>
    public static CheckpointState Load(string path, UNetPlusPlus model, Adam optimizer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            var magic = Encoding.ASCII.GetString(reader.ReadBytes(Magic.Length));
            if (magic != Magic)
            {
                throw new InputFileException(path, null, "not a Dislocate training checkpoint");
            }

            var length = reader.ReadInt32();
            if (length <= 0 || length > 1 << 20)
            {
                throw new InputFileException(path, "state", "corrupt state length");
            }

            var state = JsonSerializer.Deserialize<CheckpointState>(reader.ReadBytes(length))
                ?? throw new InputFileException(path, "state", "empty");
            model.load(reader, strict: true);
            optimizer.load_state_dict(reader);
            return state;
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            throw new InputFileException(path, null, $"unreadable checkpoint ({e.Message}); delete it to start the run afresh", e);
        }
    }
}
