using Dislocate.Contracts;
using Dislocate.Core.Geometry;
using Dislocate.Core.IO;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Presets;

/// <summary>
/// Line shapes from labelme annotations (paper section 2.3: support points taken from labelled real dislocations),
/// expressed in chord coordinates so that any shape can be stretched between two slip traces.
/// </summary>
public static class ShapeLibrary
{
    /// <summary>Reads every <c>*.json</c> labelme file in <paramref name="folder"/> (or one file) and returns the shapes of its line-like annotations.</summary>
    public static IReadOnlyList<LineShape> Load(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var files = File.Exists(folder) ? [folder] : LabelmeFiles(folder);
        var shapes = new List<LineShape>();
        foreach (var file in files)
        {
            foreach (var line in LabelmeJson.LinePolylines(LabelmeJson.Read(file)))
            {
                if (FromPolyline(Polyline.RemoveRepeats(line.Select(p => new PointD(p.X, p.Y)).ToArray())) is { } shape)
                {
                    shapes.Add(shape);
                }
            }
        }

        if (shapes.Count == 0)
        {
            throw new InputFileException(folder, "shapes", "no line annotations (linestrip, line or polygon with ≥ 2 points) found");
        }

        return shapes;
    }

    /// <summary>The labelme JSON files of a folder in ordinal order; an error naming the folder when there are none.</summary>
    public static IReadOnlyList<string> LabelmeFiles(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new InputFileException(folder, null, "folder does not exist");
        }

        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToArray();
        return files.Length > 0 ? files : throw new InputFileException(folder, null, "no labelme *.json files in the folder");
    }

    /// <summary>
    /// Chord coordinates of a polyline: u = (p − a)·c / |c|², v = (p − a)×c / |c|² for chord c = b − a;
    /// null when the two ends coincide (a closed or degenerate line has no chord) or when a point lies beyond
    /// ±<see cref="SettingsValidator.MaxShapeCoordinate"/> chord lengths (a nearly closed loop: its short chord would
    /// stretch it across the image, and a preset holding it is refused).
    /// </summary>
    public static LineShape? FromPolyline(IReadOnlyList<PointD> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 2)
        {
            return null;
        }

        var a = points[0];
        var chord = points[^1] - a;
        var l2 = chord.Dot(chord);
        if (l2 < 1e-9)
        {
            return null;
        }

        var normal = chord.Perpendicular;
        var u = new double[points.Count];
        var v = new double[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            var d = points[i] - a;
            u[i] = d.Dot(chord) / l2;
            v[i] = d.Dot(normal) / l2;
        }

        if (u.Concat(v).Any(c => Math.Abs(c) > SettingsValidator.MaxShapeCoordinate))
        {
            return null;
        }

        u[0] = 0;
        v[0] = 0;
        u[^1] = 1;
        v[^1] = 0;
        return new LineShape(u, v);
    }
}
