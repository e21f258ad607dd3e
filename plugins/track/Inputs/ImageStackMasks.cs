using Dislocate.Contracts;
using Dislocate.Core.IO;

namespace Dislocate.Track.Inputs;

/// <summary>
/// The frames of an image handed over by a host (ImageJ's current image): a label stack, a binary stack, or a
/// hyperstack whose channels are the dislocations, under the same rules as files (<see cref="MaskKindRules"/>).
/// </summary>
/// <remarks>
/// Time runs along the hyperstack's frames; a plain stack whose planes ImageJ calls slices (no frame information, as
/// after opening a TIFF sequence) is taken as a time series too. A hyperstack with both slices and frames is refused:
/// which axis is time would be a guess.
/// </remarks>
public static class ImageStackMasks
{
    /// <summary>The resolved kind and the frames of <paramref name="image"/>; planes are converted frame by frame as they are reached.</summary>
    public static (MaskInputKind Kind, int Count, IEnumerable<MaskFrame> Frames) Open(ImageData image, MaskInputKind kind, double threshold)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Slices > 1 && image.Frames > 1)
        {
            throw new InputFileException(image.Title, null, $"has {image.Slices} slices and {image.Frames} frames; tracking needs one time axis (Image › Hyperstacks › Re-order Hyperstack)");
        }

        var count = Math.Max(image.Slices, image.Frames);
        var perFrame = image.Channels;
        var type = image.BitDepth switch { 8 => TiffSampleType.Gray8, 16 => TiffSampleType.Gray16, _ => TiffSampleType.GrayFloat32 };
        var first = image.Planes[0];
        var firstBytes = type == TiffSampleType.Gray8 ? ToBytes(first) : null;
        var resolved = MaskKindRules.Resolve(kind, perFrame, type, firstBytes, type == TiffSampleType.GrayFloat32 ? first : null);
        if (resolved is MaskInputKind.Labels or MaskInputKind.Binary && perFrame > 1)
        {
            throw new InputFileException(image.Title, null, $"has {perFrame} channels; kind={resolved.ToString().ToLowerInvariant()} needs one channel (use kind=masks for one channel per dislocation)");
        }

        return (resolved, count, Frames(image, resolved, type, count, perFrame, threshold));
    }

    private static IEnumerable<MaskFrame> Frames(ImageData image, MaskInputKind kind, TiffSampleType type, int count, int perFrame, double threshold)
    {
        int w = image.Width, h = image.Height;
        for (var f = 0; f < count; f++)
        {
            var name = count == 1 ? image.Title : $"{image.Title} frame {f + 1}";
            var field = $"frame {f + 1}";
            if (kind == MaskInputKind.Masks)
            {
                var masks = new MaskPlane[perFrame];
                for (var c = 0; c < perFrame; c++)
                {
                    var plane = image.Planes[(f * perFrame) + c];
                    var (bytes, shorts, floats) = Typed(type, plane);
                    masks[c] = MaskKindRules.ToMask(c + 1, type, bytes, shorts, floats);
                }

                yield return new MaskFrame(f, name, w, h, null, masks);
                continue;
            }

            var (b, s, fl) = Typed(type, image.Planes[f]);
            var labels = kind == MaskInputKind.Labels
                ? MaskKindRules.ToLabels(type, b, s, fl, image.Title, field)
                : MaskKindRules.ComponentsToLabels(type, b, s, fl, w, h, threshold, image.Title, field);
            yield return new MaskFrame(f, name, w, h, labels, null);
        }
    }

    private static (byte[]? Bytes, ushort[]? Shorts, float[]? Floats) Typed(TiffSampleType type, float[] plane) => type switch
    {
        TiffSampleType.Gray8 => (ToBytes(plane), null, null),
        TiffSampleType.Gray16 => (null, ToShorts(plane), null),
        _ => (null, null, plane),
    };

    // Host planes hold the stored integer values as floats; clamping guards against calibrated or edited values.
    private static byte[] ToBytes(float[] plane)
    {
        var bytes = new byte[plane.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)Math.Clamp(MathF.Round(plane[i]), 0, 255);
        }

        return bytes;
    }

    private static ushort[] ToShorts(float[] plane)
    {
        var shorts = new ushort[plane.Length];
        for (var i = 0; i < shorts.Length; i++)
        {
            shorts[i] = (ushort)Math.Clamp(MathF.Round(plane[i]), 0, 65535);
        }

        return shorts;
    }
}
