using Dislocate.Core.Morphology;

namespace Dislocate.Segment.Evaluation;

/// <summary>
/// Centre-line F1 at a pixel tolerance, the product's real-data score (shared/data/README.md): both the predicted union
/// mask and the true mask are thinned with Lee's algorithm; precision is the share of predicted centre-line pixels within
/// the tolerance (Euclidean, in pixels) of a true one, recall the share of true centre-line pixels within it of a
/// predicted one.
/// </summary>
/// <remarks>Pure pixel arithmetic: masks are row-major bytes, nonzero = line.</remarks>
public static class CentreLines
{
    /// <summary>The default tolerance: 3 px.</summary>
    public const double DefaultTolerance = 3;

    /// <summary>A thinned copy (0/1) of a mask whose nonzero pixels are foreground.</summary>
    public static byte[] Thin(ReadOnlySpan<byte> mask, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (mask.Length != width * height)
        {
            throw new ArgumentException($"The mask holds {mask.Length} pixels, not {width}×{height}.", nameof(mask));
        }

        var thin = new byte[mask.Length];
        for (var i = 0; i < thin.Length; i++)
        {
            thin[i] = mask[i] != 0 ? (byte)1 : (byte)0;
        }

        LeeThinning.Thin(thin, width, height);
        return thin;
    }

    /// <summary>The union (0/1) of instance masks of <paramref name="pixels"/> values each (nonzero = foreground).</summary>
    public static byte[] Union(IEnumerable<byte[]> masks, int pixels)
    {
        ArgumentNullException.ThrowIfNull(masks);
        var union = new byte[pixels];
        foreach (var mask in masks)
        {
            for (var i = 0; i < pixels; i++)
            {
                union[i] |= mask[i] != 0 ? (byte)1 : (byte)0;
            }
        }

        return union;
    }

    /// <summary>Scores a predicted against a true line mask (both thinned here).</summary>
    public static CentreLineScore Score(ReadOnlySpan<byte> predicted, ReadOnlySpan<byte> truth, int width, int height, double tolerance = DefaultTolerance)
    {
        var p = Thin(predicted, width, height);
        var t = Thin(truth, width, height);
        return ScoreCentres(p, t, width, height, tolerance);
    }

    /// <summary>Scores centre lines that are already thin (nonzero = centre-line pixel).</summary>
    public static CentreLineScore ScoreCentres(ReadOnlySpan<byte> predicted, ReadOnlySpan<byte> truth, int width, int height, double tolerance = DefaultTolerance)
    {
        if (!double.IsFinite(tolerance) || tolerance < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be a finite number of pixels ≥ 0.");
        }

        var (predictedPixels, predictedMatched) = Matched(predicted, truth, width, height, tolerance);
        var (truePixels, trueMatched) = Matched(truth, predicted, width, height, tolerance);
        return new CentreLineScore(predictedPixels, predictedMatched, truePixels, trueMatched);
    }

    // Pixels of `from`, and how many of them have a pixel of `to` within the tolerance (a disc search).
    private static (long Pixels, long Matched) Matched(ReadOnlySpan<byte> from, ReadOnlySpan<byte> to, int width, int height, double tolerance)
    {
        var r = (int)Math.Floor(tolerance);
        var r2 = tolerance * tolerance;
        long pixels = 0;
        long matched = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (from[(y * width) + x] == 0)
                {
                    continue;
                }

                pixels++;
                if (Near(to, width, height, x, y, r, r2))
                {
                    matched++;
                }
            }
        }

        return (pixels, matched);
    }

    private static bool Near(ReadOnlySpan<byte> to, int width, int height, int x, int y, int r, double r2)
    {
        for (var dy = Math.Max(-r, -y); dy <= Math.Min(r, height - 1 - y); dy++)
        {
            var row = (y + dy) * width;
            for (var dx = Math.Max(-r, -x); dx <= Math.Min(r, width - 1 - x); dx++)
            {
                if ((dx * dx) + (dy * dy) <= r2 && to[row + x + dx] != 0)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
