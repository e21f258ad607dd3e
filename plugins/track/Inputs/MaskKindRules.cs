using Dislocate.Contracts;
using Dislocate.Core.IO;

namespace Dislocate.Track.Inputs;

/// <summary>
/// How <see cref="MaskInputKind.Auto"/> is resolved, and how a page of each sample type becomes a label image, a mask or
/// a binary mask. One place, so files and ImageJ stacks follow the same rules.
/// </summary>
/// <remarks>
/// Auto: several pages (or channels) per frame → <see cref="MaskInputKind.Masks"/>; otherwise by the first frame's
/// pixels: 16-bit → labels; 8-bit holding only 0 and 255 → binary (each component one dislocation); other 8-bit →
/// labels; 32-bit holding only whole numbers → labels, else one probability mask per frame. A label image's values are
/// its instance ids; a mask's foreground is value/255 ≥ threshold (8-bit), value ≠ 0 (16-bit) or value ≥ threshold
/// (32-bit probabilities).
/// </remarks>
public static class MaskKindRules
{
    /// <summary>The kind for <see cref="MaskInputKind.Auto"/>, from the pages per frame and the first frame's first page.</summary>
    public static MaskInputKind Resolve(MaskInputKind requested, int pagesPerFrame, TiffSampleType type, ReadOnlySpan<byte> bytes, ReadOnlySpan<float> floats)
    {
        if (requested != MaskInputKind.Auto)
        {
            return requested;
        }

        if (pagesPerFrame > 1)
        {
            return MaskInputKind.Masks;
        }

        return type switch
        {
            TiffSampleType.Gray16 => MaskInputKind.Labels,
            TiffSampleType.Gray8 => IsBinary(bytes) ? MaskInputKind.Binary : MaskInputKind.Labels,
            _ => AllWholeNumbers(floats) ? MaskInputKind.Labels : MaskInputKind.Masks,
        };
    }

    /// <summary>True when every value is 0 or 255.</summary>
    public static bool IsBinary(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyExcept((byte)0, (byte)255) < 0;

    /// <summary>True when every value is a whole number in [0, 65535] (so the page can be a label image).</summary>
    public static bool AllWholeNumbers(ReadOnlySpan<float> floats)
    {
        foreach (var v in floats)
        {
            if (!(v >= 0 && v <= ushort.MaxValue) || v != MathF.Floor(v))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A page as a label image; <paramref name="source"/> and <paramref name="field"/> name it in errors.</summary>
    public static ushort[] ToLabels(TiffSampleType type, byte[]? bytes, ushort[]? shorts, float[]? floats, string source, string field)
    {
        switch (type)
        {
            case TiffSampleType.Gray8:
                var fromBytes = new ushort[bytes!.Length];
                for (var i = 0; i < fromBytes.Length; i++)
                {
                    fromBytes[i] = bytes[i];
                }

                return fromBytes;
            case TiffSampleType.Gray16:
                return shorts!;
            default:
                if (!AllWholeNumbers(floats))
                {
                    throw new InputFileException(source, field, "is not a label image: a 32-bit label image must hold whole numbers 0..65535 (use kind=masks for probabilities)");
                }

                var fromFloats = new ushort[floats!.Length];
                for (var i = 0; i < fromFloats.Length; i++)
                {
                    fromFloats[i] = (ushort)floats[i];
                }

                return fromFloats;
        }
    }

    /// <summary>A page as one dislocation's mask (<paramref name="label"/> is its id).</summary>
    public static MaskPlane ToMask(int label, TiffSampleType type, byte[]? bytes, ushort[]? shorts, float[]? floats) => type switch
    {
        TiffSampleType.Gray8 => new MaskPlane(label, bytes, null),
        TiffSampleType.Gray16 => new MaskPlane(label, NonZero(shorts!), null),
        _ => new MaskPlane(label, null, floats),
    };

    /// <summary>
    /// A binary page (foreground: non-zero for integer pages, ≥ <paramref name="threshold"/> for 32-bit) as a label image
    /// of its 8-connected components, numbered in raster order of their first pixel.
    /// </summary>
    public static ushort[] ComponentsToLabels(TiffSampleType type, byte[]? bytes, ushort[]? shorts, float[]? floats, int width, int height, double threshold, string source, string field)
    {
        var foreground = type switch
        {
            TiffSampleType.Gray8 => NonZero(bytes!),
            TiffSampleType.Gray16 => NonZero(shorts!),
            _ => AtLeast(floats!, threshold),
        };
        var labels = new int[foreground.Length];
        var count = Core.Morphology.ConnectedComponents.Label(foreground, width, height, labels);
        if (count > ushort.MaxValue)
        {
            throw new InputFileException(source, field, $"has {count} separate components; at most {ushort.MaxValue} dislocations per frame are supported");
        }

        var result = new ushort[labels.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (ushort)labels[i];
        }

        return result;
    }

    private static byte[] NonZero(ReadOnlySpan<byte> values)
    {
        var mask = new byte[values.Length];
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = values[i] != 0 ? (byte)255 : (byte)0;
        }

        return mask;
    }

    private static byte[] NonZero(ReadOnlySpan<ushort> values)
    {
        var mask = new byte[values.Length];
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = values[i] != 0 ? (byte)255 : (byte)0;
        }

        return mask;
    }

    private static byte[] AtLeast(ReadOnlySpan<float> values, double threshold)
    {
        var mask = new byte[values.Length];
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = values[i] >= threshold ? (byte)255 : (byte)0;
        }

        return mask;
    }
}
