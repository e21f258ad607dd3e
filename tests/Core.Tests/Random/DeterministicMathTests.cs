using Dislocate.Core.Random;

namespace Dislocate.Core.Tests.Random;

public class DeterministicMathTests
{
    private static long UlpDistance(double a, double b) =>
        Math.Abs(BitConverter.DoubleToInt64Bits(a) - BitConverter.DoubleToInt64Bits(b));

    [Fact]
    public void ExpAndLog_AgreeWithPlatformWithinOneUlp()
    {
        var rng = new Rng(2024);
        for (var i = 0; i < 20_000; i++)
        {
            var x = rng.Uniform(-700, 700);
            Assert.True(UlpDistance(DeterministicMath.Exp(x), Math.Exp(x)) <= 1, $"exp({x:R})");
            var y = Math.Exp(rng.Uniform(-700, 700));
            Assert.True(UlpDistance(DeterministicMath.Log(y), Math.Log(y)) <= 1, $"log({y:R})");
        }
    }

    [Fact]
    public void SpecialValues()
    {
        Assert.Equal(0.0, DeterministicMath.Log(1.0));
        Assert.Equal(double.NegativeInfinity, DeterministicMath.Log(0.0));
        Assert.True(double.IsNaN(DeterministicMath.Log(-1.0)));
        Assert.Equal(double.PositiveInfinity, DeterministicMath.Log(double.PositiveInfinity));
        Assert.Equal(Math.Log(5e-324), DeterministicMath.Log(double.Epsilon));
        Assert.Equal(1.0, DeterministicMath.Exp(0.0));
        Assert.Equal(double.PositiveInfinity, DeterministicMath.Exp(710));
        Assert.Equal(0.0, DeterministicMath.Exp(-746));
        Assert.Equal(0.0, DeterministicMath.Exp(double.NegativeInfinity));
        Assert.True(double.IsNaN(DeterministicMath.Exp(double.NaN)));
        Assert.Equal(Math.Exp(-720), DeterministicMath.Exp(-720)); // subnormal result
    }
}
