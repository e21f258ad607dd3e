using System.Text;

namespace Dislocate.Core.IO;

/// <summary>
/// A text file written line by line into <c>path.partial</c> and moved over <c>path</c> only by <see cref="Commit"/>:
/// for outputs that grow with the input (tables of long stacks) and must never be seen half-written.
/// </summary>
/// <remarks>Disposing without <see cref="Commit"/> (an error, a cancellation) deletes the partial file and leaves any old file untouched.</remarks>
public sealed class AtomicTextWriter : IDisposable
{
    private readonly string path;
    private readonly string temp;
    private StreamWriter? writer;

    /// <summary>Creates <c>path.partial</c> (UTF-8 without byte-order mark, <c>\n</c> line ends).</summary>
    public AtomicTextWriter(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        this.path = path;
        this.temp = AtomicFile.PartialPath(path);
        this.writer = new StreamWriter(AtomicFile.CreateTemp(this.temp, bufferSize: 0), new UTF8Encoding(false), 64 * 1024) { NewLine = "\n" };
    }

    /// <summary>Appends one line.</summary>
    public void WriteLine(string line)
    {
        ObjectDisposedException.ThrowIf(this.writer is null, this);
        this.writer.WriteLine(line);
    }

    /// <summary>Flushes and moves the file into place; nothing may be written afterwards.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(this.writer is null, this);
        this.writer.Flush();
        this.writer.Dispose();
        this.writer = null;
        File.Move(this.temp, this.path, overwrite: true);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (this.writer is null)
        {
            return;
        }

        this.writer.Dispose();
        this.writer = null;
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
