using Dislocate.Track.Lines;

namespace Dislocate.Track.Tests.Lines;

public class LineTensionTests
{
    private static readonly LineTension Aluminiumish = new(ShearModulusGPa: 80, BurgersVectorNm: 0.25);

    [Fact]
    public void StressFromRadiusIsMuBOverTwoR()
    {
        // τ = μ b / (2R) = 80e9 Pa · 0.25e-9 m / (2 · 100e-9 m) = 1e8 Pa = 100 MPa.
        Assert.Equal(100.0, Aluminiumish.ShearStressMPaFromRadiusNm(100), 1e-9);
        Assert.Equal(0.0, Aluminiumish.ShearStressMPaFromRadiusNm(double.PositiveInfinity));

        // T = α μ b² = 0.5 · 80e9 Pa · (0.25e-9 m)² = 2.5e-9 N.
        Assert.Equal(2.5, Aluminiumish.TensionNanoNewtons, 1e-12);

        // α = 1: twice the stress.
        Assert.Equal(200.0, (Aluminiumish with { Prefactor = 1 }).ShearStressMPaFromRadiusNm(100), 1e-9);
    }

    [Fact]
    public void StressFromCurvatureInPixelsUsesThePixelSize()
    {
        // 2 nm pixels, κ = 1/50 px⁻¹: R = 50 px = 100 nm, so 100 MPa, with the curvature's sign.
        var scale = new PhysicalScale(PixelSizeNm: 2);
        Assert.Equal(100.0, Aluminiumish.ShearStressMPa(1.0 / 50, scale), 1e-9);
        Assert.Equal(-100.0, Aluminiumish.ShearStressMPa(-1.0 / 50, scale), 1e-9);
        Assert.Equal([50.0, 0.0, -25.0], Aluminiumish.ShearStressesMPa([1.0 / 100, 0.0, -1.0 / 200], scale));
    }

    [Fact]
    public void MissingPixelSizeIsAClearError()
    {
        var e = Assert.Throws<ArgumentException>(() => Aluminiumish.ShearStressMPa(0.01, PhysicalScale.None));
        Assert.Contains("PixelSizeNm", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Aluminiumish.ShearStressesMPa([0.01], new PhysicalScale(FrameIntervalSeconds: 1)));
    }

    [Theory]
    [InlineData(0.0, 0.25, 0.5, "ShearModulusGPa")]
    [InlineData(80.0, -0.25, 0.5, "BurgersVectorNm")]
    [InlineData(80.0, 0.25, double.NaN, "Prefactor")]
    public void ValidateNamesTheBadMember(double mu, double b, double alpha, string member)
    {
        var e = Assert.Throws<ArgumentException>(() => new LineTension(mu, b, alpha).Validate());
        Assert.Contains(member, e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new LineTension(mu, b, alpha).ShearStressMPaFromRadiusNm(100));
    }
}
