using System.Runtime.InteropServices;

namespace Dislocate.Core.IO;

/// <summary>How a page of <paramref name="Height"/> rows of <paramref name="RowBytes"/> bytes is cut into strips of about <paramref name="TargetStripBytes"/>.</summary>
internal readonly record struct TiffStripLayout(int Height, int RowBytes, int TargetStripBytes)
{
    /// <summary>Rows in every strip but possibly the last (at least 1, at most the page).</summary>
    public int RowsPerStrip { get; } = Math.Clamp(TargetStripBytes / RowBytes, 1, Height);

    /// <summary>Strips per page.</summary>
    public int StripsPerPage => (this.Height + this.RowsPerStrip - 1) / this.RowsPerStrip;

    /// <summary>Rows in strip <paramref name="strip"/>.</summary>
    public int Rows(int strip) => Math.Min(this.RowsPerStrip, this.Height - (strip * this.RowsPerStrip));

    /// <summary>The bytes of strip <paramref name="strip"/> of <paramref name="page"/>, in the machine's byte order.</summary>
    public ReadOnlySpan<byte> Strip<T>(ReadOnlyMemory<T> page, int strip)
        where T : unmanaged =>
        MemoryMarshal.AsBytes(page.Span).Slice(strip * this.RowsPerStrip * this.RowBytes, this.Rows(strip) * this.RowBytes);
}
