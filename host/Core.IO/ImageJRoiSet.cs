using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Dislocate.Core.IO;

/// <summary>Writes ImageJ ROI sets: a <c>RoiSet.zip</c> with one <c>.roi</c> file per polyline, as the ROI Manager saves and opens them.</summary>
/// <remarks>
/// Entries keep the given order and are named <c>NNNN-name.roi</c> (<see cref="EntryName"/>): the ROI Manager lists each
/// ROI under its entry name without ".roi", so the index prefix keeps those labels unique and in order, while the ROI
/// itself carries the full <see cref="ImageJRoiPolyline.Name"/>. Every entry has the same fixed time stamp, so equal
/// input gives byte-identical zips (with one runtime: the deflate bytes come from its zlib).
/// </remarks>
public static class ImageJRoiSet
{
    /// <summary>The time stamp of every entry (the zip format cannot store times before 1980).</summary>
    public static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The longest name part of an entry name, in characters.</summary>
    public const int MaxEntryNameLength = 80;

    /// <summary>Writes the ROI set to <paramref name="stream"/>, which is left open.</summary>
    /// <exception cref="ArgumentException">A ROI cannot be encoded (see <see cref="ImageJRoiEncoder.Encode"/>); the message names it and its index.</exception>
    public static void Write(Stream stream, IReadOnlyList<ImageJRoiPolyline> rois)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(rois);
        var digits = Math.Max(4, rois.Count.ToString(CultureInfo.InvariantCulture).Length);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        for (var i = 0; i < rois.Count; i++)
        {
            AddEntry(zip, i, rois[i], digits, nameof(rois));
        }
    }

    /// <summary>Encodes ROI <paramref name="index"/> and adds it to <paramref name="zip"/> under its entry name.</summary>
    internal static void AddEntry(ZipArchive zip, int index, ImageJRoiPolyline? roi, int digits, string parameter)
    {
        if (roi is null)
        {
            throw new ArgumentException($"ROI {index} is null.", parameter);
        }

        byte[] bytes;
        try
        {
            bytes = ImageJRoiEncoder.Encode(roi);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"ROI {index}: {e.Message}", parameter, e);
        }

        var entry = zip.CreateEntry(EntryName(index, roi.Name, digits), CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        using var entryStream = entry.Open();
        entryStream.Write(bytes);
    }

    /// <summary>Writes the ROI set to the file <paramref name="path"/> atomically (see <see cref="AtomicFile"/>).</summary>
    /// <exception cref="ArgumentException">A ROI cannot be encoded; the file is then left untouched.</exception>
    public static void WriteFile(string path, IReadOnlyList<ImageJRoiPolyline> rois, bool durable = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(rois);
        AtomicFile.Write(path, stream => Write(stream, rois), durable);
    }

    /// <summary>
    /// The zip entry name of ROI <paramref name="index"/> (0-based): the 1-based index with at least
    /// <paramref name="digits"/> digits, a dash, the name with every character other than ASCII letters, digits,
    /// '.', '_' and '-' replaced by '-' (at most <see cref="MaxEntryNameLength"/> of them; "roi" when empty), and ".roi".
    /// </summary>
    public static string EntryName(int index, string name, int digits = 4)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 1);
        var kept = (name ?? string.Empty).AsSpan(0, Math.Min(name?.Length ?? 0, MaxEntryNameLength));
        var safe = new StringBuilder(kept.Length);
        foreach (var c in kept)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-');
        }

        var number = (index + 1).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
        return $"{number}-{(safe.Length == 0 ? "roi" : safe.ToString())}.roi";
    }
}
