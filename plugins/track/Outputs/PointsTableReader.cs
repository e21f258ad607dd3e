using System.Globalization;
using Dislocate.Contracts;
using Dislocate.Core.Geometry;
using Dislocate.Track.Analysis;

namespace Dislocate.Track.Outputs;

/// <summary>Reads the tracks back from a run's points.csv (columns frame, track, label, point, x_px, y_px first), for <c>track pairs</c>.</summary>
internal static class PointsTableReader
{
    /// <summary>The tracks in id order, observations in frame order; errors name the file and line.</summary>
    public static IReadOnlyList<TrackHistory> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputFileException(path, null, "file not found (run 'track run' first: it writes points.csv)");
        }

        using var reader = new StreamReader(path);
        var header = reader.ReadLine();
        if (header is null || !header.StartsWith("frame,track,label,point,x_px,y_px", StringComparison.Ordinal))
        {
            throw new InputFileException(path, "line 1", "is not a points.csv header (expected frame,track,label,point,x_px,y_px,…)");
        }

        var tracks = new SortedDictionary<int, List<TrackObservation>>();
        var points = new List<PointD>();
        (int Frame, int Track, int Label)? current = null;
        var number = 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            if (cells.Length < 6 || !Whole(cells[0], out var frame) || !Whole(cells[1], out var track) || !Whole(cells[2], out var label) || !Whole(cells[3], out var index)
                || !Real(cells[4], out var x) || !Real(cells[5], out var y))
            {
                throw new InputFileException(path, $"line {number}", "is not a row of frame,track,label,point,x_px,y_px numbers");
            }

            if (frame < 1)
            {
                throw new InputFileException(path, $"line {number}", $"has frame {frame}; frames are numbered from 1");
            }

            if (track <= 0)
            {
                throw new InputFileException(path, $"line {number}", "has track 0: these lines were not linked ('track lines'); run 'track run' to get tracks");
            }

            if (index == 0 && current is not null)
            {
                Add(tracks, current.Value, points, path, number);
                points = [];
            }
            else if (index > 0 && current != (frame - 1, track, label))
            {
                // A line's points follow its point 0; one that names another frame, track or label was edited or cut.
                throw new InputFileException(path, $"line {number}", current is { } c
                    ? $"is point {index} of the line in frame {c.Frame + 1}, track {c.Track}, label {c.Label}, but names frame {frame}, track {track}, label {label}"
                    : $"is point {index} of a line whose point 0 is missing");
            }

            current = (frame - 1, track, label); // 1-based in the file, 0-based inside
            points.Add(new PointD(x, y));
        }

        if (current is not null)
        {
            Add(tracks, current.Value, points, path, number);
        }

        if (tracks.Count == 0)
        {
            throw new InputFileException(path, null, "holds no points");
        }

        return tracks.Select(kv => new TrackHistory(kv.Key, kv.Value)).ToList();
    }

    private static void Add(SortedDictionary<int, List<TrackObservation>> tracks, (int Frame, int Track, int Label) key, List<PointD> points, string path, int number)
    {
        if (!tracks.TryGetValue(key.Track, out var list))
        {
            list = [];
            tracks.Add(key.Track, list);
        }

        if (list.Count > 0 && list[^1].Frame >= key.Frame)
        {
            throw new InputFileException(path, $"line {number}", $"track {key.Track} appears twice in frame {key.Frame + 1} or out of frame order");
        }

        list.Add(new TrackObservation(key.Frame, key.Label, [.. points]));
    }

    private static bool Whole(string s, out int value) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    private static bool Real(string s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
