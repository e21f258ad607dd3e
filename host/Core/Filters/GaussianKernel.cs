using Dislocate.Core.Numerics;
using Dislocate.Core.Random;

namespace Dislocate.Core.Filters;

/// <summary>Sampled, normalised one-dimensional Gaussian kernels, as scipy.ndimage.gaussian_filter builds them.</summary>
/// <remarks>
/// Radius r = (int)(truncate·σ + 0.5); weights exp(−0.5/σ² · k²) for k = −r..r, divided by their sum, computed in
/// double with <see cref="DeterministicMath.Exp"/> and rounded to float once. The weight for −k is the same value
/// as for +k, so the kernel is exactly symmetric.
/// </remarks>
public static class GaussianKernel
{
    /// <summary>The kernel radius scipy uses: (int)(truncate·σ + 0.5).</summary>
    public static int Radius(double sigma, double truncate = 4.0)
    {
        Validate(sigma, truncate);
        return (int)((truncate * sigma) + 0.5);
    }

    /// <summary>The 2r + 1 weights of a Gaussian with standard deviation <paramref name="sigma"/> pixels; σ = 0 gives [1].</summary>
    public static float[] Create(double sigma, double truncate = 4.0)
    {
        var radius = Radius(sigma, truncate);
        if (radius == 0)
        {
            return [1f];
        }

        var weights = new double[radius + 1];
        var factor = -0.5 / (sigma * sigma);
        for (var k = 0; k <= radius; k++)
        {
            // Same grouping as scipy: (−0.5/σ²)·k².
            weights[k] = DeterministicMath.Exp(factor * ((double)k * k));
        }

        // Sum in the order of the taps, −r..r, like numpy's phi_x.sum() over the full kernel.
        var sum = 0.0;
        for (var k = -radius; k <= radius; k++)
        {
            sum += weights[Math.Abs(k)];
        }

        var kernel = new float[(2 * radius) + 1];
        for (var k = 0; k <= radius; k++)
        {
            var w = (float)(weights[k] / sum);
            kernel[radius + k] = w;
            kernel[radius - k] = w;
        }

        return kernel;
    }

    private static void Validate(double sigma, double truncate)
    {
        if (!(sigma >= 0 && sigma <= 1e4))
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "Sigma must be in [0, 10000] pixels.");
        }

        if (!(truncate >= 0 && truncate <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(truncate), truncate, "Truncate must be in [0, 100].");
        }
    }
}
