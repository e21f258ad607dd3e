using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Dislocate.Contracts;

namespace Dislocate.Core.IO.Microscopy;

/// <summary>
/// Reads Gatan DigitalMicrograph <c>.dm3</c> and <c>.dm4</c> files: the last grey image of the file's ImageList (files
/// hold a colour thumbnail first), its frames when it is a 3-D stack, and the pixel size and unit of its first
/// calibrated dimension.
/// </summary>
/// <remarks>
/// The format (as documented by Gatan's DM3/DM4 notes and read by rosettasciio): a big-endian header (version 3 or 4,
/// root length, the byte order of the data), then a tree of tag groups and data tags. A data tag holds an info array
/// (the encoding: a simple type, a string, a struct, or an array of either) and then its data in the header's byte
/// order. DM4 widens the counts and info entries from 32 to 64 bits and adds each tag's size. Only the values needed
/// are kept; arrays are located, not read, until the image's data array is. Every count and length is checked against
/// the bytes left in the file and nesting is limited, so a damaged or hostile file ends in an
/// <see cref="InputFileException"/> naming the tag, never in a huge allocation or a deep recursion.
/// </remarks>
public static class DigitalMicrographReader
{
    /// <summary>Deepest tag-group nesting accepted (real files nest about 10 deep).</summary>
    public const int MaxDepth = 64;

    /// <summary>Most pixels one frame may hold (16384²).</summary>
    public const long MaxFramePixels = 16384L * 16384;

    private const int GroupTag = 20;
    private const int DataTag = 21;
    private const int StructType = 15;
    private const int StringType = 18;
    private const int ArrayType = 20;

    /// <summary>Reads <paramref name="path"/>; see the class remarks.</summary>
    public static MicroscopeImage Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var walker = new Walker(stream, path);
        return walker.Read();
    }

    /// <summary>An array located in the file: where its elements start, their encoding and how many there are.</summary>
    private readonly record struct ArrayAt(long Offset, int Type, long Length);

    private sealed class Walker(Stream stream, string path)
    {
        private readonly Dictionary<string, object> values = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ArrayAt> arrays = new(StringComparer.Ordinal);
        private int version;
        private bool little;

        public MicroscopeImage Read()
        {
            this.version = (int)this.Int32BigEndian("header");
            if (this.version is not (3 or 4))
            {
                throw this.Error(null, this.version is > 0 and < 100 ? $"is DigitalMicrograph version {this.version}; only 3 and 4 are read" : "is not a DigitalMicrograph file (no version 3 or 4 header)");
            }

            _ = this.version == 3 ? this.Int32BigEndian("header") : this.Int64BigEndian("header"); // root length
            this.little = this.Int32BigEndian("header") switch
            {
                1 => true,
                0 => false,
                var other => throw this.Error("header", $"byte-order flag is {other}, not 0 or 1"),
            };
            this.Group(string.Empty, 0);
            return this.Image();
        }

        private void Group(string prefix, int depth)
        {
            if (depth > MaxDepth)
            {
                throw this.Error(prefix, $"tag groups nest deeper than {MaxDepth}");
            }

            this.Skip(2, prefix); // sorted, open
            var count = this.version == 3 ? this.Int32BigEndian(prefix) : this.Int64BigEndian(prefix);
            if (count < 0 || count > this.Left)
            {
                throw this.Error(prefix, $"declares {count} tags, more than the file can hold");
            }

            for (long k = 0; k < count; k++)
            {
                var kind = this.Byte(prefix);
                var labelLength = this.UInt16BigEndian(prefix);
                var label = labelLength == 0 ? k.ToString(CultureInfo.InvariantCulture) : Encoding.Latin1.GetString(this.Bytes(labelLength, prefix));
                var name = prefix.Length == 0 ? label : $"{prefix}.{label}";
                if (this.version == 4)
                {
                    _ = this.Int64BigEndian(name); // the tag's size
                }

                switch (kind)
                {
                    case GroupTag:
                        this.Group(name, depth + 1);
                        break;
                    case DataTag:
                        this.Data(name);
                        break;
                    case 0 when k == count - 1:
                        return; // some writers end a group with a zero byte
                    default:
                        throw this.Error(name, $"has tag type {kind}, neither a group (20) nor data (21)");
                }
            }
        }

        private void Data(string name)
        {
            if (!this.Bytes(4, name).AsSpan().SequenceEqual("%%%%"u8))
            {
                throw this.Error(name, "lacks the %%%% mark of a data tag");
            }

            var count = this.version == 3 ? this.Int32BigEndian(name) : this.Int64BigEndian(name);
            if (count < 1 || count > 1024)
            {
                throw this.Error(name, $"declares an encoding of {count} entries");
            }

            var info = new long[count];
            for (var i = 0; i < count; i++)
            {
                info[i] = this.version == 3 ? this.Int32BigEndian(name) : this.Int64BigEndian(name);
            }

            var type = info[0];
            if (Size(type) is not null)
            {
                this.values[name] = this.Simple((int)type, name);
            }
            else if (type == StringType && count >= 2)
            {
                var chars = this.Checked(info[1], 2, name);
                this.values[name] = this.Utf16(chars, name);
            }
            else if (type == StructType)
            {
                this.Skip(this.StructSize(info, 1, name).Size, name);
            }
            else if (type == ArrayType && count >= 3)
            {
                if (info[1] == StructType)
                {
                    var (structSize, used) = this.StructSize(info, 2, name);
                    var length = 2 + used < count ? info[2 + used] : throw this.Error(name, "has an array of structs without a length");
                    this.Skip(this.Checked(length, structSize, name) * structSize, name);
                }
                else if (Size(info[1]) is { } elementSize)
                {
                    var length = this.Checked(info[2], elementSize, name);
                    this.arrays[name] = new ArrayAt(stream.Position, (int)info[1], length);
                    if (info[1] == 4 && length <= 256)
                    {
                        this.values[name] = this.Utf16(length, name); // short uint16 arrays are strings (units, names)
                    }
                    else
                    {
                        this.Skip(length * elementSize, name);
                    }
                }
                else
                {
                    throw this.Error(name, $"has an array of element type {info[1]}");
                }
            }
            else
            {
                throw this.Error(name, $"has encoding type {type}");
            }
        }

        /// <summary>The byte size of the struct described from <c>info[at]</c> (name length, field count, then name length and type per field), and how many entries that took.</summary>
        private (long Size, int Used) StructSize(long[] info, int at, string name)
        {
            if (at + 1 >= info.Length || info[at + 1] < 0 || at + 2 + (2 * info[at + 1]) > info.Length)
            {
                throw this.Error(name, "has a struct encoding that does not fit its info array");
            }

            var fields = (int)info[at + 1];
            long size = 0;
            for (var f = 0; f < fields; f++)
            {
                size += Size(info[at + 3 + (2 * f)]) ?? throw this.Error(name, $"has a struct field of type {info[at + 3 + (2 * f)]}");
            }

            return (size, 2 + (2 * fields));
        }

        private MicroscopeImage Image()
        {
            // ImageList entries in file order; files put a colour thumbnail first, so the last grey image is the data.
            string? best = null;
            long? colour = null;
            foreach (var (name, _) in this.arrays.OrderBy(a => a.Value.Offset))
            {
                if (!name.StartsWith("ImageList.", StringComparison.Ordinal) || !name.EndsWith(".ImageData.Data", StringComparison.Ordinal))
                {
                    continue;
                }

                var image = name[..^".Data".Length];
                if (this.Dimension(image, 0) < 1 || this.Dimension(image, 1) < 1)
                {
                    continue;
                }

                var type = this.values.TryGetValue($"{image}.DataType", out var t) ? Convert.ToInt64(t, CultureInfo.InvariantCulture) : 0;
                if (type is 3 or 13 or 23 or 8 or 27 or 28)
                {
                    colour = type;
                    continue;
                }

                best = image;
            }

            if (best is null)
            {
                throw this.Error(null, colour is { } c
                    ? $"holds only complex or colour images (data type {c}); only real-valued grey images are read"
                    : "holds no image (no ImageList entry with ImageData.Data and two dimensions)");
            }

            var width = this.Dimension(best, 0);
            var height = this.Dimension(best, 1);
            var frames = this.values.ContainsKey($"{best}.Dimensions.2") ? this.Dimension(best, 2) : 1;
            if (this.values.ContainsKey($"{best}.Dimensions.3"))
            {
                throw this.Error($"{best}.Dimensions", "has four or more dimensions (spectrum images are not read)");
            }

            var data = this.arrays[$"{best}.Data"];
            if (width < 1 || height < 1 || frames < 1 || width * height > MaxFramePixels)
            {
                throw this.Error($"{best}.Dimensions", $"are {width}×{height}×{frames}");
            }

            if (data.Length != width * height * frames)
            {
                throw this.Error($"{best}.Data", $"holds {data.Length} values, not the {width}×{height}×{frames} its dimensions give");
            }

            stream.Position = data.Offset;
            var planes = new float[frames][];
            var elementSize = Size(data.Type)!.Value;
            var buffer = new byte[width * height * elementSize];
            for (var f = 0; f < frames; f++)
            {
                stream.ReadExactly(buffer);
                planes[f] = new float[width * height];
                for (var i = 0; i < planes[f].Length; i++)
                {
                    planes[f][i] = (float)Value(buffer.AsSpan(i * elementSize, elementSize), data.Type, this.little);
                }
            }

            double? scale = this.values.TryGetValue($"{best}.Calibrations.Dimension.0.Scale", out var s) ? Convert.ToDouble(s, CultureInfo.InvariantCulture) : null;
            var unit = this.values.TryGetValue($"{best}.Calibrations.Dimension.0.Units", out var u) && u is string text && text.Trim().Length > 0 ? text.Trim() : "pixel";
            if (scale is not { } v || !double.IsFinite(v) || v <= 0 || unit == "pixel")
            {
                (scale, unit) = (null, "pixel");
            }

            return new MicroscopeImage((int)width, (int)height, planes, scale, unit, $"DigitalMicrograph {this.version}, {TypeName(data.Type)}");
        }

        private long Dimension(string image, int axis) =>
            this.values.TryGetValue($"{image}.Dimensions.{axis}", out var v) ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : 0;

        private double Simple(int type, string name)
        {
            var size = Size(type)!.Value;
            var bytes = this.Bytes(size, name);
            return Value(bytes, type, this.little);
        }

        private string Utf16(long chars, string name)
        {
            var bytes = this.Bytes((int)(chars * 2), name);
            return this.little ? Encoding.Unicode.GetString(bytes) : Encoding.BigEndianUnicode.GetString(bytes);
        }

        /// <summary><paramref name="count"/> when that many elements of <paramref name="size"/> bytes fit in what is left of the file.</summary>
        private long Checked(long count, long size, string name) =>
            count >= 0 && count <= this.Left / Math.Max(size, 1) ? count : throw this.Error(name, $"declares {count} elements of {size} bytes, more than the file holds");

        private long Left => stream.Length - stream.Position;

        private byte Byte(string where) => this.Bytes(1, where)[0];

        private ushort UInt16BigEndian(string where) => BinaryPrimitives.ReadUInt16BigEndian(this.Bytes(2, where));

        private long Int32BigEndian(string where) => BinaryPrimitives.ReadInt32BigEndian(this.Bytes(4, where));

        private long Int64BigEndian(string where) => BinaryPrimitives.ReadInt64BigEndian(this.Bytes(8, where));

        private byte[] Bytes(int count, string where)
        {
            if (count < 0 || count > this.Left)
            {
                throw this.Error(where, "is cut off: the file ends inside it");
            }

            var bytes = new byte[count];
            stream.ReadExactly(bytes);
            return bytes;
        }

        private void Skip(long count, string where)
        {
            if (count < 0 || count > this.Left)
            {
                throw this.Error(where, "is cut off: the file ends inside it");
            }

            stream.Position += count;
        }

        private InputFileException Error(string? tag, string problem) =>
            new(path, string.IsNullOrEmpty(tag) ? null : $"tag {tag}", problem);
    }

    /// <summary>Bytes of a simple DM encoding type, null for others.</summary>
    private static int? Size(long type) => type switch
    {
        2 or 4 => 2,
        3 or 5 or 6 => 4,
        7 or 11 or 12 => 8,
        8 or 9 or 10 => 1,
        _ => null,
    };

    private static string TypeName(int type) => type switch
    {
        2 => "int16",
        3 => "int32",
        4 => "uint16",
        5 => "uint32",
        6 => "float32",
        7 => "float64",
        8 => "bool",
        9 => "int8",
        10 => "uint8",
        11 => "int64",
        _ => "uint64",
    };

    private static double Value(ReadOnlySpan<byte> b, int type, bool little) => type switch
    {
        2 => little ? BinaryPrimitives.ReadInt16LittleEndian(b) : BinaryPrimitives.ReadInt16BigEndian(b),
        3 => little ? BinaryPrimitives.ReadInt32LittleEndian(b) : BinaryPrimitives.ReadInt32BigEndian(b),
        4 => little ? BinaryPrimitives.ReadUInt16LittleEndian(b) : BinaryPrimitives.ReadUInt16BigEndian(b),
        5 => little ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b),
        6 => little ? BinaryPrimitives.ReadSingleLittleEndian(b) : BinaryPrimitives.ReadSingleBigEndian(b),
        7 => little ? BinaryPrimitives.ReadDoubleLittleEndian(b) : BinaryPrimitives.ReadDoubleBigEndian(b),
        8 or 10 => b[0],
        9 => (sbyte)b[0],
        11 => little ? BinaryPrimitives.ReadInt64LittleEndian(b) : BinaryPrimitives.ReadInt64BigEndian(b),
        _ => little ? BinaryPrimitives.ReadUInt64LittleEndian(b) : BinaryPrimitives.ReadUInt64BigEndian(b),
    };
}
