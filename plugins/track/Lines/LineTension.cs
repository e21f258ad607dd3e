namespace Dislocate.Track.Lines;

/// <summary>The line-tension estimate of the resolved shear stress that holds a curved dislocation segment.</summary>
/// <remarks>
/// The line-tension approximation treats a dislocation as an elastic string of tension T ≈ α μ b² (energy per length,
/// α ≈ 0.5–1; it neglects the logarithmic dependence on the outer cut-off and on the line's character). A segment bowed
/// to radius R by a resolved shear stress τ is in equilibrium when the Peach–Koehler force per length balances the
/// tension's pull, τ b = T / R, so τ ≈ α μ b / R = μ b / (2R) for α = 1/2. Units: T [nN] = α · μ [GPa] · b [nm]², and
/// τ [MPa] = 1000 · α · μ [GPa] · b [nm] / R [nm]. Example: μ = 80 GPa, b = 0.25 nm, R = 100 nm give τ = 100 MPa.
/// </remarks>
/// <param name="ShearModulusGPa">Shear modulus μ in GPa (&gt; 0).</param>
/// <param name="BurgersVectorNm">Magnitude of the Burgers vector b in nm (&gt; 0).</param>
/// <param name="Prefactor">α in T ≈ α μ b² (&gt; 0); default 0.5, the usual textbook choice.</param>
public sealed record LineTension(double ShearModulusGPa, double BurgersVectorNm, double Prefactor = LineTension.DefaultPrefactor)
{
    /// <summary>The usual α = 1/2.</summary>
    public const double DefaultPrefactor = 0.5;

    /// <summary>The line tension T = α μ b² in nanonewtons (equivalently nJ/m).</summary>
    public double TensionNanoNewtons => this.Prefactor * this.ShearModulusGPa * this.BurgersVectorNm * this.BurgersVectorNm;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first member that is not positive and finite.</summary>
    public void Validate()
    {
        Check(this.ShearModulusGPa, nameof(this.ShearModulusGPa));
        Check(this.BurgersVectorNm, nameof(this.BurgersVectorNm));
        Check(this.Prefactor, nameof(this.Prefactor));
    }

    /// <summary>τ in MPa for a signed curvature in 1/nm; it keeps the curvature's sign (0 for a straight line).</summary>
    public double ShearStressMPaFromCurvaturePerNm(double curvaturePerNm)
    {
        this.Validate();
        return 1000.0 * this.Prefactor * this.ShearModulusGPa * this.BurgersVectorNm * curvaturePerNm;
    }

    /// <summary>τ in MPa for a radius of curvature in nm (+∞ gives 0).</summary>
    public double ShearStressMPaFromRadiusNm(double radiusNm)
    {
        if (!(radiusNm > 0))
        {
            throw new ArgumentException(FormattableString.Invariant($"The radius of curvature must be positive. Got {radiusNm} nm."), nameof(radiusNm));
        }

        return this.ShearStressMPaFromCurvaturePerNm(1.0 / radiusNm);
    }

    /// <summary>τ in MPa for a signed curvature in 1/px, using the pixel size of <paramref name="scale"/> (required).</summary>
    public double ShearStressMPa(double curvaturePerPixel, PhysicalScale scale) =>
        this.ShearStressMPaFromCurvaturePerNm(curvaturePerPixel / PixelSize(scale));

    /// <summary>τ in MPa at each point for signed curvatures in 1/px (e.g. <see cref="LineMeasures.Curvature"/>).</summary>
    public double[] ShearStressesMPa(ReadOnlySpan<double> curvaturesPerPixel, PhysicalScale scale)
    {
        var pixelSize = PixelSize(scale);
        var stresses = new double[curvaturesPerPixel.Length];
        for (var i = 0; i < stresses.Length; i++)
        {
            stresses[i] = this.ShearStressMPaFromCurvaturePerNm(curvaturesPerPixel[i] / pixelSize);
        }

        return stresses;
    }

    private static double PixelSize(PhysicalScale scale)
    {
        ArgumentNullException.ThrowIfNull(scale);
        scale.Validate();
        return scale.PixelSizeNm
            ?? throw new ArgumentException("A stress from line tension needs the pixel size: give PhysicalScale.PixelSizeNm (nm per pixel) to turn curvature in 1/px into 1/nm.", nameof(scale));
    }

    private static void Check(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new ArgumentException(FormattableString.Invariant($"LineTension.{name} must be positive and finite. Got {value}."));
        }
    }
}
