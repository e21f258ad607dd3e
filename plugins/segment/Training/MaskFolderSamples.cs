using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Core.Morphology;
using Dislocate.Segment.Evaluation;

namespace Dislocate.Segment.Training;

/// <summary>
/// Real images with union line masks (one image per frame, all dislocations drawn in it, no instance ids), for
/// fine-tuning: frames pair with masks by file stem, and each 8-connected piece of a mask is one instance.
/// </summary>
/// <remarks>
/// Where lines touch or cross, their pixels form one piece, so they become one instance: right for a line-map model
/// (its target is the union anyway), while an instance model is then taught to put both lines in one mask. Masks are
/// read as <see cref="LineMaskFrames"/> reads them (every value but the background is line, so palette PNGs of
/// anti-aliased strokes work). Pieces smaller than <see cref="MinPiecePixels"/> are dropped as specks.
/// </remarks>
internal sealed class MaskFolderSamples : ITrainingSamples
{
    /// <summary>Pieces with fewer pixels are specks of the drawing, not lines.</summary>
    public const int MinPiecePixels = 5;

    private readonly (string Image, string Mask)[] pairs;

    /// <summary>Pairs the mask files of <paramref name="masks"/> with the images of the same stem in <paramref name="images"/>.</summary>
    public MaskFolderSamples(string images, string masks)
    {
        foreach (var folder in new[] { images, masks })
        {
            if (!Directory.Exists(folder))
            {
                throw new InputFileException(folder, null, "folder not found");
            }
        }

        var byStem = ImageFileReader.ImageFiles(images).ToDictionary(f => Path.GetFileNameWithoutExtension(f), StringComparer.Ordinal);
        this.pairs = [.. ImageFileReader.ImageFiles(masks)
            .Where(m => byStem.ContainsKey(Path.GetFileNameWithoutExtension(m)))
            .Select(m => (byStem[Path.GetFileNameWithoutExtension(m)], m))];
        if (this.pairs.Length == 0)
        {
            throw new InputFileException(masks, null, $"holds no mask whose file stem matches an image in {images}");
        }

        this.Description = $"mask folder {Path.GetFullPath(masks)} with images {Path.GetFullPath(images)} ({this.pairs.Length} frames)";
    }

    /// <inheritdoc/>
    public long Count => this.pairs.Length;

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public TrainingSample Get(long index)
    {
        var (imagePath, maskPath) = this.pairs[index];
        var image = ImageFileReader.ReadGray(imagePath);
        var frame = LineMaskFrames.FromImage(Path.GetFileNameWithoutExtension(maskPath), ImageFileReader.ReadGray(maskPath), maskPath);
        if (frame.Width != image.Width || frame.Height != image.Height)
        {
            throw new InputFileException(maskPath, null, $"is {frame.Width}×{frame.Height}, but its image {imagePath} is {image.Width}×{image.Height}");
        }

        return new TrainingSample(image.Width, image.Height, image.Pixels, Pieces(frame.Mask, image.Width, image.Height), maskPath);
    }

    /// <summary>The 8-connected pieces of a union mask with at least <see cref="MinPiecePixels"/> pixels, in raster order.</summary>
    internal static List<byte[]> Pieces(byte[] mask, int width, int height)
    {
        var labels = new int[mask.Length];
        var count = ConnectedComponents.Label(mask, width, height, labels);
        var sizes = new int[count + 1];
        foreach (var l in labels)
        {
            sizes[l]++;
        }

        var pieces = new List<byte[]>();
        var index = new int[count + 1];
        for (var c = 1; c <= count; c++)
        {
            index[c] = -1;
            if (sizes[c] >= MinPiecePixels)
            {
                index[c] = pieces.Count;
                pieces.Add(new byte[mask.Length]);
            }
        }

        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] > 0 && index[labels[i]] >= 0)
            {
                pieces[index[labels[i]]][i] = 1;
            }
        }

        return pieces;
    }
}
