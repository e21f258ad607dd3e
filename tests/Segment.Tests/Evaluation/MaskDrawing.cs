using Dislocate.Segment.Evaluation;

namespace Dislocate.Segment.Tests.Evaluation;

/// <summary>Small hand-made masks for the evaluation and post-processing tests.</summary>
internal static class MaskDrawing
{
    /// <summary>A width × height plane with <paramref name="value"/> on the rectangle [x0, x1] × [y0, y1] (inclusive).</summary>
    public static float[] Rect(int width, int height, int x0, int y0, int x1, int y1, float value = 1f)
    {
        var plane = new float[width * height];
        AddRect(plane, width, x0, y0, x1, y1, value);
        return plane;
    }

    /// <summary>Sets the rectangle [x0, x1] × [y0, y1] (inclusive) of <paramref name="plane"/> to <paramref name="value"/>.</summary>
    public static float[] AddRect(float[] plane, int width, int x0, int y0, int x1, int y1, float value = 1f)
    {
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                plane[(y * width) + x] = value;
            }
        }

        return plane;
    }

    /// <summary>A plane with <paramref name="value"/> on the listed flat pixel indices.</summary>
    public static float[] Pixels(int length, float value, params int[] pixels)
    {
        var plane = new float[length];
        foreach (var p in pixels)
        {
            plane[p] = value;
        }

        return plane;
    }

    /// <summary>A plane with <paramref name="value"/> on the disc-swept segment (x0, y0)–(x1, y1) of the given radius (pixel centres at +0.5).</summary>
    public static float[] Stroke(int width, int height, double x0, double y0, double x1, double y1, double radius, float value = 1f)
    {
        var plane = new float[width * height];
        var dx = x1 - x0;
        var dy = y1 - y0;
        var length2 = (dx * dx) + (dy * dy);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var px = x + 0.5 - x0;
                var py = y + 0.5 - y0;
                var t = length2 > 0 ? Math.Clamp(((px * dx) + (py * dy)) / length2, 0, 1) : 0;
                var ex = px - (t * dx);
                var ey = py - (t * dy);
                if ((ex * ex) + (ey * ey) <= radius * radius)
                {
                    plane[(y * width) + x] = value;
                }
            }
        }

        return plane;
    }

    /// <summary>Deterministic pseudo-random soft values in [0, 1].</summary>
    public static float[] Noise(int length, int seed, float scale = 1f)
    {
        var random = new Random(seed);
        var plane = new float[length];
        for (var i = 0; i < plane.Length; i++)
        {
            plane[i] = (float)random.NextDouble() * scale;
        }

        return plane;
    }

    public static MaskStack Stack(int width, int height, params float[][] planes) => MaskStack.FromArrays(width, height, planes);
}
