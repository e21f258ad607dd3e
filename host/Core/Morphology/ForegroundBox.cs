namespace Dislocate.Core.Morphology;

/// <summary>The inclusive bounding box [X0, X1] × [Y0, Y1] of an image's foreground pixels.</summary>
internal readonly record struct ForegroundBox(int X0, int Y0, int X1, int Y1)
{
    /// <summary>Columns spanned.</summary>
    public int Width => this.X1 - this.X0 + 1;

    /// <summary>Rows spanned.</summary>
    public int Height => this.Y1 - this.Y0 + 1;
}
