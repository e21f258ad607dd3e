using SkiaSharp;

namespace Dislocate.Core.Plotting;

/// <summary>Text measuring and drawing for charts, in SkiaSharp's default typeface with sizes scaled to the image.</summary>
/// <remarks>
/// <see cref="SKTypeface.Default"/> is the first font SkiaSharp's Linux build (NoDependencies: no fontconfig) finds
/// under /usr/share/fonts. On a machine without fonts it is an empty typeface: text then measures 0 wide and draws
/// nothing, and charts still render (axes, data, colour bars) without labels. Layout heights depend only on the font
/// size, so the plot area moves only by the missing label widths.
/// </remarks>
internal sealed class ChartText : IDisposable
{
    /// <summary>The reference image area for scale 1 (an 800 × 500 chart).</summary>
    private const double ReferenceArea = 800.0 * 500.0;

    private readonly SKPaint paint;

    public ChartText(int width, int height)
    {
        this.Scale = (float)Math.Clamp(Math.Sqrt(width * (double)height / ReferenceArea), 0.6, 4.0);
        this.paint = new SKPaint
        {
            Typeface = SKTypeface.Default,
            IsAntialias = true,
            Color = SKColors.Black,
        };
    }

    /// <summary>The size factor relative to an 800 × 500 chart (clamped to 0.6–4).</summary>
    public float Scale { get; }

    /// <summary>Title font size in pixels.</summary>
    public float TitleSize => 17 * this.Scale;

    /// <summary>Axis-label font size in pixels.</summary>
    public float LabelSize => 14 * this.Scale;

    /// <summary>Tick-label, legend and annotation font size in pixels.</summary>
    public float TickSize => 12 * this.Scale;

    /// <summary>A fixed spacing unit: the padding around and between chart elements.</summary>
    public float Pad => 8 * this.Scale;

    /// <summary>The height reserved for one line of text of <paramref name="size"/>.</summary>
    public static float LineHeight(float size) => size * 1.3f;

    /// <summary>The offset from a line's vertical centre to its baseline (about half the cap height).</summary>
    public static float CentreToBaseline(float size) => size * 0.36f;

    /// <summary>The advance width of <paramref name="text"/> in pixels (0 without fonts).</summary>
    public float Measure(string text, float size)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        this.paint.TextSize = size;
        return this.paint.MeasureText(text);
    }

    /// <summary>The widest of <paramref name="texts"/>.</summary>
    public float MaxWidth(IEnumerable<string> texts, float size)
    {
        var max = 0f;
        foreach (var t in texts)
        {
            max = Math.Max(max, this.Measure(t, size));
        }

        return max;
    }

    /// <summary><paramref name="text"/>, shortened with "…" until it fits <paramref name="maxWidth"/>.</summary>
    public string Fit(string text, float size, float maxWidth)
    {
        if (this.Measure(text, size) <= maxWidth)
        {
            return text;
        }

        for (var length = text.Length - 1; length > 0; length--)
        {
            var shortened = string.Concat(text.AsSpan(0, length), "…");
            if (this.Measure(shortened, size) <= maxWidth)
            {
                return shortened;
            }
        }

        return string.Empty;
    }

    /// <summary>Draws <paramref name="text"/> with its baseline at <paramref name="baseline"/>, aligned on <paramref name="x"/>.</summary>
    public void Draw(SKCanvas canvas, string text, float x, float baseline, float size, SKColor color, SKTextAlign align = SKTextAlign.Left)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        this.paint.TextSize = size;
        this.paint.Color = color;
        this.paint.TextAlign = align;
        canvas.DrawText(text, x, baseline, this.paint);
    }

    /// <summary>
    /// Draws <paramref name="text"/> turned 90° anticlockwise (reading upwards), its line centred on
    /// <paramref name="x"/>; <paramref name="align"/> places its start (Left), middle or end (Right) at <paramref name="y"/>.
    /// </summary>
    public void DrawVertical(SKCanvas canvas, string text, float x, float y, float size, SKColor color, SKTextAlign align = SKTextAlign.Center)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        canvas.Save();
        canvas.RotateDegrees(-90, x, y);
        this.Draw(canvas, text, x, y + CentreToBaseline(size), size, color, align);
        canvas.Restore();
    }

    public void Dispose() => this.paint.Dispose();
}
