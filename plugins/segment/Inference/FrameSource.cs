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

    // The first frame of a folder or a single image file, read when the source opens so an unreadable input fails
    // before a model is loaded (a second or more and 0.4 GB); handed out once, then read again if asked for.
    private InputFrame? first;

    /// <summary>Opens <paramref name="path"/>, counts its frames and reads the first of a folder or image file; errors name the path.</summary>
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
            this.first = this.Frame(0);
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
                this.first = IsTiff(path) ? null : this.Frame(0);
            }
        }
    }

    /// <summary>Number of frames.</summary>
    public int Count { get; }

    /// <summary>Frame <paramref name="index"/> alone (0-based), read without the frames before it.</summary>
    public InputFrame Frame(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, this.Count);
        if (index == 0 && this.first is { } early)
        {
            this.first = null;
            return early;
        }

        if (this.files is not null)
        {
            return new InputFrame(index, Path.GetFileNameWithoutExtension(this.files[index]), ImageFileReader.ReadGray(this.files[index]), this.files[index]);
        }

        if (this.microscope is { } stack)
        {
            var name = Path.GetFileNameWithoutExtension(this.path);
            return new InputFrame(index, stack.Frames.Count == 1 ? name : $"{name}_{index + 1:D6}", stack.ToGray(index), stack.Frames.Count == 1 ? this.path : null);
        }

        if (!IsTiff(this.path))
        {
            return new InputFrame(0, Path.GetFileNameWithoutExtension(this.path), ImageFileReader.ReadGray(this.path), this.path);
        }

        return new InputFrame(index, this.StackFrameName(index), TiffStackReader.ReadPage(this.path, index).ToGrayImage());
    }

    /// <summary>The frames in order, each read when it is reached.</summary>
    public IEnumerable<InputFrame> Frames()
    {
        if (this.files is not null || this.microscope is not null || !IsTiff(this.path))
        {
            for (var i = 0; i < this.Count; i++)
            {
                yield return this.Frame(i);
            }

            yield break;
        }

        var index = 0;
        foreach (var page in TiffStackReader.ReadPages(this.path))
        {
            yield return new InputFrame(index, this.StackFrameName(index), page.ToGrayImage());
            index++;
        }
    }

    /// <summary>Up to <paramref name="count"/> distinct indices of <paramref name="frames"/> spread evenly from 0 to the last.</summary>
    public static IReadOnlyList<int> SpreadIndices(int frames, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (frames <= 0)
        {
            return [];
        }

        return count == 1 || frames == 1
            ? [0]
            : Enumerable.Range(0, count).Select(k => (int)((long)k * (frames - 1) / (count - 1))).Distinct().ToArray();
    }

    private string StackFrameName(int index)
    {
        var stem = Path.GetFileNameWithoutExtension(this.path);
        return this.Count == 1 ? stem : $"{stem}_{index + 1:D6}";
    }

    private static bool IsTiff(string file) => Path.GetExtension(file).ToLowerInvariant() is ".tif" or ".tiff";
}
