using System.Globalization;
using Dislocate.Contracts;
using Dislocate.Core.Plotting;

namespace Dislocate.Track.Outputs;

/// <summary>The CSV tables and charts of a run as host objects (ImageJ results tables and plots), so files and ImageJ show the same columns.</summary>
internal static class CsvTables
{
    /// <summary>A results table from a CSV header and rows: numeric cells become numbers, empty cells NaN, others stay text.</summary>
    public static TableOutput Table(string name, string header, IEnumerable<string> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var table = rows.Select(row => (IReadOnlyList<object>)row.Split(',').Select(Value).ToArray()).ToList();
        return new TableOutput(name, header.Split(','), table);
    }

    /// <summary>A host plot with the chart's title, labels and series.</summary>
    public static PlotOutput Plot(LineChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return new PlotOutput(chart.Title, chart.XLabel, chart.YLabel, chart.Series.Select(s => new PlotSeries(s.Name, s.X, s.Y)).ToList());
    }

    private static object Value(string cell) => cell switch
    {
        "" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : cell,
    };
}
