using Dislocate.Core.Plotting;

namespace Dislocate.Core.Tests.Plotting;

public class NiceTicksTests
{
    [Fact]
    public void UnitRangeGivesFifths()
    {
        var t = NiceTicks.Compute(0, 1);
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1], t.Values);
        Assert.Equal(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"], t.Labels);
        Assert.Equal((0.0, 1.0, 0.2), (t.Min, t.Max, t.Step));
    }

    [Fact]
    public void RoundsOutwardToWholeSteps()
    {
        // Raw step 7.3 / 5 = 1.46 → 2; 7.3 rounds up to 8.
        var t = NiceTicks.Compute(0, 7.3);
        Assert.Equal([0, 2, 4, 6, 8], t.Values);
        Assert.Equal(["0", "2", "4", "6", "8"], t.Labels);
        Assert.Equal((0.0, 8.0, 2.0), (t.Min, t.Max, t.Step));
    }

    [Fact]
    public void MilliScale()
    {
        var t = NiceTicks.Compute(0, 1e-3);
        Assert.Equal([0, 0.0002, 0.0004, 0.0006, 0.0008, 0.001], t.Values);
        Assert.Equal(["0.0000", "0.0002", "0.0004", "0.0006", "0.0008", "0.0010"], t.Labels);
    }

    [Fact]
    public void NegativeRanges()
    {
        Assert.Equal([-4, -2, 0, 2, 4, 6], NiceTicks.Compute(-3.2, 4.7).Values);
        var t = NiceTicks.Compute(-0.93, -0.12);
        Assert.Equal([-1, -0.8, -0.6, -0.4, -0.2, 0], t.Values);
        Assert.Equal(["-1.0", "-0.8", "-0.6", "-0.4", "-0.2", "0.0"], t.Labels);
    }

    [Fact]
    public void SingleValueIsWidenedByTenPercent()
    {
        // 5 → 4.5..5.5 → step 0.2 → 4.4..5.6.
        var t = NiceTicks.Compute(5, 5);
        Assert.Equal([4.4, 4.6, 4.8, 5.0, 5.2, 5.4, 5.6], t.Values);
        Assert.Equal([-1, -0.5, 0, 0.5, 1], NiceTicks.Compute(0, 0).Values);
        Assert.Equal([-140, -120, -100], NiceTicks.Compute(-120, -120, 2).Values);
    }

    [Fact]
    public void TickValuesCarryNoRoundingDrift()
    {
        // 0.6 / 0.2 = 2.9999999999999996 must still start at 0.6; 3 × 0.1 must be the double 0.3.
        Assert.Equal([0.6, 0.8, 1.0, 1.2, 1.4], NiceTicks.Compute(0.6, 1.4, 4).Values);
        var t = NiceTicks.Compute(0, 0.7, 7);
        Assert.Equal(0.3, t.Values[3]);
        Assert.Equal("0.3", t.Labels[3]);
    }

    [Fact]
    public void LargeAndTinyMagnitudesUseExponents()
    {
        var large = NiceTicks.Compute(0, 2.5e7);
        Assert.Equal(["0", "5E+6", "1E+7", "1.5E+7", "2E+7", "2.5E+7"], large.Labels);
        var tiny = NiceTicks.Compute(1e-6, 9e-6, 4);
        Assert.Equal(2e-6, tiny.Step);
        Assert.Equal(["0", "2E-6", "4E-6", "6E-6", "8E-6", "1E-5"], tiny.Labels);
        var offset = NiceTicks.Compute(1e8, 1.00003e8, 6);
        Assert.Equal(["1E+8", "1.000005E+8", "1.00001E+8", "1.000015E+8", "1.00002E+8", "1.000025E+8", "1.00003E+8"], offset.Labels);
    }

    [Theory]
    [InlineData(0.0, 1.0, 5)]
    [InlineData(-17.3, 250.0, 7)]
    [InlineData(0.001234, 0.001299, 5)]
    [InlineData(1e8, 1.00003e8, 6)]
    [InlineData(-1e-9, 3e-9, 3)]
    [InlineData(12.0, 13.0, 10)]
    [InlineData(-5e250, 7e250, 5)]
    public void TicksCoverTheRangeWithOneTwoFiveSteps(double min, double max, int target)
    {
        var t = NiceTicks.Compute(min, max, target);
        Assert.True(t.Min <= min && t.Max >= max, $"[{t.Min}, {t.Max}] does not cover [{min}, {max}]");
        Assert.Equal(t.Min, t.Values[0]);
        Assert.Equal(t.Max, t.Values[^1]);
        var mantissa = t.Step / Math.Pow(10, Math.Floor(Math.Log10(t.Step) + 1e-9));
        Assert.Contains(Math.Round(mantissa, 6), new[] { 1.0, 2.0, 5.0 });
        Assert.InRange(t.Values.Length - 1, 1, target + 1);
        for (var i = 1; i < t.Values.Length; i++)
        {
            Assert.Equal(t.Step, t.Values[i] - t.Values[i - 1], t.Step * 1e-6);
        }

        Assert.Equal(t.Values.Length, t.Labels.Distinct().Count());
    }

    [Fact]
    public void InsideKeepsFixedLimits()
    {
        var t = NiceTicks.Inside(0.05, 0.95);
        Assert.Equal((0.05, 0.95), (t.Min, t.Max));
        Assert.Equal([0.2, 0.4, 0.6, 0.8], t.Values);
        Assert.Equal([0, 0.5, 1], NiceTicks.Inside(0, 1, 2).Values);
    }

    [Fact]
    public void LogTicksAtDecades()
    {
        var t = NiceTicks.ComputeLog(0.003, 250);
        Assert.Equal([0.001, 0.01, 0.1, 1, 10, 100, 1000], t.Values);
        Assert.Equal(["0.001", "0.01", "0.1", "1", "10", "100", "1000"], t.Labels);
        Assert.Equal((0.001, 1000.0), (t.Min, t.Max));

        // A single value spans its decade.
        Assert.Equal([1, 10], NiceTicks.ComputeLog(5, 5).Values);
        Assert.Equal([10, 100], NiceTicks.ComputeLog(10, 10).Values);
    }

    [Fact]
    public void WideLogRangesSkipDecades()
    {
        // 25 decades: 2 per tick would still give 13 ticks, 5 per tick gives 7 (limits rounded out to 1e±15).
        var t = NiceTicks.ComputeLog(1e-12, 1e12);
        Assert.Equal(5, t.Step);
        Assert.Equal([1e-15, 1e-10, 1e-5, 1, 1e5, 1e10, 1e15], t.Values);
        Assert.Equal(["1E-15", "1E-10", "1E-5", "1", "100000", "1E10", "1E15"], t.Labels);
    }

    [Fact]
    public void RejectsInvalidRanges()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NiceTicks.Compute(double.NaN, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => NiceTicks.Compute(0, double.PositiveInfinity));
        Assert.Throws<ArgumentException>(() => NiceTicks.Compute(2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => NiceTicks.Compute(0, 1, 0));
        Assert.Throws<ArgumentException>(() => NiceTicks.Inside(1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => NiceTicks.ComputeLog(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => NiceTicks.ComputeLog(-1, 1));
    }
}
