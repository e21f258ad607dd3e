using Dislocate.Core.Geometry;

namespace Dislocate.Track.Linking;

/// <summary>A polyline cut into runs of a few segments, each with its bounding box, for fast exact nearest distances.</summary>
/// <remarks>
/// The distance from a point to the polyline is the minimum over its chunks; a chunk whose box is already farther than
/// the best distance found cannot hold a nearer segment and is skipped. Searching first in the chunk that held the
/// previous point's nearest segment (neighbouring points have nearby feet) leaves only a chunk or two to scan. The
/// result equals <see cref="Polyline.DistanceToPolyline"/> bit for bit: that is the square root of the minimum squared
/// segment distance, and the square root of a minimum is the minimum of the square roots.
/// </remarks>
internal sealed class ChunkedPolyline
{
    // 7 segments a chunk: 50 resampled points give 7 chunks, so a box test is cheap next to a chunk scan.
    private const int SegmentsPerChunk = 7;

    // A box is skipped only when clearly farther than the best, so rounding never skips the true nearest segment.
    private const double Slack = 1e-12;

    private readonly double[] minX;
    private readonly double[] minY;
    private readonly double[] maxX;
    private readonly double[] maxY;

    /// <summary>Indexes <paramref name="points"/> (at least one; kept by reference, not copied).</summary>
    public ChunkedPolyline(PointD[] points)
    {
        this.Points = points;
        this.Chunks = Math.Max(1, (points.Length - 1 + SegmentsPerChunk - 1) / SegmentsPerChunk);
        this.minX = new double[this.Chunks];
        this.minY = new double[this.Chunks];
        this.maxX = new double[this.Chunks];
        this.maxY = new double[this.Chunks];
        for (var c = 0; c < this.Chunks; c++)
        {
            var chunk = this.Chunk(c);
            double x0 = double.PositiveInfinity, y0 = double.PositiveInfinity, x1 = double.NegativeInfinity, y1 = double.NegativeInfinity;
            foreach (var p in chunk)
            {
                x0 = Math.Min(x0, p.X);
                y0 = Math.Min(y0, p.Y);
                x1 = Math.Max(x1, p.X);
                y1 = Math.Max(y1, p.Y);
            }

            (this.minX[c], this.minY[c], this.maxX[c], this.maxY[c]) = (x0, y0, x1, y1);
        }

        this.Footprint = new LineFootprint(points);
    }

    /// <summary>The points.</summary>
    public PointD[] Points { get; }

    /// <summary>Number of chunks.</summary>
    public int Chunks { get; }

    /// <summary>The line's footprint for the pair lower bound.</summary>
    public LineFootprint Footprint { get; }

    /// <summary>Distance from <paramref name="p"/> to the polyline, searching chunk <paramref name="start"/> first; also returns the chunk that held the nearest segment.</summary>
    public double DistanceTo(PointD p, ref int start)
    {
        var best = Polyline.DistanceToPolyline(p, this.Chunk(start));
        var bestChunk = start;
        for (var c = 0; c < this.Chunks; c++)
        {
            if (c == start)
            {
                continue;
            }

            var dx = Math.Max(0, Math.Max(this.minX[c] - p.X, p.X - this.maxX[c]));
            var dy = Math.Max(0, Math.Max(this.minY[c] - p.Y, p.Y - this.maxY[c]));
            var reach = best * (1 + Slack);
            if ((dx * dx) + (dy * dy) > reach * reach)
            {
                continue;
            }

            var d = Polyline.DistanceToPolyline(p, this.Chunk(c));
            if (d < best)
            {
                best = d;
                bestChunk = c;
            }
        }

        start = bestChunk;
        return best;
    }

    // Chunk c: points c·S … min(c·S + S, n − 1), sharing its end point with the next chunk.
    private ReadOnlySpan<PointD> Chunk(int c)
    {
        var from = c * SegmentsPerChunk;
        var to = Math.Min(from + SegmentsPerChunk, this.Points.Length - 1);
        return this.Points.AsSpan(from, to - from + 1);
    }
}
