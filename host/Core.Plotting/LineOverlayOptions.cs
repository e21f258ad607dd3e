namespace Dislocate.Core.Plotting;

/// <summary>How <see cref="LineOverlay"/> draws: the upscaling of the frame and the sizes of lines and labels.</summary>
/// <param name="Scale">Output pixels per image pixel (nearest neighbour, 1..<see cref="MaxScale"/>), or 0 to pick one so the longer side reaches <see cref="AutoTargetSide"/>.</param>
/// <param name="LineWidth">Width of the current lines in output pixels (0.5..32); trails are half as wide, at least 1.</param>
/// <param name="LabelSize">Label font size in output pixels (4..128).</param>
public sealed record LineOverlayOptions(int Scale = 0, float LineWidth = LineOverlayOptions.DefaultLineWidth, float LabelSize = LineOverlayOptions.DefaultLabelSize)
{
    /// <summary>The default line width in output pixels.</summary>
    public const float DefaultLineWidth = 2f;

    /// <summary>The default label font size in output pixels.</summary>
    public const float DefaultLabelSize = 13f;

    /// <summary>The largest upscaling factor.</summary>
    public const int MaxScale = 16;

    /// <summary>The output side length that automatic scaling aims for (small frames are enlarged up to it, at most 8×).</summary>
    public const int AutoTargetSide = 512;

    /// <summary>The options used when none are given.</summary>
    public static LineOverlayOptions Default { get; } = new();

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        if (this.Scale < 0 || this.Scale > MaxScale)
        {
            throw new ArgumentException($"Scale must be 0 (automatic) or 1..{MaxScale}, got {this.Scale}.", nameof(this.Scale));
        }

        if (!(this.LineWidth >= 0.5f && this.LineWidth <= 32f))
        {
            throw new ArgumentException($"LineWidth must be 0.5..32 output pixels, got {this.LineWidth}.", nameof(this.LineWidth));
        }

        if (!(this.LabelSize >= 4f && this.LabelSize <= 128f))
        {
            throw new ArgumentException($"LabelSize must be 4..128 output pixels, got {this.LabelSize}.", nameof(this.LabelSize));
        }
    }

    /// <summary>The upscaling factor for a <paramref name="width"/> × <paramref name="height"/> frame: <see cref="Scale"/>, or the automatic one.</summary>
    public int ScaleFor(int width, int height)
    {
        if (this.Scale > 0)
        {
            return this.Scale;
        }

        var longer = Math.Max(Math.Max(width, height), 1);
        return Math.Clamp((AutoTargetSide + longer - 1) / longer, 1, 8);
    }
}
