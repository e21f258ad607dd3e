namespace Dislocate.Core.Random;

/// <summary>Natural logarithm and exponential that give the same bits on every machine.</summary>
/// <remarks>
/// <see cref="Math.Log(double)"/> and <see cref="Math.Exp"/> call the platform C library, whose last bit may
/// differ between glibc, the Windows CRT and macOS libm. These are straight ports of fdlibm's
/// <c>e_log.c</c> and <c>e_exp.c</c> (error below 1 ulp) built only from IEEE-754 +, −, ×, ÷ and bit
/// manipulation, which .NET evaluates identically everywhere (it never contracts to fused multiply-add).
/// </remarks>
public static class DeterministicMath
{
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double Two54 = 1.80143985094819840000e+16;
    private const double Lg1 = 6.666666666666735130e-01;
    private const double Lg2 = 3.999999999940941908e-01;
    private const double Lg3 = 2.857142874366239149e-01;
    private const double Lg4 = 2.222219843214978396e-01;
    private const double Lg5 = 1.818357216161805012e-01;
    private const double Lg6 = 1.531383769920937332e-01;
    private const double Lg7 = 1.479819860511658591e-01;

    private const double OverflowThreshold = 7.09782712893383973096e+02;
    private const double UnderflowThreshold = -7.45133219101941108420e+02;
    private const double InvLn2 = 1.44269504088896338700e+00;
    private const double TwoM1000 = 9.33263618503218878990e-302;
    private const double P1 = 1.66666666666666019037e-01;
    private const double P2 = -2.77777777770155933842e-03;
    private const double P3 = 6.61375632143793436117e-05;
    private const double P4 = -1.65339022054652515390e-06;
    private const double P5 = 4.13813679705723846039e-08;

    /// <summary>Natural logarithm (fdlibm algorithm): NaN for negative input, −∞ for ±0.</summary>
    public static double Log(double x)
    {
        var hx = HighWord(x);
        var lx = LowWord(x);
        var k = 0;
        if (hx < 0x00100000)
        {
            // Zero, negative or subnormal.
            if (((hx & 0x7fffffff) | (int)lx) == 0)
            {
                return double.NegativeInfinity;
            }

            if (hx < 0)
            {
                return double.NaN;
            }

            k -= 54;
            x *= Two54;
            hx = HighWord(x);
        }

        if (hx >= 0x7ff00000)
        {
            return x + x;
        }

        k += (hx >> 20) - 1023;
        hx &= 0x000fffff;
        var i = (hx + 0x95f64) & 0x100000;

        // Normalise x (or x/2) into [sqrt(2)/2, sqrt(2)).
        x = WithHighWord(x, hx | (i ^ 0x3ff00000));
        k += i >> 20;
        var f = x - 1.0;
        double dk;
        double r;
        if ((0x000fffff & (2 + hx)) < 3)
        {
            // |f| < 2^-20.
            if (f == 0.0)
            {
                if (k == 0)
                {
                    return 0.0;
                }

                dk = k;
                return (dk * Ln2Hi) + (dk * Ln2Lo);
            }

            r = f * f * (0.5 - (0.33333333333333333 * f));
            if (k == 0)
            {
                return f - r;
            }

            dk = k;
            return (dk * Ln2Hi) - ((r - (dk * Ln2Lo)) - f);
        }

        var s = f / (2.0 + f);
        dk = k;
        var z = s * s;
        i = hx - 0x6147a;
        var w = z * z;
        var j = 0x6b851 - hx;
        var t1 = w * (Lg2 + (w * (Lg4 + (w * Lg6))));
        var t2 = z * (Lg1 + (w * (Lg3 + (w * (Lg5 + (w * Lg7))))));
        i |= j;
        r = t2 + t1;
        if (i > 0)
        {
            var hfsq = 0.5 * f * f;
            if (k == 0)
            {
                return f - (hfsq - (s * (hfsq + r)));
            }

            return (dk * Ln2Hi) - ((hfsq - ((s * (hfsq + r)) + (dk * Ln2Lo))) - f);
        }

        if (k == 0)
        {
            return f - (s * (f - r));
        }

        return (dk * Ln2Hi) - (((s * (f - r)) - (dk * Ln2Lo)) - f);
    }

    /// <summary>e raised to <paramref name="x"/> (fdlibm algorithm): +∞ above about 709.78, 0 below about −745.13.</summary>
    public static double Exp(double x)
    {
        var hxSigned = HighWord(x);
        var xsb = (hxSigned >> 31) & 1;
        var hx = hxSigned & 0x7fffffff;
        if (hx >= 0x40862E42)
        {
            // |x| >= 709.78: non-finite, overflow or underflow.
            if (hx >= 0x7ff00000)
            {
                if (((hx & 0xfffff) | (int)LowWord(x)) != 0)
                {
                    return x + x;
                }

                return xsb == 0 ? x : 0.0;
            }

            if (x > OverflowThreshold)
            {
                return double.PositiveInfinity;
            }

            if (x < UnderflowThreshold)
            {
                return 0.0;
            }
        }

        double hi = 0.0;
        double lo = 0.0;
        var k = 0;
        if (hx > 0x3fd62e42)
        {
            // |x| > 0.5 ln 2: reduce x = k ln2 + r with |r| <= 0.5 ln 2.
            if (hx < 0x3FF0A2B2)
            {
                hi = x - (xsb == 0 ? Ln2Hi : -Ln2Hi);
                lo = xsb == 0 ? Ln2Lo : -Ln2Lo;
                k = 1 - xsb - xsb;
            }
            else
            {
                k = (int)((InvLn2 * x) + (xsb == 0 ? 0.5 : -0.5));
                double t = k;
                hi = x - (t * Ln2Hi); // t * Ln2Hi is exact here.
                lo = t * Ln2Lo;
            }

            x = hi - lo;
        }
        else if (hx < 0x3e300000)
        {
            // |x| < 2^-28.
            return 1.0 + x;
        }

        var tt = x * x;
        var c = x - (tt * (P1 + (tt * (P2 + (tt * (P3 + (tt * (P4 + (tt * P5)))))))));
        if (k == 0)
        {
            return 1.0 - (((x * c) / (c - 2.0)) - x);
        }

        var y = 1.0 - ((lo - hi) - ((x * c) / (2.0 - c)));
        if (k >= -1021)
        {
            return WithHighWord(y, HighWord(y) + (k << 20));
        }

        return WithHighWord(y, HighWord(y) + ((k + 1000) << 20)) * TwoM1000;
    }

    private static int HighWord(double x) => (int)(BitConverter.DoubleToInt64Bits(x) >> 32);

    private static uint LowWord(double x) => (uint)BitConverter.DoubleToInt64Bits(x);

    private static double WithHighWord(double x, int high) =>
        BitConverter.Int64BitsToDouble((long)(((ulong)(uint)high << 32) | LowWord(x)));
}
