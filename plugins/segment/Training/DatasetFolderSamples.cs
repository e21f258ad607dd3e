using Dislocate.Contracts;
using Dislocate.Core.IO;

namespace Dislocate.Segment.Training;

/// <summary>
/// Samples of a dataset folder written by <c>synthetic generate</c>: <c>&lt;split&gt;/images/&lt;name&gt;.*</c> with
/// masks in <c>&lt;split&gt;/masks/&lt;name&gt;.tif</c> (one page per instance) or <c>&lt;split&gt;/masks/&lt;name&gt;/NNN.png</c>.
/// </summary>
/// <remarks>Only complete samples count: those whose params JSON (written last by the generator) exists.</remarks>
internal sealed class DatasetFolderSamples : ITrainingSamples
{
    private readonly string root;
    private readonly string[] names;

    /// <summary>Lists the complete samples of <paramref name="split"/> in <paramref name="folder"/>, in name order.</summary>
    public DatasetFolderSamples(string folder, string split)
    {
        this.root = Path.Combine(folder, split);
        var markers = Path.Combine(this.root, "params");
        if (!Directory.Exists(markers))
        {
            throw new InputFileException(folder, split, $"not a dataset folder written by 'synthetic generate' (no {split}/params folder)");
        }

        this.names = Directory.EnumerateFiles(markers, "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (this.names.Length == 0)
        {
            throw new InputFileException(folder, split, "holds no complete sample");
        }

        this.Description = $"dataset {Path.GetFullPath(folder)} ({split}, {this.names.Length} samples)";
    }

    /// <inheritdoc/>
    public long Count => this.names.Length;

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public TrainingSample Get(long index)
    {
        var name = this.names[index];
        var images = Path.Combine(this.root, "images");
        var imagePath = ImageFileReader.SupportedExtensions
            .Select(e => Path.Combine(images, name + e))
            .FirstOrDefault(File.Exists)
            ?? throw new InputFileException(Path.Combine(images, name), null, "image file missing");
        var image = ImageFileReader.ReadGray(imagePath);
        var masks = ReadMasks(Path.Combine(this.root, "masks", name), image.Width, image.Height);
        return new TrainingSample(image.Width, image.Height, image.Pixels, masks, imagePath);
    }

    /// <summary>Reads instance masks from <c>stem.tif</c> or the folder <c>stem/</c> of per-instance PNGs.</summary>
    internal static List<byte[]> ReadMasks(string stem, int width, int height)
    {
        var masks = new List<byte[]>();
        var tiff = stem + ".tif";
        if (File.Exists(tiff))
        {
            foreach (var page in TiffStackReader.Read(tiff).Pages)
            {
                masks.Add(ToMask(page.ToGrayImage(), tiff, width, height));
            }
        }
        else if (Directory.Exists(stem))
        {
            foreach (var file in Directory.EnumerateFiles(stem, "*.png").Order(StringComparer.Ordinal))
            {
                masks.Add(ToMask(ImageFileReader.ReadGray(file), file, width, height));
            }
        }
        else
        {
            throw new InputFileException(tiff, null, "instance masks missing (neither this TIFF nor a folder of PNGs exists)");
        }

        return masks;
    }

    private static byte[] ToMask(Dislocate.Core.Imaging.GrayImage page, string file, int width, int height)
    {
        if (page.Width != width || page.Height != height)
        {
            throw new InputFileException(file, null, $"mask is {page.Width}×{page.Height} but the image is {width}×{height}");
        }

        var mask = new byte[page.Pixels.Length];
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = page.Pixels[i] > 0 ? (byte)1 : (byte)0;
        }

        return mask;
    }
}
