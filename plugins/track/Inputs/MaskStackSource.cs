using Dislocate.Contracts;
using Dislocate.Core.IO;

namespace Dislocate.Track.Inputs;

/// <summary>
/// The frames of a mask input, read one at a time so that a stack of thousands of frames never has to fit in memory:
/// a TIFF stack (one page per frame, or an ImageJ hyperstack whose channels are the dislocations, as
/// <c>synthetic generate --frames</c> writes its masks), a folder of per-frame TIFFs (each a label image or one page per
/// dislocation, as <c>segment run</c> writes in labels/ and masks/), or a <c>segment run</c> output folder (its labels/).
/// </summary>
/// <remarks>
/// The kind is resolved once, from the first frame (<see cref="MaskKindRules"/>). Every frame must have the first
/// frame's size: a frame of another size stops the run with an <see cref="InputFileException"/> naming the file and
/// frame (tracking across a change of field of view would link unrelated lines).
/// </remarks>
public sealed class MaskStackSource
{
    private readonly string[]? files;
    private readonly double threshold;

    /// <summary>Opens <paramref name="path"/>, counts its frames and resolves the kind; errors name the path.</summary>
    /// <param name="path">A TIFF file or a folder.</param>
    /// <param name="kind">How pixels encode dislocations; Auto decides from the first frame.</param>
    /// <param name="threshold">Foreground threshold for 32-bit binary masks (kind Binary); in (0, 1].</param>
    public MaskStackSource(string path, MaskInputKind kind = MaskInputKind.Auto, double threshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(path);
        this.threshold = threshold;
        if (Directory.Exists(path))
        {
            var labels = System.IO.Path.Combine(path, "labels");
            if (kind is MaskInputKind.Auto or MaskInputKind.Labels && Directory.Exists(labels) && TiffFiles(labels).Length > 0)
            {
                path = labels;
            }

            this.files = TiffFiles(path);
            if (this.files.Length == 0)
            {
                var others = Directory.EnumerateFiles(path).Any();
                throw new InputFileException(path, null, others ? "folder holds no TIFF file (mask and label inputs are read from .tif/.tiff)" : "folder is empty");
            }

            this.Count = this.files.Length;
            this.PagesPerFrame = TiffStackReader.CountPages(this.files[0]);
        }
        else if (!File.Exists(path))
        {
            throw new InputFileException(path, null, "file or folder not found");
        }
        else
        {
            if (!IsTiff(path))
            {
                throw new InputFileException(path, null, "is not a TIFF file (mask and label inputs are read from .tif/.tiff)");
            }

            var pages = TiffStackReader.CountPages(path);
            var channels = TiffStackReader.ReadImageJChannels(path, pages);
            this.PagesPerFrame = channels;
            this.Count = pages / channels;
        }

        this.Path = path;
        var first = TiffStackReader.ReadFirstPage(this.files?[0] ?? path);
        this.Width = first.Width;
        this.Height = first.Height;
        this.Kind = MaskKindRules.Resolve(kind, this.PagesPerFrame, first.SampleType, first.Bytes, first.Floats);
        if (this.Kind is MaskInputKind.Labels or MaskInputKind.Binary && this.PagesPerFrame > 1)
        {
            var what = this.files is null ? $"has {this.PagesPerFrame} channels per frame" : $"has {this.PagesPerFrame} pages";
            throw new InputFileException(this.files?[0] ?? path, null, $"{what}; kind={this.Kind.ToString().ToLowerInvariant()} needs one page per frame (use kind=masks for one page per dislocation)");
        }
    }

    /// <summary>The file or folder read (a run folder's labels/ when that was chosen).</summary>
    public string Path { get; }

    /// <summary>The resolved kind (never Auto).</summary>
    public MaskInputKind Kind { get; }

    /// <summary>Number of frames.</summary>
    public int Count { get; }

    /// <summary>Pages per frame: the hyperstack's channels for a stack, the first file's pages for a folder.</summary>
    public int PagesPerFrame { get; }

    /// <summary>Frame width (every frame must have it).</summary>
    public int Width { get; }

    /// <summary>Frame height (every frame must have it).</summary>
    public int Height { get; }

    /// <summary>The frames in order, each read when it is reached.</summary>
    public IEnumerable<MaskFrame> Frames()
    {
        if (this.files is not null)
        {
            for (var i = 0; i < this.files.Length; i++)
            {
                var file = this.files[i];
                var pages = TiffStackReader.ReadPages(file).ToList();
                yield return this.Frame(i, System.IO.Path.GetFileNameWithoutExtension(file), pages, file, "file");
            }

            yield break;
        }

        var stem = System.IO.Path.GetFileNameWithoutExtension(this.Path);
        var group = new List<TiffPage>(this.PagesPerFrame);
        var index = 0;
        foreach (var page in TiffStackReader.ReadPages(this.Path))
        {
            group.Add(page);
            if (group.Count == this.PagesPerFrame)
            {
                var name = this.Count == 1 ? stem : $"{stem}_{index + 1:D6}";
                yield return this.Frame(index, name, group, this.Path, $"frame {index + 1}");
                group = new List<TiffPage>(this.PagesPerFrame);
                index++;
            }
        }
    }

    private static string[] TiffFiles(string folder) =>
        Directory.EnumerateFiles(folder).Where(IsTiff).Order(StringComparer.Ordinal).ToArray();

    private static bool IsTiff(string file) => System.IO.Path.GetExtension(file).ToLowerInvariant() is ".tif" or ".tiff";

    private MaskFrame Frame(int index, string name, List<TiffPage> pages, string source, string field)
    {
        var first = pages[0];
        if (first.Width != this.Width || first.Height != this.Height)
        {
            throw new InputFileException(source, field, $"frame size {first.Width}×{first.Height} differs from the first frame's {this.Width}×{this.Height}; a stack to track must keep one field of view");
        }

        switch (this.Kind)
        {
            case MaskInputKind.Labels:
                RequireOnePage(pages, source, field, "labels");
                return new MaskFrame(index, name, this.Width, this.Height, MaskKindRules.ToLabels(first.SampleType, first.Bytes, first.UInt16s, first.Floats, source, field), null);
            case MaskInputKind.Binary:
                RequireOnePage(pages, source, field, "binary");
                var labels = MaskKindRules.ComponentsToLabels(first.SampleType, first.Bytes, first.UInt16s, first.Floats, this.Width, this.Height, this.threshold, source, field);
                return new MaskFrame(index, name, this.Width, this.Height, labels, null);
            default:
                var masks = new MaskPlane[pages.Count];
                for (var k = 0; k < pages.Count; k++)
                {
                    var p = pages[k];
                    masks[k] = MaskKindRules.ToMask(k + 1, p.SampleType, p.Bytes, p.UInt16s, p.Floats);
                }

                return new MaskFrame(index, name, this.Width, this.Height, null, masks);
        }
    }

    private static void RequireOnePage(List<TiffPage> pages, string source, string field, string kind)
    {
        if (pages.Count != 1)
        {
            throw new InputFileException(source, field, $"has {pages.Count} pages; kind={kind} needs one page per frame");
        }
    }
}
