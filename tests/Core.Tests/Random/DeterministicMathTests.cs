using Dislocate.Core.Random;

namespace Dislocate.Core.Tests.Random;

public class DeterministicMathTests
{
    private static long UlpDistance(double a, double b) =>
        Math.Abs(BitConverter.DoubleToInt64Bits(a) - BitConverter.DoubleToInt64Bits(b));

    [Theory]
    [InlineData(1.0, 0x4005BF0A8B14576AL)]
    [InlineData(0.3, 0x3FF599058C8C1A96L)]
    [InlineData(-2.5, 0x3FB50385C094F425L)]
    [InlineData(10.0, 0x40D5829DCF950560L)]
    [InlineData(-0.125, 0x3FEC3D6A24ED8222L)]
    public void Exp_GivesFixedBits(double x, long bits)
    {
        // fdlibm results, the same on every machine (exp(1) is one ulp above the correctly rounded e, as in fdlibm).
        Assert.Equal(bits, BitConverter.DoubleToInt64Bits(DeterministicMath.Exp(x)));
    }

    [Theory]
    [InlineData(2.0, 0x3FE62E42FEFA39EFL)]
    [InlineData(10.0, 0x40026BB1BBB55516L)]
    [InlineData(0.1, unchecked((long)0xC0026BB1BBB55515UL))]
    [InlineData(1e-300, unchecked((long)0xC085963447F87FB5UL))]
    [InlineData(123456.789, 0x40277281CAD8A844L)]
    public void Log_GivesFixedBits(double x, long bits)
    {
        Assert.Equal(bits, BitConverter.DoubleToInt64Bits(DeterministicMath.Log(x)));
    }

    [Fact]
    public void ExpAndLog_AgreeWithPlatformWithinRounding()
    {
        var rng = new Rng(2024);
        for (var i = 0; i < 20_000; i++)
        {
            var x = rng.Uniform(-700, 700);
            // Both are within one ulp of the true value, so they differ by at most two.
            Assert.True(UlpDistance(DeterministicMath.Exp(x), Math.Exp(x)) <= 2, $"exp({x:R})");
            var y = Math.Exp(rng.Uniform(-700, 700));
            Assert.True(UlpDistance(DeterministicMath.Log(y), Math.Log(y)) <= 2, $"log({y:R})");
        }
    }

    [Fact]
    public void SpecialValues()
    {
        Assert.Equal(0.0, DeterministicMath.Log(1.0));
        Assert.Equal(double.NegativeInfinity, DeterministicMath.Log(0.0));
        Assert.True(double.IsNaN(DeterministicMath.Log(-1.0)));
        Assert.Equal(double.PositiveInfinity, DeterministicMath.Log(double.PositiveInfinity));
        Assert.Equal(-744.4400719213812, DeterministicMath.Log(double.Epsilon)); // subnormal input
        Assert.Equal(1.0, DeterministicMath.Exp(0.0));
        Assert.Equal(double.PositiveInfinity, DeterministicMath.Exp(710));
        Assert.Equal(0.0, DeterministicMath.Exp(-746));
        Assert.Equal(0.0, DeterministicMath.Exp(double.NegativeInfinity));
        Assert.True(double.IsNaN(DeterministicMath.Exp(double.NaN)));
        Assert.Equal(2.0322308024E-313, DeterministicMath.Exp(-720)); // subnormal result
    }
}
