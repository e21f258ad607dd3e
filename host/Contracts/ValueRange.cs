using System.Globalization;

namespace Dislocate.Contracts;

/// <summary>A closed interval [Min, Max] from which a random value is drawn; Min == Max means a fixed value.</summary>
public readonly record struct ValueRange(double Min, double Max)
{
    /// <summary>True when the range holds a single value.</summary>
    public bool IsFixed => this.Min == this.Max;

    /// <summary>A range holding exactly <paramref name="value"/>.</summary>
    public static ValueRange Fixed(double value) => new(value, value);

    /// <summary>Parses <c>a..b</c>, <c>a:b</c> or a single number; returns false on malformed text or Min &gt; Max.</summary>
    public static bool TryParse(string text, out ValueRange range)
    {
        range = default;
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        var sep = t.IndexOf("..", StringComparison.Ordinal);
        var sepLength = 2;
        if (sep < 0)
        {
            sep = t.IndexOf(':', StringComparison.Ordinal);
            sepLength = 1;
        }

        if (sep < 0)
        {
            if (!TryParseReal(t, out var v))
            {
                return false;
            }

            range = Fixed(v);
            return true;
        }

        if (!TryParseReal(t[..sep], out var a) || !TryParseReal(t[(sep + sepLength)..], out var b) || a > b)
        {
            return false;
        }

        range = new ValueRange(a, b);
        return true;
    }

    /// <summary>Writes the range back as <c>a..b</c> (or one number), invariant and round-trippable.</summary>
    public override string ToString() =>
        this.IsFixed
            ? this.Min.ToString("R", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{this.Min:R}..{this.Max:R}");

    private static bool TryParseReal(string s, out double value) =>
        double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
