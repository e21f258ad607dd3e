using Dislocate.Core.Geometry;

namespace Dislocate.Core.Tests.Geometry;

public class PointDTests
{
    [Fact]
    public void ArithmeticAndProducts()
    {
        var a = new PointD(3, 4);
        var b = new PointD(1, -2);
        Assert.Equal(new PointD(4, 2), a + b);
        Assert.Equal(new PointD(2, 6), a - b);
        Assert.Equal(new PointD(6, 8), a * 2);
        Assert.Equal(new PointD(6, 8), 2 * a);
        Assert.Equal(new PointD(1.5, 2), a / 2);
        Assert.Equal(new PointD(-3, -4), -a);
        Assert.Equal(5.0, a.Length);
        Assert.Equal(25.0, a.LengthSquared);
        Assert.Equal(-5.0, a.Dot(b));
        Assert.Equal(-10.0, a.Cross(b));
        Assert.Equal(new PointD(-4, 3), a.Perpendicular);
        Assert.Equal(0.0, a.Dot(a.Perpendicular));
        Assert.Equal(new PointD(0.6, 0.8), a.Normalized());
        Assert.Equal(PointD.Zero, PointD.Zero.Normalized());
        Assert.Equal(new PointD(2, 1), PointD.Lerp(a, b, 0.5));
        Assert.Equal(Math.Sqrt(40), a.DistanceTo(b));
    }

    [Fact]
    public void ToStringIsInvariantAndDoesNotRecurse()
    {
        Assert.Equal("(3, -4.5)", new PointD(3, -4.5).ToString());
    }
}
