using System.Globalization;
using System.Text;
using Dislocate.Contracts;
using Dislocate.Core.IO;

namespace Dislocate.Cli.Execution;

/// <summary>
/// Writes a command's in-memory outputs into a folder, as the CLI's counterpart of ImageJ windows: image stacks as
/// TIFF, tables as CSV, polyline ROIs as CSV (roi, frame, channel, vertex, x, y), plots as CSV (series, x, y).
/// File names come from output names.
/// </summary>
internal static class OutputFiles
{
    public static IReadOnlyList<string> Write(string folder, IReadOnlyList<CommandOutput> outputs)
    {
        var written = new List<string>();
        foreach (var output in outputs)
        {
            var stem = Path.Combine(folder, Safe(output.Name));
            switch (output)
            {
                case ImageStackOutput image:
                    Directory.CreateDirectory(folder);
                    ImageFiles.Save(stem + ".tif", image);
                    written.Add(stem + ".tif");
                    if (image.Rois is { Count: > 0 } rois)
                    {
                        AtomicFile.WriteAllText(stem + ".rois.csv", RoisCsv(rois), durable: false);
                        written.Add(stem + ".rois.csv");
                    }

                    break;
                case TableOutput table:
                    Directory.CreateDirectory(folder);
                    AtomicFile.WriteAllText(stem + ".csv", TableCsv(table), durable: false);
                    written.Add(stem + ".csv");
                    break;
                case PlotOutput plot:
                    Directory.CreateDirectory(folder);
                    AtomicFile.WriteAllText(stem + ".plot.csv", PlotCsv(plot), durable: false);
                    written.Add(stem + ".plot.csv");
                    break;
                case FileOutput:
                    break; // the command wrote it already
                default:
                    // A new output type must get its file here, never be dropped silently (OutputTypesTests).
                    throw new NotSupportedException($"The command returned a {output.GetType().Name} ('{output.Name}'), which this version of dislocate cannot write; update dislocate.");
            }
        }

        return written;
    }

    private static string TableCsv(TableOutput table)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', table.Columns.Select(Quote)).Append('\n');
        foreach (var row in table.Rows)
        {
            sb.AppendJoin(',', row.Select(Cell)).Append('\n');
        }

        return sb.ToString();
    }

    private static string PlotCsv(PlotOutput plot)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"series,{Quote(plot.XLabel)},{Quote(plot.YLabel)}\n");
        foreach (var s in plot.Series)
        {
            for (var i = 0; i < s.X.Length; i++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{Quote(s.Name)},{s.X[i]:R},{s.Y[i]:R}\n");
            }
        }

        return sb.ToString();
    }

    private static string RoisCsv(IReadOnlyList<PolylineRoi> rois)
    {
        var sb = new StringBuilder("roi,frame,channel,vertex,x_px,y_px\n");
        foreach (var r in rois)
        {
            for (var i = 0; i < r.X.Length; i++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{Quote(r.Name)},{r.Frame},{r.Channel},{i},{r.X[i]:R},{r.Y[i]:R}\n");
            }
        }

        return sb.ToString();
    }

    private static string Cell(object value) =>
        value is IFormattable ? TableOutput.FormatCell(value) : Quote(TableOutput.FormatCell(value));

    private static string Quote(string s) => s.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static string Safe(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
