using Dislocate.Contracts;

namespace Dislocate.Core.IO;

/// <summary>Checks a file before a reader opens it, so hostile paths end in a clear error instead of a hang or a blow-up.</summary>
public static class InputFileCheck
{
    /// <summary>Files larger than this are refused by the image readers (a frame or stack of this project is far smaller).</summary>
    public const long MaxImageFileBytes = 16L << 30;

    /// <summary>
    /// The length of <paramref name="path"/>, or an <see cref="InputFileException"/> when it is missing, empty or
    /// larger than <paramref name="maxBytes"/>. Devices and FIFOs report a length of 0, so they are refused here without
    /// being opened: opening a FIFO blocks until a writer comes, and <c>/dev/zero</c> never ends.
    /// </summary>
    public static long Readable(string path, long maxBytes = MaxImageFileBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        FileInfo info;
        try
        {
            info = new FileInfo(path);

            // A symbolic link reports its own length (the target path's), not the file's: follow it.
            if (info.LinkTarget is not null)
            {
                info = info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
            }
        }
        catch (IOException e)
        {
            throw new InputFileException(path, null, $"is a symbolic link that cannot be followed: {e.Message}", e);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException or UnauthorizedAccessException)
        {
            throw new InputFileException(path, null, $"is not a usable file path: {e.Message}", e);
        }

        if (!info.Exists)
        {
            throw new InputFileException(path, null, "file not found");
        }

        if (info.Length == 0)
        {
            throw new InputFileException(path, null, "is empty, or not a regular file (a device or a pipe)");
        }

        if (info.Length > maxBytes)
        {
            throw new InputFileException(path, null, $"is {info.Length} bytes, more than the {maxBytes} this reader accepts");
        }

        return info.Length;
    }
}
