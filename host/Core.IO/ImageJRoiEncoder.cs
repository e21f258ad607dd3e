using System.Buffers.Binary;

namespace Dislocate.Core.IO;

/// <summary>Encodes a polyline as one ImageJ 1.x <c>.roi</c> file, laid out as ImageJ 1.53t's <c>ij.io.RoiEncoder</c> writes it.</summary>
/// <remarks>
/// Layout (big-endian; offsets as in <c>ij.io.RoiDecoder</c>): a 64-byte header ("Iout", version 228, type 5 =
/// polyline, integer bounds top/left/bottom/right, vertex count, options = SUB_PIXEL_RESOLUTION (128), stack position
/// at 56, header2 offset at 60), then the vertices as 16-bit integers relative to the bounds (x then y), then the same
/// vertices as absolute 32-bit floats (x then y), then the 64-byte header2 (channel, z, t positions at 4, 8, 12; name
/// offset and length at 16, 20), then the name as UTF-16 code units. ImageJ reads the float vertices back exactly
/// (the integer ones are only for old readers). The bounds and integer vertices follow ImageJ's line convention:
/// left = ⌊min x + 0.5⌋, right = ⌊max x + 1⌋ (max at least Java's Float.MIN_VALUE, an ImageJ quirk kept),
/// integer vertex = ⌊(x − min x) + 0.5⌋, with the float arithmetic ImageJ uses. The output is byte for byte ImageJ's
/// own for the same ROI, except that the float vertices here are exactly the given ones: ImageJ keeps them relative
/// to the bounds and adds the origin back when saving, which can change their last bits (checked against 500 random
/// polylines: identical bytes except such float rounding, up to 29 ulp for small values far from the minimum).
/// </remarks>
public static class ImageJRoiEncoder
{
    /// <summary>The ROI format version written (that of ImageJ 1.52i to 1.53t).</summary>
    public const int Version = 228;

    /// <summary>The most vertices a polyline ROI file can hold (a 16-bit count).</summary>
    public const int MaxPoints = ushort.MaxValue;

    /// <summary>The lowest integer bound ImageJ reads back as signed (it reads 16-bit values below −5000 as unsigned).</summary>
    public const int MinBound = -5000;

    /// <summary>The highest integer bound a 16-bit field holds.</summary>
    public const int MaxBound = ushort.MaxValue;

    private const int HeaderSize = 64;
    private const int Header2Size = 64;
    private const int PolylineType = 5;
    private const int SubPixelResolution = 128;

    // Header offsets (ij.io.RoiDecoder).
    private const int VersionOffset = 4;
    private const int TypeOffset = 6;
    private const int TopOffset = 8;
    private const int LeftOffset = 10;
    private const int BottomOffset = 12;
    private const int RightOffset = 14;
    private const int CountOffset = 16;
    private const int OptionsOffset = 50;
    private const int PositionOffset = 56;
    private const int Header2OffsetOffset = 60;

    // Header2 offsets, relative to its start.
    private const int ChannelOffset = 4;
    private const int SliceOffset = 8;
    private const int FrameOffset = 12;
    private const int NameOffsetOffset = 16;
    private const int NameLengthOffset = 20;

    /// <summary>The <c>.roi</c> file bytes of <paramref name="roi"/>.</summary>
    /// <exception cref="ArgumentException">
    /// Fewer than two vertices, more than <see cref="MaxPoints"/>, X and Y of different lengths, a coordinate that is not
    /// finite or whose bounds leave [<see cref="MinBound"/>, <see cref="MaxBound"/>], a negative position, or a plain
    /// position together with a hyperstack one; the message names the ROI.
    /// </exception>
    public static byte[] Encode(ImageJRoiPolyline roi)
    {
        ArgumentNullException.ThrowIfNull(roi);
        Validate(roi);
        var x = roi.X;
        var y = roi.Y;
        var n = x.Length;
        var (minX, maxX) = Range(x);
        var (minY, maxY) = Range(y);

        // ImageJ: bounds = FloatPolygon.getFloatBounds() (float min, float max − min), then Roi.setIntBounds with the
        // line convention, in double arithmetic from those float values.
        double widthD = maxX - minX;
        double heightD = maxY - minY;
        var left = (int)Math.Floor(minX + 0.5);
        var top = (int)Math.Floor(minY + 0.5);
        var right = (int)Math.Floor(minX + widthD + 1.0);
        var bottom = (int)Math.Floor(minY + heightD + 1.0);
        if (left < MinBound || top < MinBound || right > MaxBound || bottom > MaxBound)
        {
            throw new ArgumentException(
                $"ROI '{roi.Name}': bounds x {left}..{right}, y {top}..{bottom} do not fit ImageJ's 16-bit fields ({MinBound}..{MaxBound}).",
                nameof(roi));
        }

        var name = roi.Name ?? string.Empty;
        var header2 = HeaderSize + (n * 4) + (n * 8);
        var data = new byte[header2 + Header2Size + (name.Length * 2)];
        "Iout"u8.CopyTo(data);
        PutShort(data, VersionOffset, Version);
        data[TypeOffset] = PolylineType;
        PutShort(data, TopOffset, top);
        PutShort(data, LeftOffset, left);
        PutShort(data, BottomOffset, bottom);
        PutShort(data, RightOffset, right);
        PutShort(data, CountOffset, n);
        PutShort(data, OptionsOffset, SubPixelResolution);
        PutInt(data, PositionOffset, roi.Position);
        PutInt(data, Header2OffsetOffset, header2);

        for (var i = 0; i < n; i++)
        {
            // ImageJ keeps vertices relative to the float bounds (float subtraction), rounded half up for the integer copy.
            PutShort(data, HeaderSize + (i * 2), (int)Math.Floor((double)(x[i] - minX) + 0.5));
            PutShort(data, HeaderSize + (n * 2) + (i * 2), (int)Math.Floor((double)(y[i] - minY) + 0.5));
            BinaryPrimitives.WriteSingleBigEndian(data.AsSpan(HeaderSize + (n * 4) + (i * 4)), x[i]);
            BinaryPrimitives.WriteSingleBigEndian(data.AsSpan(HeaderSize + (n * 8) + (i * 4)), y[i]);
        }

        PutInt(data, header2 + ChannelOffset, roi.Channel);
        PutInt(data, header2 + SliceOffset, roi.Slice);
        PutInt(data, header2 + FrameOffset, roi.Frame);
        if (name.Length > 0)
        {
            var nameStart = header2 + Header2Size;
            PutInt(data, header2 + NameOffsetOffset, nameStart);
            PutInt(data, header2 + NameLengthOffset, name.Length);
            for (var i = 0; i < name.Length; i++)
            {
                PutShort(data, nameStart + (i * 2), name[i]);
            }
        }

        return data;
    }

    private static void Validate(ImageJRoiPolyline roi)
    {
        var label = $"ROI '{roi.Name}'";
        if (roi.X is null || roi.Y is null)
        {
            throw new ArgumentException($"{label}: X and Y must not be null.", nameof(roi));
        }

        if (roi.X.Length != roi.Y.Length)
        {
            throw new ArgumentException($"{label}: {roi.X.Length} x but {roi.Y.Length} y coordinates.", nameof(roi));
        }

        if (roi.X.Length < 2 || roi.X.Length > MaxPoints)
        {
            throw new ArgumentException($"{label}: a polyline needs 2..{MaxPoints} vertices, got {roi.X.Length}.", nameof(roi));
        }

        for (var i = 0; i < roi.X.Length; i++)
        {
            if (!float.IsFinite(roi.X[i]) || !float.IsFinite(roi.Y[i]))
            {
                throw new ArgumentException($"{label}: vertex {i} ({roi.X[i]}, {roi.Y[i]}) is not finite.", nameof(roi));
            }
        }

        if (roi.Position < 0 || roi.Channel < 0 || roi.Slice < 0 || roi.Frame < 0)
        {
            throw new ArgumentException(
                $"{label}: positions must be 0 (none) or 1-based, got position {roi.Position}, channel {roi.Channel}, slice {roi.Slice}, frame {roi.Frame}.",
                nameof(roi));
        }

        if (roi.Position > 0 && (roi.Channel > 0 || roi.Slice > 0 || roi.Frame > 0))
        {
            throw new ArgumentException($"{label}: give either a plain stack position or a hyperstack (channel, slice, frame) position, not both.", nameof(roi));
        }
    }

    /// <summary>
    /// The range as ImageJ's <c>FloatPolygon.calculateBounds</c> finds it: its maximum starts at Java's
    /// Float.MIN_VALUE (the smallest positive float, <see cref="float.Epsilon"/>), not at −∞, so for all-negative
    /// coordinates the maximum is that tiny positive number. Copied so the integer bounds equal ImageJ's; ImageJ
    /// ignores them when it reads sub-pixel vertices.
    /// </summary>
    private static (float Min, float Max) Range(float[] values)
    {
        var min = float.MaxValue;
        var max = float.Epsilon;
        for (var i = 0; i < values.Length; i++)
        {
            min = Math.Min(min, values[i]);
            max = Math.Max(max, values[i]);
        }

        return (min, max);
    }

    // Like ImageJ's putShort: the low 16 bits, so negative bounds are stored in two's complement.
    private static void PutShort(byte[] data, int offset, int value) =>
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(offset), unchecked((ushort)value));

    private static void PutInt(byte[] data, int offset, int value) =>
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(offset), value);
}
