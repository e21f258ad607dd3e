namespace Dislocate.Core.Geometry;

/// <summary>A point or vector in the plane, in pixel units (x to the right, y downwards in images).</summary>
public readonly record struct PointD(double X, double Y)
{
    /// <summary>The origin (0, 0).</summary>
    public static PointD Zero => default;

    /// <summary>Euclidean length sqrt(X² + Y²) (no Math.Hypot, whose last bit is platform dependent).</summary>
    public double Length => Math.Sqrt((this.X * this.X) + (this.Y * this.Y));

    /// <summary>X² + Y².</summary>
    public double LengthSquared => (this.X * this.X) + (this.Y * this.Y);

    /// <summary>The vector rotated by +90° in mathematical orientation: (−Y, X). In image coordinates (y down) this turns clockwise on screen.</summary>
    public PointD Perpendicular => new(-this.Y, this.X);

    /// <summary>Component-wise sum.</summary>
    public static PointD operator +(PointD a, PointD b) => new(a.X + b.X, a.Y + b.Y);

    /// <summary>Component-wise difference.</summary>
    public static PointD operator -(PointD a, PointD b) => new(a.X - b.X, a.Y - b.Y);

    /// <summary>Negation.</summary>
    public static PointD operator -(PointD a) => new(-a.X, -a.Y);

    /// <summary>Scaling by a factor.</summary>
    public static PointD operator *(PointD a, double s) => new(a.X * s, a.Y * s);

    /// <summary>Scaling by a factor.</summary>
    public static PointD operator *(double s, PointD a) => new(a.X * s, a.Y * s);

    /// <summary>Division by a divisor.</summary>
    public static PointD operator /(PointD a, double s) => new(a.X / s, a.Y / s);

    /// <summary>Component-wise sum (named alternative of +).</summary>
    public static PointD Add(PointD a, PointD b) => a + b;

    /// <summary>Component-wise difference (named alternative of −).</summary>
    public static PointD Subtract(PointD a, PointD b) => a - b;

    /// <summary>Negation (named alternative of unary −).</summary>
    public static PointD Negate(PointD a) => -a;

    /// <summary>Scaling (named alternative of *).</summary>
    public static PointD Multiply(PointD a, double s) => a * s;

    /// <summary>Division (named alternative of /).</summary>
    public static PointD Divide(PointD a, double s) => a / s;

    /// <summary>Linear interpolation a + (b − a)·t.</summary>
    public static PointD Lerp(PointD a, PointD b, double t) => new(a.X + ((b.X - a.X) * t), a.Y + ((b.Y - a.Y) * t));

    /// <summary>Dot product.</summary>
    public double Dot(PointD other) => (this.X * other.X) + (this.Y * other.Y);

    /// <summary>The z component of the cross product, X·other.Y − Y·other.X.</summary>
    public double Cross(PointD other) => (this.X * other.Y) - (this.Y * other.X);

    /// <summary>Euclidean distance to <paramref name="other"/>.</summary>
    public double DistanceTo(PointD other) => (other - this).Length;

    /// <summary>The unit vector in the same direction; the zero vector stays zero.</summary>
    public PointD Normalized()
    {
        var length = this.Length;
        return length > 0 ? new PointD(this.X / length, this.Y / length) : default;
    }

    /// <summary>"(x, y)" in invariant culture; the record default would recurse through <see cref="Perpendicular"/>.</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"({this.X:R}, {this.Y:R})");
}
