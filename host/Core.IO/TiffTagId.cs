namespace Dislocate.Core.IO;

/// <summary>The baseline TIFF 6.0 tags <see cref="TiffStackWriter"/> writes, by their numbers in the specification.</summary>
internal enum TiffTagId : ushort
{
    /// <summary>0: a full-resolution page.</summary>
    NewSubfileType = 254,

    /// <summary>Columns.</summary>
    ImageWidth = 256,

    /// <summary>Rows.</summary>
    ImageLength = 257,

    /// <summary>Bits per sample: 8, 16 or 32.</summary>
    BitsPerSample = 258,

    /// <summary>1 none, 5 LZW, 8 Adobe Deflate, 32773 PackBits.</summary>
    Compression = 259,

    /// <summary>1: min is black.</summary>
    PhotometricInterpretation = 262,

    /// <summary>ASCII; ImageJ reads its stack and hyperstack layout from here.</summary>
    ImageDescription = 270,

    /// <summary>File offset of each strip.</summary>
    StripOffsets = 273,

    /// <summary>1: greyscale.</summary>
    SamplesPerPixel = 277,

    /// <summary>Rows in each strip but the last.</summary>
    RowsPerStrip = 278,

    /// <summary>Bytes in each (compressed) strip.</summary>
    StripByteCounts = 279,

    /// <summary>1: chunky.</summary>
    PlanarConfiguration = 284,

    /// <summary>1 unsigned integer, 3 IEEE float.</summary>
    SampleFormat = 339,
}
