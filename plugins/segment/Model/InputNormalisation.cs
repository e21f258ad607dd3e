using System.Globalization;

namespace Dislocate.Segment.Model;

/// <summary>How raw pixel values become network input: <c>(x − mean) / std</c>, with mean and std per image or fixed.</summary>
/// <remarks>
/// The default is per-image standardisation: brightness and contrast of TEM images depend on the microscope, the
/// exposure and the detector, and removing them per image makes a model trained on synthetic images see real ones on
/// the same scale. The per-image standard deviation is floored at <see cref="MinStd"/> (in pixel units; images are
/// [0, 1] by convention) so a nearly blank frame is not blown up into amplified noise.
/// </remarks>
/// <param name="Mode">Per-image or fixed statistics.</param>
/// <param name="Mean">Mean removed in <see cref="NormalisationMode.Fixed"/> mode (ignored per image).</param>
/// <param name="Std">Standard deviation divided out in <see cref="NormalisationMode.Fixed"/> mode (ignored per image).</param>
/// <param name="MinStd">Floor of the per-image standard deviation (ignored in fixed mode).</param>
public sealed record InputNormalisation(
    NormalisationMode Mode = NormalisationMode.PerImage,
    double Mean = 0,
    double Std = 1,
    double MinStd = InputNormalisation.DefaultMinStd)
{
    /// <summary>Default floor of the per-image standard deviation: 1 % of the [0, 1] pixel range.</summary>
    public const double DefaultMinStd = 0.01;

    /// <summary>Per-image standardisation with the default floor (the default for new models).</summary>
    public static InputNormalisation Default { get; } = new();

    /// <summary>Per-image standardisation with the standard deviation floored at <paramref name="minStd"/>.</summary>
    public static InputNormalisation PerImage(double minStd = DefaultMinStd) => new(NormalisationMode.PerImage, 0, 1, minStd);

    /// <summary>Fixed standardisation <c>(x − <paramref name="mean"/>) / <paramref name="std"/></c> for every image.</summary>
    public static InputNormalisation Fixed(double mean, double std) => new(NormalisationMode.Fixed, mean, std, DefaultMinStd);

    /// <summary>The first problem as (snake_case field, message), or null when the normalisation is valid.</summary>
    public (string Field, string Problem)? FindProblem()
    {
        if (!Enum.IsDefined(this.Mode))
        {
            return ("mode", $"'{this.Mode}' is not per_image or fixed");
        }

        if (this.Mode == NormalisationMode.Fixed)
        {
            if (!double.IsFinite(this.Mean))
            {
                return ("mean", "must be a finite number");
            }

            if (!double.IsFinite(this.Std) || this.Std <= 0)
            {
                return ("std", string.Create(CultureInfo.InvariantCulture, $"must be a positive finite number, got {this.Std}"));
            }
        }
        else if (!double.IsFinite(this.MinStd) || this.MinStd <= 0)
        {
            return ("min_std", string.Create(CultureInfo.InvariantCulture, $"must be a positive finite number, got {this.MinStd}"));
        }

        return null;
    }

    /// <summary>
    /// The mean and standard deviation this normalisation removes from <paramref name="pixels"/>: the fixed values, or
    /// the image's mean and population standard deviation (floored at <see cref="MinStd"/>), summed in a fixed order.
    /// </summary>
    public (double Mean, double Std) Statistics(ReadOnlySpan<float> pixels)
    {
        if (this.Mode == NormalisationMode.Fixed)
        {
            return (this.Mean, this.Std);
        }

        if (pixels.IsEmpty)
        {
            return (0, this.MinStd);
        }

        var sum = 0.0;
        foreach (var p in pixels)
        {
            sum += p;
        }

        var mean = sum / pixels.Length;
        var squares = 0.0;
        foreach (var p in pixels)
        {
            var d = p - mean;
            squares += d * d;
        }

        return (mean, Math.Max(Math.Sqrt(squares / pixels.Length), this.MinStd));
    }

    /// <summary>Writes <c>(x − mean) / std</c> of every pixel to <paramref name="destination"/> (same length; may be the same memory).</summary>
    public void Apply(ReadOnlySpan<float> pixels, Span<float> destination)
    {
        if (destination.Length != pixels.Length)
        {
            throw new ArgumentException($"Destination holds {destination.Length} values, the image {pixels.Length}.", nameof(destination));
        }

        if (this.FindProblem() is { } problem)
        {
            throw new InvalidOperationException($"Invalid input normalisation: {problem.Field} {problem.Problem}.");
        }

        var (mean, std) = this.Statistics(pixels);
        var scale = 1.0 / std;
        for (var i = 0; i < pixels.Length; i++)
        {
            destination[i] = (float)((pixels[i] - mean) * scale);
        }
    }
}
