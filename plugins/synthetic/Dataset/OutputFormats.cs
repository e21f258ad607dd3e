namespace Dislocate.Synthetic.Dataset;

/// <summary>How images are stored.</summary>
public enum ImageFormat
{
    /// <summary>8-bit grayscale PNG (single frames only).</summary>
    Png8,

    /// <summary>16-bit grayscale PNG (single frames only).</summary>
    Png16,

    /// <summary>8-bit uncompressed TIFF (multi-page for sequences): the fastest to write and for ImageJ to read; noise-heavy images barely compress anyway.</summary>
    Tif8,

    /// <summary>16-bit uncompressed TIFF.</summary>
    Tif16,

    /// <summary>32-bit float TIFF, values in [0, 1].</summary>
    Tif32,
}

/// <summary>How instance masks are stored.</summary>
public enum MaskFormat
{
    /// <summary>One multi-page 8-bit TIFF per sample, one page per dislocation (frames × instances for sequences, an ImageJ hyperstack).</summary>
    Tiff,

    /// <summary>One 8-bit PNG per dislocation in a folder per sample (single frames only).</summary>
    Png,
}
