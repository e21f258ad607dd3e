using System.Globalization;
using System.Text;
using System.Xml;
using Dislocate.Core.Geometry;
using Dislocate.Track.Lines;
using Dislocate.Track.Pipeline;

namespace Dislocate.Track.Outputs;

/// <summary>
/// A tracking run as a TrackMate XML file, so TrackMate's viewers, track scheme and analysers open Dislocate's tracks:
/// one spot per line and frame (at the line's centroid, its 50 points as the spot's ROI), one edge per consecutive
/// pair of a track's observations, one track per dislocation seen in two or more frames.
/// </summary>
/// <remarks>
/// Follows what TrackMate's <c>TmXmlReader</c> reads: <c>TrackMate/Model</c> with <c>FeatureDeclarations</c>,
/// <c>AllSpots/SpotsInFrame/Spot</c> (ID, name, POSITION_X/Y/Z/T, FRAME, RADIUS, QUALITY, VISIBILITY, ROI_N_POINTS and
/// the ROI's x y pairs relative to the spot as text), <c>AllTracks/Track/Edge</c>, <c>FilteredTracks</c>, and
/// <c>Settings/ImageData</c>. Frames are 0-based here, as TrackMate counts them (Dislocate's own tables count from 1).
/// Positions are in nm and times in s when the pixel size and frame interval are known, else in pixels and frames.
/// TrackMate draws a spot ROI as a closed polygon, so a line's ROI shows as a thin loop along the line. A track seen in
/// one frame only has no edge, and TrackMate keeps no track without edges. Written with invariant numbers in a fixed
/// order: the same run gives the same bytes.
/// </remarks>
internal static class TrackMateXml
{
    /// <summary>The TrackMate version whose XML layout this follows.</summary>
    public const string Version = "7.11.1";

    /// <summary>The XML text of <paramref name="result"/> for frames of <paramref name="width"/> × <paramref name="height"/>.</summary>
    /// <param name="result">The tracking result.</param>
    /// <param name="width">Frame width in pixels.</param>
    /// <param name="height">Frame height in pixels.</param>
    /// <param name="scale">Pixel size and frame interval, when known.</param>
    /// <param name="source">The input the tracks came from (recorded in Settings/ImageData).</param>
    public static string Write(TrackingResult result, int width, int height, PhysicalScale scale, string source)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(scale);
        var pixel = scale.PixelSizeNm ?? 1;
        var interval = scale.FrameIntervalSeconds ?? 1;
        var spaceUnit = scale.PixelSizeNm is null ? "pixel" : "nm";
        var timeUnit = scale.FrameIntervalSeconds is null ? "frame" : "s";

        // Spot ids in frame order, then track order, as TrackMate numbers spots when it detects them.
        var spots = new List<(int Frame, int Track, PointD[] Points)>();
        foreach (var track in result.Tracks)
        {
            foreach (var o in track.Observations)
            {
                spots.Add((o.Frame, track.Id, o.Points));
            }
        }

        spots = [.. spots.OrderBy(s => s.Frame).ThenBy(s => s.Track)];
        var ids = new Dictionary<(int Frame, int Track), int>();
        for (var i = 0; i < spots.Count; i++)
        {
            ids[(spots[i].Frame, spots[i].Track)] = i;
        }

        var bytes = new MemoryStream();
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", Encoding = new UTF8Encoding(false) };
        using (var xml = XmlWriter.Create(bytes, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("TrackMate");
            xml.WriteAttributeString("version", Version);
            xml.WriteStartElement("Model");
            xml.WriteAttributeString("spatialunits", spaceUnit);
            xml.WriteAttributeString("timeunits", timeUnit);
            Declarations(xml);

            xml.WriteStartElement("AllSpots");
            xml.WriteAttributeString("nspots", Int(spots.Count));
            foreach (var frame in spots.GroupBy(s => s.Frame))
            {
                xml.WriteStartElement("SpotsInFrame");
                xml.WriteAttributeString("frame", Int(frame.Key));
                foreach (var s in frame)
                {
                    var (cx, cy) = Centroid(s.Points);
                    xml.WriteStartElement("Spot");
                    xml.WriteAttributeString("ID", Int(ids[(s.Frame, s.Track)]));
                    xml.WriteAttributeString("name", string.Create(CultureInfo.InvariantCulture, $"track {s.Track} frame {s.Frame + 1}"));
                    xml.WriteAttributeString("POSITION_X", Real(cx * pixel));
                    xml.WriteAttributeString("POSITION_Y", Real(cy * pixel));
                    xml.WriteAttributeString("POSITION_Z", "0.0");
                    xml.WriteAttributeString("POSITION_T", Real(s.Frame * interval));
                    xml.WriteAttributeString("FRAME", Int(s.Frame));
                    xml.WriteAttributeString("RADIUS", Real(Math.Max(Length(s.Points) / 2, 0.5) * pixel));
                    xml.WriteAttributeString("QUALITY", "1.0");
                    xml.WriteAttributeString("VISIBILITY", "1");
                    xml.WriteAttributeString("TRACK_ID_DISLOCATE", Int(s.Track));
                    xml.WriteAttributeString("LINE_LENGTH", Real(Length(s.Points) * pixel));
                    xml.WriteAttributeString("ROI_N_POINTS", Int(s.Points.Length));
                    xml.WriteString(string.Join(' ', s.Points.SelectMany(p => new[] { Real((p.X - cx) * pixel), Real((p.Y - cy) * pixel) })));
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();

            xml.WriteStartElement("AllTracks");
            var kept = new List<int>();
            foreach (var track in result.Tracks.Where(t => t.Observations.Count >= 2))
            {
                var o = track.Observations;
                var gaps = 0;
                for (var k = 1; k < o.Count; k++)
                {
                    gaps += o[k].Frame - o[k - 1].Frame > 1 ? 1 : 0;
                }

                xml.WriteStartElement("Track");
                xml.WriteAttributeString("name", string.Create(CultureInfo.InvariantCulture, $"Track_{track.Id}"));
                xml.WriteAttributeString("TRACK_ID", Int(track.Id));
                xml.WriteAttributeString("TRACK_INDEX", Int(kept.Count));
                xml.WriteAttributeString("NUMBER_SPOTS", Int(o.Count));
                xml.WriteAttributeString("NUMBER_GAPS", Int(gaps));
                xml.WriteAttributeString("TRACK_START", Real(o[0].Frame * interval));
                xml.WriteAttributeString("TRACK_STOP", Real(o[^1].Frame * interval));
                xml.WriteAttributeString("TRACK_DURATION", Real((o[^1].Frame - o[0].Frame) * interval));
                for (var k = 1; k < o.Count; k++)
                {
                    var (ax, ay) = Centroid(o[k - 1].Points);
                    var (bx, by) = Centroid(o[k].Points);
                    xml.WriteStartElement("Edge");
                    xml.WriteAttributeString("SPOT_SOURCE_ID", Int(ids[(o[k - 1].Frame, track.Id)]));
                    xml.WriteAttributeString("SPOT_TARGET_ID", Int(ids[(o[k].Frame, track.Id)]));
                    xml.WriteAttributeString("LINK_COST", "0.0");
                    xml.WriteAttributeString("EDGE_TIME", Real((o[k - 1].Frame + o[k].Frame) * interval / 2));
                    xml.WriteAttributeString("DISPLACEMENT", Real(Math.Sqrt(((bx - ax) * (bx - ax)) + ((by - ay) * (by - ay))) * pixel));
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
                kept.Add(track.Id);
            }

            xml.WriteEndElement();
            xml.WriteStartElement("FilteredTracks");
            foreach (var id in kept)
            {
                xml.WriteStartElement("TrackID");
                xml.WriteAttributeString("TRACK_ID", Int(id));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement(); // Model

            xml.WriteStartElement("Settings");
            xml.WriteStartElement("ImageData");
            xml.WriteAttributeString("filename", Path.GetFileName(source));
            xml.WriteAttributeString("folder", Path.GetDirectoryName(Path.GetFullPath(source)) ?? string.Empty);
            xml.WriteAttributeString("width", Int(width));
            xml.WriteAttributeString("height", Int(height));
            xml.WriteAttributeString("nslices", "1");
            xml.WriteAttributeString("nframes", Int(result.Frames));
            xml.WriteAttributeString("pixelwidth", Real(pixel));
            xml.WriteAttributeString("pixelheight", Real(pixel));
            xml.WriteAttributeString("voxeldepth", "1.0");
            xml.WriteAttributeString("timeinterval", Real(interval));
            xml.WriteEndElement();
            xml.WriteEndElement(); // Settings
            xml.WriteEndElement(); // TrackMate
            xml.WriteEndDocument();
        }

        return Encoding.UTF8.GetString(bytes.ToArray()) + "\n";
    }

    private static void Declarations(XmlWriter xml)
    {
        xml.WriteStartElement("FeatureDeclarations");
        Features(xml, "SpotFeatures", [
            ("QUALITY", "Quality", "Quality", "QUALITY", false), ("POSITION_X", "X", "X", "POSITION", false),
            ("POSITION_Y", "Y", "Y", "POSITION", false), ("POSITION_Z", "Z", "Z", "POSITION", false),
            ("POSITION_T", "T", "T", "TIME", false), ("FRAME", "Frame", "Frame", "NONE", true),
            ("RADIUS", "Radius", "R", "LENGTH", false), ("VISIBILITY", "Visibility", "Visibility", "NONE", true),
            ("TRACK_ID_DISLOCATE", "Dislocate track id", "Dislocate id", "NONE", true),
            ("LINE_LENGTH", "Dislocation line length", "Line length", "LENGTH", false)]);
        Features(xml, "EdgeFeatures", [
            ("SPOT_SOURCE_ID", "Source spot ID", "Source ID", "NONE", true), ("SPOT_TARGET_ID", "Target spot ID", "Target ID", "NONE", true),
            ("LINK_COST", "Edge cost", "Cost", "COST", false), ("EDGE_TIME", "Edge time", "Edge T", "TIME", false),
            ("DISPLACEMENT", "Displacement", "Disp.", "LENGTH", false)]);
        Features(xml, "TrackFeatures", [
            ("TRACK_ID", "Track ID", "ID", "NONE", true), ("TRACK_INDEX", "Track index", "Index", "NONE", true),
            ("NUMBER_SPOTS", "Number of spots in track", "N spots", "NONE", true), ("NUMBER_GAPS", "Number of gaps", "N gaps", "NONE", true),
            ("TRACK_START", "Track start", "Track start", "TIME", false), ("TRACK_STOP", "Track stop", "Track stop", "TIME", false),
            ("TRACK_DURATION", "Track duration", "Duration", "TIME", false)]);
        xml.WriteEndElement();
    }

    private static void Features(XmlWriter xml, string element, (string Key, string Name, string Short, string Dimension, bool IsInt)[] features)
    {
        xml.WriteStartElement(element);
        foreach (var f in features)
        {
            xml.WriteStartElement("Feature");
            xml.WriteAttributeString("feature", f.Key);
            xml.WriteAttributeString("name", f.Name);
            xml.WriteAttributeString("shortname", f.Short);
            xml.WriteAttributeString("dimension", f.Dimension);
            xml.WriteAttributeString("isint", f.IsInt ? "true" : "false");
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static (double X, double Y) Centroid(PointD[] points) =>
        points.Length == 0 ? (0, 0) : (points.Average(p => p.X), points.Average(p => p.Y));

    private static double Length(PointD[] points)
    {
        var length = 0.0;
        for (var i = 1; i < points.Length; i++)
        {
            length += Math.Sqrt(((points[i].X - points[i - 1].X) * (points[i].X - points[i - 1].X)) + ((points[i].Y - points[i - 1].Y) * (points[i].Y - points[i - 1].Y)));
        }

        return length;
    }

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Real(double v) => double.IsFinite(v) ? v.ToString("0.0###########", CultureInfo.InvariantCulture) : "NaN";
}
