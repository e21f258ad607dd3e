using Dislocate.Contracts;
using Dislocate.Core.Imaging;
using Dislocate.Core.IO;

namespace Dislocate.Segment.Evaluation;

/// <summary>One frame of a line mask: a name to pair it by and its foreground (1 = line pixel).</summary>
/// <param name="Name">The file's stem (a folder of images or one image), or <c>&lt;stem&gt;_000001</c> for the frames of a stack, as <c>segment run</c> names its outputs.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Mask">Row-major 0/1 bytes.</param>
/// <param name="Source">The file it came from, for messages.</param>
public sealed record LineMaskFrame(string Name, int Width, int Height, byte[] Mask, string Source);

/// <summary>
/// Reads line masks for scoring: a <c>segment run</c> folder (its <c>labels/</c>), a folder of mask images, a multi-page
/// TIFF (one frame per page, or per K pages of an ImageJ hyperstack with K channels) or a single image.
/// </summary>
/// <remarks>
/// Any image type, read by <see cref="LineMaskRule"/>: the background is each frame's most frequent value and every
/// other value is a line pixel. Errors name the file.
/// </remarks>
public static class LineMaskFrames
{
    /// <summary>The frames under <paramref name="path"/>, in name order (pages in page order).</summary>
    public static IReadOnlyList<LineMaskFrame> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            var labels = Path.Combine(path, "labels");
            var folder = Directory.Exists(labels) ? labels : path;
            var files = ImageFileReader.ImageFiles(folder);
            if (files.Length == 0)
            {
                throw new InputFileException(folder, null, "holds no image files (PNG, TIFF, JPEG, BMP, GIF, WebP)");
            }

            return [.. files.Select(f => FromImage(Path.GetFileNameWithoutExtension(f), ImageFileReader.ReadGray(f), f))];
        }

        if (!File.Exists(path))
        {
            throw new InputFileException(path, null, "file or folder not found");
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".tif" or ".tiff" && TiffStackReader.CountPages(path) is > 1 and var pages)
        {
            return ReadStack(path, pages);
        }

        return [FromImage(Path.GetFileNameWithoutExtension(path), ImageFileReader.ReadGray(path), path)];
    }

    // Pages of a stack, named as 'segment run' names a stack's frames (<stem>_000001 …); an ImageJ hyperstack with
    // channels=K (the generator's sequence masks: one channel per dislocation) gives one frame per K pages, their union.
    private static List<LineMaskFrame> ReadStack(string path, int pages)
    {
        var channels = TiffStackReader.ReadImageJChannels(path, pages);
        var stem = Path.GetFileNameWithoutExtension(path);
        var frames = new List<LineMaskFrame>();
        LineMaskFrame? union = null;
        var page = 0;
        foreach (var tiffPage in TiffStackReader.ReadPages(path))
        {
            var name = $"{stem}_{(page / channels) + 1:D6}";
            var frame = FromImage(name, tiffPage.ToGrayImage(), path);
            if (union is null)
            {
                union = frame;
            }
            else
            {
                if (frame.Width != union.Width || frame.Height != union.Height)
                {
                    throw new InputFileException(path, $"page {page + 1}", $"is {frame.Width}×{frame.Height}, not {union.Width}×{union.Height} like the pages before it");
                }

                for (var i = 0; i < frame.Mask.Length; i++)
                {
                    union.Mask[i] |= frame.Mask[i];
                }
            }

            if (++page % channels == 0)
            {
                frames.Add(union);
                union = null;
            }
        }

        return frames;
    }

    /// <summary>The line pixels of one image: every value other than its most frequent one (<see cref="LineMaskRule"/>).</summary>
    public static LineMaskFrame FromImage(string name, GrayImage image, string source)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new LineMaskFrame(name, image.Width, image.Height, LineMaskRule.LinePixels(image), source);
    }
}
