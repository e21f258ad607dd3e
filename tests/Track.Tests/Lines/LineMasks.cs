using Dislocate.Core.Drawing;
using Dislocate.Core.Geometry;

namespace Dislocate.Track.Tests.Lines;

/// <summary>Masks of known lines: pixels whose centre lies within a half-width of a polyline (0/255 bytes).</summary>
internal static class LineMasks
{
    public const int Size = 320;

    public static byte[] Draw(PointD[] polyline, double halfWidth, int width = Size, int height = Size)
    {
        var field = new PolylineDistanceField(width, height);
        field.Compute(polyline, halfWidth);
        var mask = new byte[width * height];
        foreach (var index in field.TouchedIndices)
        {
            mask[index] = 255;
        }

        return mask;
    }

    /// <summary>A segment sampled finely enough that the drawn polyline is the segment.</summary>
    public static PointD[] Segment(PointD a, PointD b) => [a, b];

    /// <summary>
    /// An arc of radius <paramref name="radius"/> about <paramref name="centre"/> from angle <paramref name="from"/> to
    /// <paramref name="to"/> (radians, image coordinates: angle measured from +x towards +y), 2000 chords.
    /// </summary>
    public static PointD[] Arc(PointD centre, double radius, double from, double to)
    {
        var points = new PointD[2001];
        for (var i = 0; i < points.Length; i++)
        {
            var angle = from + ((to - from) * i / (points.Length - 1));
            points[i] = new PointD(centre.X + (radius * Math.Cos(angle)), centre.Y + (radius * Math.Sin(angle)));
        }

        return points;
    }

    /// <summary>y = y0 + A·sin(2π(x − x0)/λ) for x from x0 to x1, 4000 chords.</summary>
    public static PointD[] Sine(double x0, double x1, double y0, double amplitude, double wavelength)
    {
        var points = new PointD[4001];
        for (var i = 0; i < points.Length; i++)
        {
            var x = x0 + ((x1 - x0) * i / (points.Length - 1));
            points[i] = new PointD(x, y0 + (amplitude * Math.Sin(2 * Math.PI * (x - x0) / wavelength)));
        }

        return points;
    }

    public static int Count(ReadOnlySpan<byte> mask)
    {
        var count = 0;
        foreach (var value in mask)
        {
            count += value != 0 ? 1 : 0;
        }

        return count;
    }
}
