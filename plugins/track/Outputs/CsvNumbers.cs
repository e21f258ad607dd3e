using System.Globalization;

namespace Dislocate.Track.Outputs;

/// <summary>How numbers are written in the track tables: invariant culture, at most 6 decimals, empty when undefined.</summary>
/// <remarks>
/// Six decimals keep a micro-pixel, far below what a skeleton can resolve, and make the tables byte-identical across
/// machines (the values themselves are deterministic). NaN and null are written as an empty cell ("not defined",
/// e.g. the velocity of a track's first observation or nm columns without a pixel size); an infinite radius (a
/// straight stretch) as <c>inf</c>, which spreadsheets and pandas read.
/// </remarks>
internal static class CsvNumbers
{
    /// <summary>The cell for <paramref name="value"/>.</summary>
    public static string Cell(double? value) => value switch
    {
        null => string.Empty,
        double v when double.IsNaN(v) => string.Empty,
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        double v => (Math.Round(v, 6) + 0.0).ToString("0.######", CultureInfo.InvariantCulture), // + 0.0 turns −0 into 0
    };

    /// <summary>The cell for a whole number.</summary>
    public static string Cell(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A JSON-friendly number: rounded like the tables, null when not finite.</summary>
    public static double? Json(double? value) =>
        value is { } v && double.IsFinite(v) ? Math.Round(v, 6) : null;

    /// <summary>One CSV row from cells (cells here never hold commas or quotes).</summary>
    public static string Row(params string[] cells) => string.Join(',', cells);
}
