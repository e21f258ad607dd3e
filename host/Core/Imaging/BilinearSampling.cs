using System.Numerics;

namespace Dislocate.Core.Imaging;

/// <summary>Bilinear interpolation in a row-major image at a fractional position, coordinates clamped to the image.</summary>
public static class BilinearSampling
{
    /// <summary>
    /// The value at (<paramref name="y"/>, <paramref name="x"/>) (pixel centres at integer positions), from the four
    /// pixels around it; positions outside the image are clamped to its border.
    /// </summary>
    public static double Sample<T>(ReadOnlySpan<T> image, int width, int height, double y, double x)
        where T : INumber<T>
    {
        y = Math.Clamp(y, 0, height - 1);
        x = Math.Clamp(x, 0, width - 1);
        var ya = (int)y;
        var xa = (int)x;
        var yb = Math.Min(ya + 1, height - 1);
        var xb = Math.Min(xa + 1, width - 1);
        var fy = y - ya;
        var fx = x - xa;
        var top = (double.CreateChecked(image[(ya * width) + xa]) * (1 - fx)) + (double.CreateChecked(image[(ya * width) + xb]) * fx);
        var bottom = (double.CreateChecked(image[(yb * width) + xa]) * (1 - fx)) + (double.CreateChecked(image[(yb * width) + xb]) * fx);
        return (top * (1 - fy)) + (bottom * fy);
    }
}
