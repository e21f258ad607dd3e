namespace Dislocate.Contracts;

/// <summary>The type of a command parameter; it decides parsing, validation, CLI option shape and dialog widget.</summary>
public enum ParameterKind
{
    /// <summary>A whole number (<see cref="long"/>).</summary>
    WholeNumber,

    /// <summary>A real number (<see cref="double"/>).</summary>
    Real,

    /// <summary>true/false; a bare flag means true.</summary>
    Boolean,

    /// <summary>Free text.</summary>
    Text,

    /// <summary>One of a fixed list of words.</summary>
    Choice,

    /// <summary>A closed interval of reals written <c>a..b</c> (or a single value for a fixed number).</summary>
    Range,

    /// <summary>An existing file to read.</summary>
    InputFile,

    /// <summary>An existing folder to read.</summary>
    InputFolder,

    /// <summary>A file to write.</summary>
    OutputFile,

    /// <summary>A folder to write into (created when missing).</summary>
    OutputFolder,

    /// <summary>An input image stack: ImageJ's current image, or an image file on the command line (value: <see cref="ImageData"/>).</summary>
    Image,
}
