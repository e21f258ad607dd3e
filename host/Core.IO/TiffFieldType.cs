namespace Dislocate.Core.IO;

/// <summary>The TIFF field types the writer uses.</summary>
internal enum TiffFieldType : ushort
{
    /// <summary>8-bit bytes holding 7-bit ASCII, NUL-terminated.</summary>
    Ascii = 2,

    /// <summary>16-bit unsigned.</summary>
    Short = 3,

    /// <summary>32-bit unsigned.</summary>
    Long = 4,
}
