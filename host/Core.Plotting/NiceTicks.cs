using System.Globalization;

namespace Dislocate.Core.Plotting;

#pragma warning disable RS0030 // libm's Log10 and Pow on decades: exact powers of ten, and tick choices floor them, so a last-bit
// difference between platforms moves no tick; DeterministicMath has no Log10, and Log(x) / Log(10) is not exact at 1000.

/// <summary>"Nice" axis ranges and tick values: steps of 1, 2 or 5 times a power of ten (Heckbert, Graphics Gems, 1990).</summary>
/// <remarks>
/// The step is the smallest of 1, 2, 5 × 10^e that is at least (max − min) / <c>targetIntervals</c>. Tick k is
/// computed as k·m·10^e (or k·m / 10^−e) from integers, so labels never show drift such as 0.30000000000000004.
/// Examples with 5 target intervals: 0..1 → 0, 0.2, …, 1; 0..7.3 → 0, 2, …, 8; −3.2..4.7 → −4, −2, …, 6.
/// A single value v (min = max) is widened to v ± 10 % of |v| (0 → −1..1) before the step is chosen.
/// Values beyond ±<see cref="MaxMagnitude"/> are rejected so that ranges and steps stay finite.
/// </remarks>
public static class NiceTicks
{
    /// <summary>The largest accepted |min| and |max|.</summary>
    public const double MaxMagnitude = 1e300;

    /// <summary>Relative tolerance for a value that is a tick "up to rounding" (0.6 / 0.2 = 2.9999999999999996).</summary>
    private const double Slack = 1e-9;

    /// <summary>Labels switch to exponent notation for steps below this or magnitudes from <see cref="LargeLabel"/> up.</summary>
    private const double SmallStep = 1e-4;

    private const double LargeLabel = 1e6;

    /// <summary>
    /// The nice range enclosing [<paramref name="min"/>, <paramref name="max"/>], outer ticks on its limits, with about
    /// <paramref name="targetIntervals"/> intervals (the outward rounding can add one; a coarser step can give fewer).
    /// </summary>
    public static AxisTicks Compute(double min, double max, int targetIntervals = 5)
    {
        (min, max) = Widen(min, max, targetIntervals);
        var (mantissa, exponent) = StepFor(min, max, targetIntervals);
        var step = Scale(mantissa, exponent);
        var first = (long)Math.Floor((min / step) + Slack);
        var last = (long)Math.Ceiling((max / step) - Slack);

        // The slack keeps 0.6 = 3 × 0.2 a tick of 0.6..1.4; these make sure the ticks still cover the range.
        if (Tick(first, mantissa, exponent) > min)
        {
            first--;
        }

        if (Tick(last, mantissa, exponent) < max)
        {
            last++;
        }

        return Build(first, last, mantissa, exponent, Tick(first, mantissa, exponent), Tick(last, mantissa, exponent));
    }

    /// <summary>
    /// Nice ticks inside the fixed range [<paramref name="min"/>, <paramref name="max"/>] (user-given axis limits): the
    /// returned limits are the arguments themselves; the step is chosen as in <see cref="Compute"/>. With fewer than
    /// three target intervals the step can exceed the range, leaving one tick or none.
    /// </summary>
    public static AxisTicks Inside(double min, double max, int targetIntervals = 5)
    {
        Validate(min, max, targetIntervals);
        if (min == max)
        {
            throw new ArgumentException($"The axis range [{min}, {max}] is empty.", nameof(max));
        }

        var (mantissa, exponent) = StepFor(min, max, targetIntervals);
        var step = Scale(mantissa, exponent);
        var first = (long)Math.Ceiling((min / step) - Slack);
        var last = (long)Math.Floor((max / step) + Slack);
        return Build(first, last, mantissa, exponent, min, max);
    }

    /// <summary>
    /// A logarithmic (base 10) range enclosing [<paramref name="min"/>, <paramref name="max"/>], both in [1e-300, 1e300]: limits
    /// at whole decades (at least one decade), ticks every 1, 2, 5, … decades so that there are at most
    /// <paramref name="maxTicks"/> of them. Labels are plain ("0.001", "1000") from 10^−4 to 10^5, else "1E-05".
    /// </summary>
    public static AxisTicks ComputeLog(double min, double max, int maxTicks = 8)
    {
        if (!(min >= 1 / MaxMagnitude && min <= max && max <= MaxMagnitude))
        {
            throw new ArgumentOutOfRangeException(nameof(min), $"A log axis needs 1e-300 ≤ min ≤ max ≤ {MaxMagnitude}; got [{min}, {max}].");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxTicks, 2);
        var low = (int)Math.Floor(Math.Log10(min) + Slack);
        var high = (int)Math.Ceiling(Math.Log10(max) - Slack);
        if (high == low)
        {
            high++;
        }

        // 1, 2, 5, 10, 20, 50, … decades per tick, the first that gives at most maxTicks ticks once the limits are
        // rounded outward to multiples of it.
        int decades = 1, first, last;
        for (var k = 0; ; k++)
        {
            first = FloorTo(low, decades);
            last = -FloorTo(-high, decades);
            if (((last - first) / decades) + 1 <= maxTicks)
            {
                break;
            }

            decades = (k % 3 == 2 ? 10 : k % 3 == 0 ? 2 : 5) * (int)Math.Pow(10, k / 3);
        }

        var count = ((last - first) / decades) + 1;
        var values = new double[count];
        var labels = new string[count];
        for (var i = 0; i < count; i++)
        {
            var e = first + (i * decades);
            values[i] = PowerOfTen(e);
            labels[i] = e is >= -4 and <= 5
                ? values[i].ToString("0.####", CultureInfo.InvariantCulture)
                : "1E" + e.ToString(CultureInfo.InvariantCulture);
        }

        return new AxisTicks(values[0], values[^1], decades, values, labels);
    }

    /// <summary>10^<paramref name="exponent"/>, correctly rounded for |exponent| ≤ 22 (10^k is exact there, and so is one division).</summary>
    internal static double PowerOfTen(int exponent)
    {
        return exponent >= 0 ? Math.Pow(10, exponent) : 1.0 / Math.Pow(10, -exponent);
    }

    private static (double Min, double Max) Widen(double min, double max, int targetIntervals)
    {
        Validate(min, max, targetIntervals);
        var magnitude = Math.Max(Math.Abs(min), Math.Abs(max));

        // A range below ~1e-12 of the magnitude has no representable nice step: treat it as a single value.
        if (max - min <= magnitude * 1e-12)
        {
            var centre = (min / 2) + (max / 2);
            var half = centre == 0 ? 1.0 : Math.Abs(centre) * 0.1;
            return (centre - half, centre + half);
        }

        return (min, max);
    }

    private static void Validate(double min, double max, int targetIntervals)
    {
        if (!(Math.Abs(min) <= MaxMagnitude && Math.Abs(max) <= MaxMagnitude))
        {
            throw new ArgumentOutOfRangeException(nameof(min), $"Axis limits must be finite and within ±{MaxMagnitude}; got [{min}, {max}].");
        }

        if (min > max)
        {
            throw new ArgumentException($"The axis minimum {min} exceeds the maximum {max}.", nameof(min));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(targetIntervals, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(targetIntervals, 1000);
    }

    /// <summary>The step as mantissa ∈ {1, 2, 5} and decimal exponent.</summary>
    private static (int Mantissa, int Exponent) StepFor(double min, double max, int targetIntervals)
    {
        var raw = (max - min) / targetIntervals;
        var exponent = (int)Math.Floor(Math.Log10(raw));
        foreach (var candidate in (ReadOnlySpan<int>)[1, 2, 5, 10])
        {
            // Slack: a raw step of exactly 0.2 must pick 2, not 5, whatever the rounding of 1.0 / 5.
            if (Scale(candidate, exponent) >= raw * (1 - Slack))
            {
                return candidate == 10 ? (1, exponent + 1) : (candidate, exponent);
            }
        }

        return (1, exponent + 1);
    }

    private static AxisTicks Build(long first, long last, int mantissa, int exponent, double axisMin, double axisMax)
    {
        var count = (int)Math.Max(0, last - first + 1);
        var values = new double[count];
        var labels = new string[count];
        var maxAbs = Math.Max(Math.Abs(axisMin), Math.Abs(axisMax));
        var step = Scale(mantissa, exponent);
        var scientific = step < SmallStep || maxAbs >= LargeLabel;

        // Exponent labels show every digit from the largest value's leading one down to the step's.
        var format = scientific
            ? "0" + DecimalPlaces('#', (int)Math.Floor(Math.Log10(maxAbs)) - exponent) + "E+0"
            : "0" + DecimalPlaces('0', -exponent);
        for (var i = 0; i < count; i++)
        {
            values[i] = Tick(first + i, mantissa, exponent);
            labels[i] = scientific && values[i] == 0 ? "0" : values[i].ToString(format, CultureInfo.InvariantCulture);
        }

        return new AxisTicks(axisMin, axisMax, step, values, labels);
    }

    /// <summary>"." and <paramref name="count"/> digit placeholders, or nothing for count ≤ 0.</summary>
    private static string DecimalPlaces(char placeholder, int count) => count > 0 ? "." + new string(placeholder, count) : string.Empty;

    private static double Tick(long index, int mantissa, int exponent)
    {
        // + 0.0 turns −0 into 0, so no "-0" label.
        return Scale(index * mantissa, exponent) + 0.0;
    }

    private static double Scale(long integer, int exponent)
    {
        return exponent >= 0 ? integer * Math.Pow(10, exponent)
            : exponent >= -22 ? integer / Math.Pow(10, -exponent)
            : integer * Math.Pow(10, exponent);
    }

    private static int FloorTo(int value, int multiple)
    {
        return (int)Math.Floor((double)value / multiple) * multiple;
    }
}
