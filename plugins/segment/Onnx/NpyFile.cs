using System.Globalization;
using System.Text;

namespace Dislocate.Segment.Onnx;

/// <summary>NumPy <c>.npy</c> (format 1.0) for little-endian float32 arrays: what bioimage.io packages hold as test tensors.</summary>
internal static class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0];

    /// <summary>The .npy bytes of a C-order float32 array of <paramref name="shape"/>.</summary>
    public static byte[] Float32(ReadOnlySpan<float> values, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Aggregate(1L, (a, d) => a * d) != values.Length)
        {
            throw new ArgumentException($"shape ({string.Join(", ", shape)}) does not hold {values.Length} values", nameof(shape));
        }

        var dims = string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + (shape.Length == 1 ? "," : string.Empty);
        var header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({dims}), }}";
        // Magic, version and the 2-byte length come first; the header ends in '\n' and pads the whole to 64 bytes.
        var padded = header.PadRight(((Magic.Length + 2 + header.Length + 1 + 63) / 64 * 64) - Magic.Length - 2 - 1) + "\n";
        using var stream = new MemoryStream();
        stream.Write(Magic);
        stream.Write(BitConverter.GetBytes((ushort)padded.Length));
        stream.Write(Encoding.ASCII.GetBytes(padded));
        foreach (var v in values)
        {
            stream.Write(BitConverter.GetBytes(v));
        }

        return stream.ToArray();
    }

    /// <summary>Reads a little-endian float32 .npy array: its shape and values (C order only).</summary>
    public static (int[] Shape, float[] Values) ReadFloat32(byte[] bytes, string name)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic.AsSpan(0, 6)))
        {
            throw new InvalidDataException($"{name} is not a .npy file");
        }

        int length = BitConverter.ToUInt16(bytes, 8);
        if (10 + length > bytes.Length)
        {
            throw new InvalidDataException($"{name}: truncated header");
        }

        var header = Encoding.ASCII.GetString(bytes, 10, length);
        if (!header.Contains("'descr': '<f4'", StringComparison.Ordinal) || !header.Contains("'fortran_order': False", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{name}: only little-endian float32 C-order arrays are read, not {header.Trim()}");
        }

        var open = header.IndexOf('(', StringComparison.Ordinal);
        var close = header.IndexOf(')', open + 1);
        var shape = header[(open + 1)..close].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => int.Parse(d, CultureInfo.InvariantCulture)).ToArray();
        var count = shape.Aggregate(1L, (a, d) => a * d);
        if ((count * 4) != bytes.Length - 10 - length)
        {
            throw new InvalidDataException($"{name}: shape ({string.Join(", ", shape)}) does not match {bytes.Length - 10 - length} data bytes");
        }

        var values = new float[count];
        Buffer.BlockCopy(bytes, 10 + length, values, 0, (int)(count * 4));
        return (shape, values);
    }
}
