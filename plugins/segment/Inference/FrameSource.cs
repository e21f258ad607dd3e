using Dislocate.Contracts;
using Dislocate.Core.Imaging;
using Dislocate.Core.IO;
using Dislocate.Core.IO.Microscopy;

namespace Dislocate.Segment.Inference;

/// <summary>One input frame: its 0-based index in the input, a name for its output files, and its pixels.</summary>
/// <param name="Index">0-based frame index in the input.</param>
/// <param name="Name">File stem for this frame's outputs (the file's stem for a folder, <c>frame_000001</c> style for a stack).</param>
/// <param name="Image">Gray values; integer images scaled to [0, 1] by their type range.</param>
/// <param name="File">The frame's own image file, or null for a page of a stack.</param>
internal sealed record InputFrame(int Index, string Name, GrayImage Image, string? File = null);

/// <summary>
/// The frames of an input for <c>segment run</c>, read one at a time so a long stack never has to fit in memory: a
/// multi-page TIFF (every page a frame), a microscope file (.dm3/.dm4/.ser: every frame of its image; read whole), a
/// single image file, or a folder of image files (sorted by name; a microscope file there gives its first frame).
/// </summary>
internal sealed class FrameSource
{
    private readonly string path;
    private readonly string[]? files;
    private readonly MicroscopeImage? microscope;

    /// <summary>Opens <paramref name="path"/> and counts its frames; errors name the path.</summary>
    public FrameSource(string path)
    {
        this.path = path;
        if (Directory.Exists(path))
        {
            this.files = ImageFileReader.ImageFiles(path);
            if (this.files.Length == 0)
            {
                throw new InputFileException(path, null, $"folder holds no image ({string.Join(", ", ImageFileReader.SupportedExtensions)})");
            }

            this.Count = this.files.Length;
        }
        else if (!File.Exists(path))
        {
            throw new InputFileException(path, null, "file or folder not found");
        }
        else
        {
            if (MicroscopeFiles.Handles(path))
            {
                this.microscope = MicroscopeFiles.Read(path);
                this.Count = this.microscope.Frames.Count;
            }
            else
            {
                this.Count = IsTiff(path) ? TiffStackReader.CountPages(path) : 1;
            }
        }
    }

    /// <summary>Number of frames.</summary>
    public int Count { get; }

    /// <summary>The frames in order, each read when it is reached.</summary>
    public IEnumerable<InputFrame> Frames()
    {
        if (this.files is not null)
        {
            for (var i = 0; i < this.files.Length; i++)
            {
                yield return new InputFrame(i, Path.GetFileNameWithoutExtension(this.files[i]), ImageFileReader.ReadGray(this.files[i]), this.files[i]);
            }

            yield break;
        }

        if (this.microscope is { } stack)
        {
            var name = Path.GetFileNameWithoutExtension(this.path);
            for (var i = 0; i < stack.Frames.Count; i++)
            {
                yield return new InputFrame(i, stack.Frames.Count == 1 ? name : $"{name}_{i + 1:D6}", stack.ToGray(i), stack.Frames.Count == 1 ? this.path : null);
            }

            yield break;
        }

        if (!IsTiff(this.path))
        {
            yield return new InputFrame(0, Path.GetFileNameWithoutExtension(this.path), ImageFileReader.ReadGray(this.path), this.path);
            yield break;
        }

        var stem = Path.GetFileNameWithoutExtension(this.path);
        var index = 0;
        foreach (var page in TiffStackReader.ReadPages(this.path))
        {
            var name = this.Count == 1 ? stem : $"{stem}_{index + 1:D6}";
            yield return new InputFrame(index++, name, page.ToGrayImage());
        }
    }

    private static bool IsTiff(string file) => Path.GetExtension(file).ToLowerInvariant() is ".tif" or ".tiff";
}
