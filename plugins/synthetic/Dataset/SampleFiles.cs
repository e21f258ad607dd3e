using System.Globalization;

namespace Dislocate.Synthetic.Dataset;

/// <summary>
/// The files of one sample in a dataset folder: <c>&lt;split&gt;/images/&lt;name&gt;</c>, <c>masks/</c>, <c>union/</c>,
/// <c>labelme/</c> and <c>params/&lt;name&gt;.json</c>. The params JSON is written last and marks the sample complete.
/// </summary>
public sealed class SampleFiles
{
    /// <summary>Paths for sample <paramref name="index"/> of a dataset described by <paramref name="options"/>.</summary>
    public SampleFiles(DatasetOptions options, long index, int frames)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.Index = index;
        this.Split = index < options.TrainCount ? "train" : "test";
        var digits = Math.Max(6, (options.Count - 1).ToString(CultureInfo.InvariantCulture).Length);
        this.Name = index.ToString("D" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var root = Path.Combine(options.Output, this.Split);
        var stack = frames > 1;
        this.Image = Path.Combine(root, "images", this.Name + ImageExtension(options.ImageFormat));
        this.Masks = options.MaskFormat == MaskFormat.Tiff
            ? Path.Combine(root, "masks", this.Name + ".tif")
            : Path.Combine(root, "masks", this.Name);
        this.Union = Path.Combine(root, "union", this.Name + (stack ? ".tif" : ".png"));
        this.Labelme = options.Labelme && !stack ? Path.Combine(root, "labelme", this.Name + ".json") : null;
        this.Params = Path.Combine(root, "params", this.Name + ".json");
    }

    private SampleFiles(string folder, string stem, ImageFormat imageFormat, MaskFormat maskFormat, bool labelme, int frames)
    {
        this.Index = -1;
        this.Split = string.Empty;
        this.Name = stem;
        var stack = frames > 1;
        this.Image = Path.Combine(folder, stem + ImageExtension(imageFormat));
        this.Masks = Path.Combine(folder, stem + (maskFormat == MaskFormat.Tiff ? "_masks.tif" : "_masks"));
        this.Union = Path.Combine(folder, stem + (stack ? "_union.tif" : "_union.png"));
        this.Labelme = labelme && !stack ? Path.Combine(folder, stem + ".labelme.json") : null;
        this.Params = Path.Combine(folder, stem + ".json");
    }

    /// <summary>
    /// Files of a single sample side by side in one folder: <c>stem.png</c>, <c>stem_masks.tif</c>,
    /// <c>stem_union.png</c>, <c>stem.labelme.json</c>, <c>stem.json</c> (used by replay and twin).
    /// </summary>
    public static SampleFiles Flat(string folder, string stem, ImageFormat imageFormat, MaskFormat maskFormat, bool labelme, int frames) =>
        new(folder, stem, imageFormat, maskFormat, labelme, frames);

    /// <summary>Sample index (−1 for a flat layout).</summary>
    public long Index { get; }

    /// <summary><c>train</c> or <c>test</c>.</summary>
    public string Split { get; }

    /// <summary>Zero-padded file stem.</summary>
    public string Name { get; }

    /// <summary>Image file.</summary>
    public string Image { get; }

    /// <summary>Mask TIFF, or a folder of per-instance PNGs.</summary>
    public string Masks { get; }

    /// <summary>Union mask.</summary>
    public string Union { get; }

    /// <summary>labelme JSON, or null when not written.</summary>
    public string? Labelme { get; }

    /// <summary>Parameters JSON; its presence means the sample is complete.</summary>
    public string Params { get; }

    /// <summary>
    /// True when the sample was finished by an earlier run: its params JSON exists and so do its data files, none empty
    /// and every PNG ending in its IEND chunk. A file emptied or cut short since (by a full disk, a copy or a user) is
    /// noticed at this cost of a few bytes read per file, and the sample is made again; equal-length damage is not.
    /// </summary>
    public bool IsComplete => File.Exists(this.Params) && this.DataFiles().All(Intact);

    /// <summary>The data files written before the params JSON (the mask folder counts as one).</summary>
    public IEnumerable<string> DataFiles()
    {
        yield return this.Image;
        yield return this.Masks;
        yield return this.Union;
        if (this.Labelme is not null)
        {
            yield return this.Labelme;
        }
    }

    private static readonly byte[] PngEnd = [0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82];

    private static bool Intact(string path)
    {
        if (Directory.Exists(path))
        {
            return true; // a folder of per-instance PNGs (empty when the sample has no dislocation)
        }

        var file = new FileInfo(path);
        if (!file.Exists || file.Length == 0)
        {
            return false;
        }

        if (!path.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (file.Length < PngEnd.Length)
        {
            return false;
        }

        using var stream = file.OpenRead();
        stream.Seek(-PngEnd.Length, SeekOrigin.End);
        Span<byte> tail = stackalloc byte[12];
        stream.ReadExactly(tail);
        return tail.SequenceEqual(PngEnd);
    }

    /// <summary>The file extension for an image format.</summary>
    public static string ImageExtension(ImageFormat format) => format is ImageFormat.Png8 or ImageFormat.Png16 ? ".png" : ".tif";
}
