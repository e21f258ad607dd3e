using System.Text;
using Dislocate.Contracts;

namespace Dislocate.Segment.Model;

/// <summary>One tensor of a state dict as plain numbers: its shape and its values widened to float.</summary>
/// <param name="Shape">Dimensions, outermost first (empty for a scalar).</param>
/// <param name="Values">Row-major values.</param>
internal sealed record WeightTensor(long[] Shape, float[] Values);

/// <summary>
/// Reads the weights a <c>.dislocate</c> file holds (TorchSharp's state-dict stream) without libtorch, so that the ONNX
/// engine and exporter never load it. Layout: a count, then per entry a name, a scalar type, a rank, the dimensions
/// (all 7-bit varints) and the raw little-endian values.
/// </summary>
internal static class StateDictReader
{
    // TorchSharp's ScalarType codes for the types a model file holds.
    private const int Int64Type = 4;
    private const int Float16Type = 5;
    private const int Float32Type = 6;
    private const int MaxEntries = 100_000;
    private const int MaxRank = 8;

    /// <summary>Reads the entries of the state dict at the reader's position; <paramref name="length"/> bytes are its size.</summary>
    public static IReadOnlyDictionary<string, WeightTensor> Read(string path, BinaryReader reader, long length)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var end = reader.BaseStream.Position + length;
        var entries = new Dictionary<string, WeightTensor>(StringComparer.Ordinal);
        try
        {
            var count = ReadVarint(reader);
            if (count is < 0 or > MaxEntries)
            {
                throw Corrupt(path, $"declares {count} tensors");
            }

            for (var i = 0; i < count; i++)
            {
                var nameLength = ReadVarint(reader);
                if (nameLength is <= 0 or > 4096)
                {
                    throw Corrupt(path, $"tensor {i} has a name of {nameLength} bytes");
                }

                var name = Encoding.UTF8.GetString(reader.ReadBytes((int)nameLength));
                if (name.Any(c => char.IsControl(c) || c == '\uFFFD'))
                {
                    throw Corrupt(path, $"tensor {i} has a name that is not text");
                }

                var type = (int)ReadVarint(reader);
                var rank = ReadVarint(reader);
                if (rank is < 0 or > MaxRank)
                {
                    throw Corrupt(path, $"tensor '{name}' has rank {rank}");
                }

                var shape = new long[rank];
                long elements = 1;
                for (var d = 0; d < rank; d++)
                {
                    shape[d] = ReadVarint(reader);
                    elements = shape[d] is >= 0 and <= int.MaxValue ? elements * shape[d] : long.MaxValue;
                    if (elements > length)
                    {
                        throw Corrupt(path, $"tensor '{name}' has more values than the file holds");
                    }
                }

                entries[name] = new WeightTensor(shape, ReadValues(path, reader, name, type, (int)elements, end));
            }
        }
        catch (EndOfStreamException e)
        {
            throw new InputFileException(path, "weights", "are truncated", e);
        }

        if (reader.BaseStream.Position != end)
        {
            throw Corrupt(path, $"the state dict used {reader.BaseStream.Position - (end - length)} of its {length} bytes");
        }

        return entries;
    }

    private static float[] ReadValues(string path, BinaryReader reader, string name, int type, int elements, long end)
    {
        var size = type switch
        {
            Float32Type => 4,
            Float16Type => 2,
            Int64Type => 8,
            _ => throw Corrupt(path, $"tensor '{name}' has scalar type {type}, which no model file holds"),
        };
        if ((long)elements * size > end - reader.BaseStream.Position)
        {
            throw Corrupt(path, $"tensor '{name}' needs {(long)elements * size} bytes, more than remain");
        }

        var bytes = reader.ReadBytes(elements * size);
        var values = new float[elements];
        for (var k = 0; k < elements; k++)
        {
            values[k] = type switch
            {
                Float32Type => BitConverter.ToSingle(bytes, k * 4),
                Float16Type => (float)BitConverter.UInt16BitsToHalf(BitConverter.ToUInt16(bytes, k * 2)),
                _ => BitConverter.ToInt64(bytes, k * 8),
            };
        }

        return values;
    }

    private static long ReadVarint(BinaryReader reader)
    {
        long value = 0;
        for (var shift = 0; shift < 63; shift += 7)
        {
            var b = reader.ReadByte();
            value |= (long)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("a varint longer than 9 bytes");
    }

    private static InputFileException Corrupt(string path, string problem) =>
        new(path, "weights", $"{problem}; the file is corrupt");
}
