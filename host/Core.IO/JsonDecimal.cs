using System.Text.Json;

namespace Dislocate.Core.IO;

/// <summary>
/// Writes JSON numbers that are whole thousandths (coordinates rounded with <c>Math.Round(v, 3)</c>) as plain
/// decimals, byte for byte what <see cref="Utf8JsonWriter.WriteNumberValue(double)"/> writes, several times faster.
/// </summary>
/// <remarks>
/// <c>Math.Round(v, 3)</c> returns k / 1000 correctly rounded, the double nearest to the decimal k/1000, and below
/// 10^9 no other decimal of at most three fractional digits is that close, so the trimmed decimal is the shortest
/// round-trip text that System.Text.Json writes. Anything else (other values, −0, huge numbers) goes to the writer.
/// </remarks>
public static class JsonDecimal
{
    // |k| below this keeps k/1000 far from where doubles are spaced 0.001 apart, and from exponent notation (≥ 1e15).
    private const double MaxScaled = 1e12;

    /// <summary>Writes <paramref name="value"/> as a JSON number.</summary>
    public static void Write(Utf8JsonWriter writer, double value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var k = Math.Round(value * 1000.0);
        if (!(Math.Abs(k) < MaxScaled) || k / 1000.0 != value || (value == 0 && double.IsNegative(value)))
        {
            writer.WriteNumberValue(value);
            return;
        }

        // A decimal with trailing zeros removed from its scale prints exactly the trimmed digits (never an exponent).
        var digits = (long)Math.Abs(k);
        byte scale = 3;
        while (scale > 0 && digits % 10 == 0)
        {
            digits /= 10;
            scale--;
        }

        writer.WriteNumberValue(new decimal((int)(uint)digits, (int)(uint)(digits >> 32), 0, k < 0, scale));
    }

}
