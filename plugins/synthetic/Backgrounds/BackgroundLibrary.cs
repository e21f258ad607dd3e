using System.Collections.Concurrent;
using System.Security.Cryptography;
using Dislocate.Contracts;
using Dislocate.Core.Imaging;
using Dislocate.Core.IO;

namespace Dislocate.Synthetic.Backgrounds;

/// <summary>
/// A folder of real background images (paper section 2.2), listed in ordinal file-name order so that an index
/// means the same file on every machine; images are decoded once, on first use, and shared by all threads.
/// </summary>
public sealed class BackgroundLibrary
{
    private static readonly string[] Extensions = [".png", ".tif", ".tiff", ".jpg", ".jpeg", ".bmp"];
    private readonly ConcurrentDictionary<string, Lazy<Entry>> cache = new(StringComparer.Ordinal);

    /// <summary>Lists the images in <paramref name="folder"/>; throws <see cref="InputFileException"/> when it is missing or has none.</summary>
    public BackgroundLibrary(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            throw new InputFileException(folder, null, "background folder does not exist");
        }

        this.Folder = Path.GetFullPath(folder);
        this.Files = Directory.EnumerateFiles(this.Folder)
            .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (this.Files.Count == 0)
        {
            throw new InputFileException(this.Folder, null, $"no background images ({string.Join(", ", Extensions)}) in the folder");
        }
    }

    /// <summary>The absolute folder path.</summary>
    public string Folder { get; }

    /// <summary>Image file names in ordinal order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The decoded gray image (values in [0, 1]) and the SHA-256 of the file's bytes.</summary>
    public (GrayImage Image, string Sha256) Get(string fileName)
    {
        var lazy = this.cache.GetOrAdd(fileName, name => new Lazy<Entry>(() => Load(Path.Combine(this.Folder, name))));
        var e = lazy.Value;
        return (e.Image, e.Sha256);
    }

    private static Entry Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputFileException(path, null, "background image is missing");
        }

        var bytes = File.ReadAllBytes(path);
        var image = ImageFileReader.ReadGray(path);
        return new Entry(image, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private sealed record Entry(GrayImage Image, string Sha256);
}
