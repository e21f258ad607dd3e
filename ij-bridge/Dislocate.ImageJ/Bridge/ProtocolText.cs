using System.Globalization;
using System.Text;
using Dislocate.Contracts;
using Dislocate.Hosting;

namespace Dislocate.ImageJ.Bridge;

/// <summary>
/// The plain-text protocol between .NET and the Java bridge (no JSON library in ImageJ 1.x): lines separated by
/// '\n', fields by '\t', with backslash, tab, newline and carriage return escaped as \\, \t, \n, \r.
/// </summary>
internal static class ProtocolText
{
    /// <summary>Escapes one field.</summary>
    public static string Escape(string? text) =>
        (text ?? string.Empty).Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\t", "\\t", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal);

    /// <summary>Splits a line at tabs and undoes <see cref="Escape"/> in each field; any other backslash pair stays as written.</summary>
    public static string[] Fields(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\t')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else if (c == '\\' && i + 1 < line.Length)
            {
                var next = line[++i];
                current.Append(next switch { 't' => "\t", 'n' => "\n", 'r' => "\r", '\\' => "\\", _ => $"\\{next}" });
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return [.. fields];
    }

    /// <summary>
    /// <c>V name version</c> for the host and each plugin (About Dislocate shows them), then <c>C key label menu help</c>
    /// per command and <c>P key label kind default min max choices required help</c> per parameter.
    /// </summary>
    public static string Describe(IEnumerable<RegisteredCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var sb = new StringBuilder();
        var host = typeof(ProtocolText).Assembly.GetName().Version;
        Line(sb, "V", "dislocate", host is null ? "unknown" : $"{host.Major}.{host.Minor}.{host.Build} (host API {HostApi.Current})");
        foreach (var plugin in commands.Select(c => c.Plugin).Distinct())
        {
            Line(sb, "V", plugin.Manifest.Id, plugin.Manifest.Version.ToString());
        }

        foreach (var c in commands)
        {
            var d = c.Command.Descriptor;
            Line(sb, "C", c.QualifiedId, d.Label, d.MenuPath, d.Help);
            foreach (var p in d.Parameters)
            {
                Line(
                    sb,
                    "P",
                    p.Key,
                    p.Label,
                    Kind(p.Kind),
                    p.Default is null ? string.Empty : ParameterSpec.Format(p.Default),
                    Number(p.Min),
                    Number(p.Max),
                    string.Join('|', p.Choices ?? []),
                    p.Required ? "1" : "0",
                    p.Help);
            }
        }

        return sb.ToString();
    }

    /// <summary>The result text of a failed command.</summary>
    public static string Error(string message)
    {
        var sb = new StringBuilder();
        Line(sb, "E", message);
        return sb.ToString();
    }

    /// <summary>The result text of a finished command: summary, image outputs with ROIs, tables and files.</summary>
    public static string Result(CommandResult result, IReadOnlyList<ImageStackOutput> images)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(images);

        // A new output type must get protocol lines here, never be dropped silently (OutputTypesTests).
        if (result.Outputs.FirstOrDefault(o => o is not (ImageStackOutput or TableOutput or PlotOutput or FileOutput)) is { } unknown)
        {
            throw new NotSupportedException($"The command returned a {unknown.GetType().Name} ('{unknown.Name}'), which this version of the ImageJ bridge cannot show; update Dislocate.");
        }

        var sb = new StringBuilder();
        Line(sb, "S", result.Summary);
        for (var i = 0; i < images.Count; i++)
        {
            var im = images[i];
            Line(sb, "I", Int(i), im.Name, Int(im.Width), Int(im.Height), Int(im.Channels), Int(im.Slices), Int(im.Frames), Int(im.BitDepth), im.IsLabels ? "labels" : "values", Real(im.PixelWidth), Real(im.PixelHeight), im.Unit, Real(im.FrameInterval));
            foreach (var roi in im.Rois ?? [])
            {
                var fields = new List<string> { "L", Int(i), roi.Name, Int(roi.Frame), Int(roi.Channel) };
                for (var k = 0; k < roi.X.Length; k++)
                {
                    fields.Add(roi.X[k].ToString("R", CultureInfo.InvariantCulture));
                    fields.Add(roi.Y[k].ToString("R", CultureInfo.InvariantCulture));
                }

                Line(sb, [.. fields]);
            }
        }

        var tables = result.Outputs.OfType<TableOutput>().ToList();
        for (var t = 0; t < tables.Count; t++)
        {
            Line(sb, ["T", Int(t), tables[t].Name, .. tables[t].Columns]);
            foreach (var row in tables[t].Rows)
            {
                Line(sb, ["R", Int(t), .. row.Select(TableOutput.FormatCell)]);
            }
        }

        var plots = result.Outputs.OfType<PlotOutput>().ToList();
        for (var g = 0; g < plots.Count; g++)
        {
            Line(sb, "G", Int(g), plots[g].Name, plots[g].XLabel, plots[g].YLabel, plots[g].EmptyText);
            foreach (var series in plots[g].Series)
            {
                var fields = new List<string> { "D", Int(g), series.Name };
                for (var k = 0; k < series.X.Length; k++)
                {
                    fields.Add(series.X[k].ToString("R", CultureInfo.InvariantCulture));
                    fields.Add(series.Y[k].ToString("R", CultureInfo.InvariantCulture));
                }

                Line(sb, [.. fields]);
            }
        }

        foreach (var f in result.Outputs.OfType<FileOutput>())
        {
            Line(sb, "F", f.Name, f.Path);
        }

        return sb.ToString();
    }

    private static string Kind(ParameterKind kind) => kind switch
    {
        ParameterKind.WholeNumber => "whole",
        ParameterKind.Real => "real",
        ParameterKind.Boolean => "boolean",
        ParameterKind.Text => "text",
        ParameterKind.Choice => "choice",
        ParameterKind.Range => "range",
        ParameterKind.InputFile => "inputfile",
        ParameterKind.InputFolder => "inputfolder",
        ParameterKind.OutputFile => "outputfile",
        ParameterKind.OutputFolder => "outputfolder",
        ParameterKind.Image => "image",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static string Number(double? v) => v is { } d ? d.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Real(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder sb, params string[] fields)
    {
        sb.AppendJoin('\t', fields.Select(Escape)).Append('\n');
    }
}
