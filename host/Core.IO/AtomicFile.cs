using System.Text;

namespace Dislocate.Core.IO;

/// <summary>Writes files so that readers see either the old content or the complete new content, never a torn file.</summary>
/// <remarks>
/// The content is first written to <c>&lt;path&gt;.partial</c> in the same folder (e.g. <c>img_0001.png</c> →
/// <c>img_0001.png.partial</c>), optionally flushed to disk, then renamed over the target. A crash can
/// leave a <c>*.partial</c> file behind but never a half-written target; <see cref="DeletePartials"/> removes such
/// leftovers. Only one writer per target at a time: two concurrent writers of the same path share the temp name.
/// </remarks>
public static class AtomicFile
{
    /// <summary>The suffix of temporary files.</summary>
    public const string PartialSuffix = ".partial";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Writes <paramref name="path"/> through <paramref name="write"/>: to <c>path.partial</c>, flushed to the disk when
    /// <paramref name="durable"/> (FileStream.Flush(true), i.e. fsync), then moved over the target. If
    /// <paramref name="write"/> throws, the temp file is deleted, the target is left untouched and the exception propagates.
    /// </summary>
    public static void Write(string path, Action<Stream> write, bool durable = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var temp = PartialPath(path);
        try
        {
            using (var stream = CreateTemp(temp, bufferSize: 16 * 1024))
            {
                write(stream);
                stream.Flush(flushToDisk: durable);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Atomically writes <paramref name="text"/> as UTF-8 without a byte-order mark.</summary>
    public static void WriteAllText(string path, string text, bool durable = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteAllBytes(path, Utf8NoBom.GetBytes(text), durable);
    }

    /// <summary>Atomically writes <paramref name="bytes"/>.</summary>
    public static void WriteAllBytes(string path, byte[] bytes, bool durable = true)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Write(path, s => s.Write(bytes, 0, bytes.Length), durable);
    }

    /// <summary>
    /// Creates the temp file <paramref name="temp"/> as a new file, deleting a leftover of an interrupted run first and
    /// making its folder when it is missing.
    /// </summary>
    /// <remarks>
    /// Not <see cref="FileMode.Create"/>: on Unix .NET opens that without O_TRUNC and truncates with ftruncate, and
    /// ext4 (auto_da_alloc) takes a file truncated to zero for a rewrite in place and starts its writeback at close,
    /// which made every generated file cost a disk request (about a third of the dataset writer's time, measured).
    /// </remarks>
    public static FileStream CreateTemp(string temp, int bufferSize)
    {
        ArgumentException.ThrowIfNullOrEmpty(temp);
        try
        {
            return new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize);
        }
        catch (DirectoryNotFoundException) when (Path.GetDirectoryName(Path.GetFullPath(temp)) is { Length: > 0 } folder)
        {
            // An output file in a folder that does not exist yet (`--out new/result.json`): make the folder, as
            // output folders are made. Caught rather than checked first: the generator creates thousands of files.
            Directory.CreateDirectory(folder);
            return new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize);
        }
        catch (IOException) when (File.Exists(temp))
        {
            File.Delete(temp);
            return new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize);
        }
    }

    /// <summary>The temp path used while writing <paramref name="path"/>: <c>path + ".partial"</c>.</summary>
    public static string PartialPath(string path) => path + PartialSuffix;

    /// <summary>Whether <paramref name="path"/> names a temp file of this class (ends with <c>.partial</c>).</summary>
    public static bool IsPartial(string path) =>
        path is not null && path.EndsWith(PartialSuffix, StringComparison.Ordinal);

    /// <summary>Deletes every <c>*.partial</c> file directly in <paramref name="folder"/> (not sub-folders); returns how many were deleted.</summary>
    public static int DeletePartials(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*" + PartialSuffix, SearchOption.TopDirectoryOnly))
        {
            if (IsPartial(file) && TryDelete(file))
            {
                deleted++;
            }
        }

        return deleted;
    }

    private static bool TryDelete(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return false;
            }

            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
