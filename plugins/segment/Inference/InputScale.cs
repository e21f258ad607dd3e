using System.Globalization;
using Dislocate.Contracts;

namespace Dislocate.Segment.Inference;

/// <summary>
/// How an input is resampled before the network sees it: a fixed factor, or <c>auto</c>, chosen per input by
/// <see cref="ScaleSelection"/> (the model knows dislocations at the magnification it was trained at; a video taken at
/// another magnification shows them wider or narrower and closer or farther apart).
/// </summary>
/// <param name="Factor">The fixed factor (output pixels per input pixel), or null for <c>auto</c>.</param>
internal sealed record InputScale(double? Factor)
{
    /// <summary>The smallest factor accepted.</summary>
    public const double MinFactor = 0.25;

    /// <summary>The largest factor accepted.</summary>
    public const double MaxFactor = 4;

    /// <summary>The parameter's value for automatic selection.</summary>
    public const string Auto = "auto";

    /// <summary>Automatic selection.</summary>
    public static InputScale Automatic { get; } = new((double?)null);

    /// <summary>Whether the factor is chosen per input.</summary>
    public bool IsAuto => this.Factor is null;

    /// <summary>Parses <c>auto</c> or a factor in [<see cref="MinFactor"/>, <see cref="MaxFactor"/>]; errors name <paramref name="parameter"/>.</summary>
    public static InputScale Parse(string? text, string parameter = "scale")
    {
        var value = text?.Trim() ?? string.Empty;
        if (value.Length == 0 || value.Equals(Auto, StringComparison.OrdinalIgnoreCase))
        {
            return Automatic;
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) || !double.IsFinite(factor))
        {
            throw new ParameterException(parameter, $"'{value}' is neither 'auto' nor a number");
        }

        if (factor < MinFactor || factor > MaxFactor)
        {
            throw new ParameterException(parameter, string.Create(CultureInfo.InvariantCulture, $"{factor} is outside {MinFactor}..{MaxFactor}"));
        }

        return new InputScale(factor);
    }

    /// <inheritdoc/>
    public override string ToString() => this.Factor is { } f ? f.ToString("0.###", CultureInfo.InvariantCulture) : Auto;
}
