namespace Dislocate.Segment.Evaluation;

/// <summary>An inclusive pixel bounding box; <see cref="Empty"/> (X1 &lt; X0) holds no pixel.</summary>
/// <param name="X0">First column.</param>
/// <param name="Y0">First row.</param>
/// <param name="X1">Last column (inclusive).</param>
/// <param name="Y1">Last row (inclusive).</param>
internal readonly record struct PixelBox(int X0, int Y0, int X1, int Y1)
{
    /// <summary>The box that holds nothing; <see cref="Include"/> grows it.</summary>
    public static PixelBox Empty => new(int.MaxValue, int.MaxValue, int.MinValue, int.MinValue);

    public bool IsEmpty => this.X1 < this.X0 || this.Y1 < this.Y0;

    public int Width => this.IsEmpty ? 0 : this.X1 - this.X0 + 1;

    public int Height => this.IsEmpty ? 0 : this.Y1 - this.Y0 + 1;

    public long Area => (long)this.Width * this.Height;

    public PixelBox Include(int x0, int y0, int x1, int y1) =>
        new(Math.Min(this.X0, x0), Math.Min(this.Y0, y0), Math.Max(this.X1, x1), Math.Max(this.Y1, y1));

    public PixelBox Intersect(PixelBox other) =>
        new(Math.Max(this.X0, other.X0), Math.Max(this.Y0, other.Y0), Math.Min(this.X1, other.X1), Math.Min(this.Y1, other.Y1));
}
