namespace Dislocate.Contracts;

/// <summary>What a command produced: a one-line summary and typed outputs that each host presents in its own way.</summary>
/// <param name="Summary">One line for the user, e.g. "Wrote 5000 images to out/".</param>
/// <param name="Outputs">Files written, image stacks and tables; the CLI lists files and writes in-memory outputs to files, ImageJ shows them as ImageJ objects.</param>
public sealed record CommandResult(string Summary, IReadOnlyList<CommandOutput> Outputs)
{
    /// <summary>A result with only a summary.</summary>
    public static CommandResult Of(string summary, params CommandOutput[] outputs) => new(summary, outputs);
}

/// <summary>One typed output of a command.</summary>
/// <param name="Name">Title shown to the user (window title, table name, file description).</param>
public abstract record CommandOutput(string Name);

/// <summary>A file the command wrote.</summary>
public sealed record FileOutput(string Name, string Path) : CommandOutput(Name);

/// <summary>
/// An image stack in memory: planes of Width × Height floats in ImageJ's hyperstack order
/// (channel fastest, then slice, then frame).
/// </summary>
/// <param name="Name">Window title.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Channels">Channel count (e.g. one per dislocation instance).</param>
/// <param name="Slices">Z-slice count.</param>
/// <param name="Frames">Time-frame count.</param>
/// <param name="Planes">Channels × Slices × Frames row-major planes.</param>
/// <param name="BitDepth">Suggested display type: 8, 16 or 32.</param>
/// <param name="Rois">Polyline ROIs on this image (ImageJ: ROI Manager or overlay; files: labelme/CSV), or null.</param>
public sealed record ImageStackOutput(
    string Name,
    int Width,
    int Height,
    int Channels,
    int Slices,
    int Frames,
    IReadOnlyList<float[]> Planes,
    int BitDepth = 32,
    IReadOnlyList<PolylineRoi>? Rois = null) : CommandOutput(Name)
{
    /// <summary>The pixels are labels (0 = background, k = object k): ImageJ shows them with a label LUT. Since host API 1.2.</summary>
    public bool IsLabels { get; init; }

    /// <summary>Calibrated pixel width in <see cref="Unit"/> (1 when uncalibrated). Since host API 1.5.</summary>
    public double PixelWidth { get; init; } = 1;

    /// <summary>Calibrated pixel height in <see cref="Unit"/>. Since host API 1.5.</summary>
    public double PixelHeight { get; init; } = 1;

    /// <summary>Calibration unit ("pixel" when uncalibrated); ImageJ shows an uncalibrated output with the input's calibration when sizes agree. Since host API 1.5.</summary>
    public string Unit { get; init; } = "pixel";

    /// <summary>Seconds between time frames; 0 = unknown. Since host API 1.5.</summary>
    public double FrameInterval { get; init; }

    /// <summary>True when the output carries its own spatial or time calibration.</summary>
    public bool IsCalibrated => this.Unit != "pixel" || this.PixelWidth != 1 || this.PixelHeight != 1 || this.FrameInterval > 0;
}

/// <summary>A polyline ROI with float coordinates (pixel (x, y) covers [x, x+1)), placed on one frame and channel of a hyperstack.</summary>
/// <param name="Name">ROI name, e.g. "dislocation 3".</param>
/// <param name="X">Vertex x coordinates.</param>
/// <param name="Y">Vertex y coordinates.</param>
/// <param name="Frame">1-based frame, 0 for all frames.</param>
/// <param name="Channel">1-based channel, 0 for all channels.</param>
public sealed record PolylineRoi(string Name, float[] X, float[] Y, int Frame = 0, int Channel = 0);

/// <summary>A table of results: named columns (with units in the name where they apply) and rows of numbers or text.</summary>
public sealed record TableOutput(string Name, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object>> Rows) : CommandOutput(Name)
{
    /// <summary>A cell as text: numbers in invariant, round-trippable form, anything else as its string.</summary>
    public static string FormatCell(object value) => value switch
    {
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        float f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable n => n.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
    };
}

/// <summary>A line plot: named series of (x, y) points; ImageJ shows a Plot window, the CLI writes CSV.</summary>
/// <param name="Name">Plot title.</param>
/// <param name="XLabel">x-axis label with unit.</param>
/// <param name="YLabel">y-axis label with unit.</param>
/// <param name="Series">The curves.</param>
public sealed record PlotOutput(string Name, string XLabel, string YLabel, IReadOnlyList<PlotSeries> Series) : CommandOutput(Name)
{
    /// <summary>Shown in place of the curves when there is no series: why there is nothing to plot (empty: a generic note). Since host API 1.2.</summary>
    public string EmptyText { get; init; } = string.Empty;
}

/// <summary>One curve of a <see cref="PlotOutput"/>.</summary>
/// <param name="Name">Legend text.</param>
/// <param name="X">x values.</param>
/// <param name="Y">y values, as many as x.</param>
public sealed record PlotSeries(string Name, double[] X, double[] Y);
