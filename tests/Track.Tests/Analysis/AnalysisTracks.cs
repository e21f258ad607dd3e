using Dislocate.Core.Geometry;
using Dislocate.Track.Analysis;

namespace Dislocate.Track.Tests.Analysis;

/// <summary>Hand-built tracks with known geometry for the analysis tests.</summary>
internal static class AnalysisTracks
{
    /// <summary>K points equally spaced on the segment from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public static PointD[] Segment(PointD start, PointD end, int k = 50)
    {
        var points = new PointD[k];
        for (var i = 0; i < k; i++)
        {
            points[i] = PointD.Lerp(start, end, (double)i / (k - 1));
        }

        return points;
    }

    /// <summary>The points shifted by <paramref name="offset"/>.</summary>
    public static PointD[] Shifted(PointD[] points, PointD offset) => points.Select(p => p + offset).ToArray();

    /// <summary>A track whose line in frame f is <paramref name="line"/> shifted by <paramref name="offsetAt"/>(f).</summary>
    public static TrackHistory Moving(int id, PointD[] line, IEnumerable<int> frames, Func<int, PointD> offsetAt) =>
        new(id, frames.Select(f => new TrackObservation(f, id, Shifted(line, offsetAt(f)))).ToList());

    /// <summary>A track translating with constant velocity <paramref name="velocity"/> (px/frame) from frame 0.</summary>
    public static TrackHistory Translating(int id, PointD[] line, PointD velocity, IEnumerable<int> frames) =>
        Moving(id, line, frames, f => velocity * f);

    /// <summary>A horizontal line from x = 0 to x = 100 at height <paramref name="y"/>.</summary>
    public static PointD[] Horizontal(double y, int k = 50) => Segment(new PointD(0, y), new PointD(100, y), k);

    /// <summary>A vertical line from y = 0 to y = 100 at <paramref name="x"/>.</summary>
    public static PointD[] Vertical(double x, int k = 50) => Segment(new PointD(x, 0), new PointD(x, 100), k);
}
