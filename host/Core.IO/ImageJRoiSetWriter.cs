using System.IO.Compression;

namespace Dislocate.Core.IO;

/// <summary>
/// A RoiSet.zip written ROI by ROI into <c>path.partial</c> and moved over <c>path</c> only by <see cref="Commit"/>: for
/// ROI sets that grow with a long stack, so no list of every ROI has to stay in memory.
/// </summary>
/// <remarks>
/// Entries are named as <see cref="ImageJRoiSet"/> names them, with a fixed number of index digits (the final count is
/// not known in advance); the same ROIs give the same bytes. Disposing without <see cref="Commit"/> deletes the partial
/// file and leaves any old file untouched.
/// </remarks>
public sealed class ImageJRoiSetWriter : IDisposable
{
    private readonly string path;
    private readonly string temp;
    private readonly int digits;
    private FileStream? stream;
    private ZipArchive? zip;

    /// <summary>Creates <c>path.partial</c>; entry names get at least <paramref name="digits"/> index digits.</summary>
    public ImageJRoiSetWriter(string path, int digits = 6)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 1);
        this.path = path;
        this.temp = AtomicFile.PartialPath(path);
        this.digits = digits;
        this.stream = AtomicFile.CreateTemp(this.temp, bufferSize: 64 * 1024);
        this.zip = new ZipArchive(this.stream, ZipArchiveMode.Create, leaveOpen: true);
    }

    /// <summary>ROIs added so far.</summary>
    public int Count { get; private set; }

    /// <summary>Encodes and appends one ROI; an <see cref="ArgumentException"/> names it when it cannot be encoded.</summary>
    public void Add(ImageJRoiPolyline roi)
    {
        ObjectDisposedException.ThrowIf(this.zip is null, this);
        ImageJRoiSet.AddEntry(this.zip, this.Count, roi, this.digits, nameof(roi));
        this.Count++;
    }

    /// <summary>Finishes the zip and moves it into place; nothing may be added afterwards.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(this.zip is null || this.stream is null, this);
        this.zip.Dispose();
        this.zip = null;
        this.stream.Flush();
        this.stream.Dispose();
        this.stream = null;
        File.Move(this.temp, this.path, overwrite: true);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (this.stream is null)
        {
            return;
        }

        this.zip?.Dispose();
        this.zip = null;
        this.stream.Dispose();
        this.stream = null;
        try
        {
            File.Delete(this.temp);
        }
        catch (IOException)
        {
            // Leftover partials are recognisable by their suffix and harmless.
        }
    }
}
