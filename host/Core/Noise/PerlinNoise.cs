using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using Dislocate.Core.Random;

namespace Dislocate.Core.Noise;

/// <summary>Two-dimensional improved Perlin gradient noise (Perlin 2002) with a seeded permutation.</summary>
/// <remarks>
/// <para>Lattice: integer points of noise space; the noise is 0 at every lattice point. Interpolation uses the
/// quintic fade 6t⁵ − 15t⁴ + 10t³. The permutation of 0..255 is the identity shuffled by
/// <c>new Rng(seed)</c> (Fisher–Yates), and corner (i, j) gets gradient number
/// <c>perm[(perm[i mod 256] + j mod 256)] mod 8</c>, so the pattern repeats every 256 lattice cells.</para>
/// <para>Gradient set: the eight vectors (±1, ±1), (±1, 0), (0, ±1), the two-dimensional analogue of Perlin's twelve
/// cube-edge gradients. With these the noise is bounded by 1 in magnitude (reached only at a cell centre whose four
/// corners all point at it); results are clamped to [−1, 1] so float rounding cannot exceed that bound.</para>
/// <para><see cref="Fill"/> works in float after computing every column's and row's lattice cell, offset and fade
/// in double; <see cref="Sample"/> is the all-double reference of the same function (they agree to about 1e-6).
/// Element-wise <see cref="Vector{T}"/> arithmetic evaluates the same expression per pixel as the scalar tail, so
/// results are identical for every vector width.</para>
/// </remarks>
public static class PerlinNoise
{
    /// <summary>Smallest accepted wavelength in pixels.</summary>
    public const double MinWavelength = 1.0;

    /// <summary>Largest accepted wavelength in pixels.</summary>
    public const double MaxWavelength = 10000.0;

    // Offsets beyond this would lose the sub-pixel precision of (x + offset) in double.
    private const double MaxOffset = 1e12;

    private static readonly float[] GradX = [1f, -1f, 1f, -1f, 1f, -1f, 0f, 0f];
    private static readonly float[] GradY = [1f, 1f, -1f, -1f, 0f, 0f, 1f, -1f];

    /// <summary>
    /// Writes noise for a <paramref name="width"/>×<paramref name="height"/> row-major image: pixel (x, y) gets the noise at
    /// ((x + <paramref name="offsetX"/>) / <paramref name="wavelength"/>, (y + <paramref name="offsetY"/>) / <paramref name="wavelength"/>).
    /// </summary>
    /// <param name="destination">Exactly width × height values.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="wavelength">Lattice spacing in pixels, 1 to 10000 (the dominant wavelength of the pattern).</param>
    /// <param name="seed">Seed of the permutation table.</param>
    /// <param name="offsetX">Shift of the sampling grid in pixels along x.</param>
    /// <param name="offsetY">Shift of the sampling grid in pixels along y.</param>
    public static void Fill(Span<float> destination, int width, int height, double wavelength, ulong seed, double offsetX = 0, double offsetY = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (destination.Length != (long)width * height)
        {
            throw new ArgumentException($"Expected {(long)width * height} values for {width}×{height}, got {destination.Length}.", nameof(destination));
        }

        ValidateWavelength(wavelength);
        ValidateOffset(offsetX, nameof(offsetX));
        ValidateOffset(offsetY, nameof(offsetY));

        Span<byte> perm = stackalloc byte[512];
        BuildPermutation(seed, perm);

        // Per-column lattice data, computed once in double; then per pixel only dot products and lerps remain.
        // Column arrays have one vector of padding: a run's last vector may read and write past its end (below).
        var pool = ArrayPool<float>.Shared;
        var colFx = pool.Rent(width + Vector<float>.Count);
        var colFx1 = pool.Rent(width + Vector<float>.Count);
        var colU = pool.Rent(width + Vector<float>.Count);
        var runStart = ArrayPool<int>.Shared.Rent(width + 1);
        var runCell = ArrayPool<int>.Shared.Rent(width);
        try
        {
            var runCount = 0;
            var previousCell = long.MinValue;
            for (var x = 0; x < width; x++)
            {
                var p = (x + offsetX) / wavelength;
                var floor = Math.Floor(p);
                var f = p - floor;
                colFx[x] = (float)f;
                colFx1[x] = (float)(f - 1.0);
                colU[x] = (float)Fade(f);
                var cell = (long)floor;
                if (cell != previousCell)
                {
                    runStart[runCount] = x;
                    runCell[runCount] = (int)(cell & 255);
                    runCount++;
                    previousCell = cell;
                }
            }

            runStart[runCount] = width;

            for (var y = 0; y < height; y++)
            {
                var py = (y + offsetY) / wavelength;
                var floorY = Math.Floor(py);
                var fyd = py - floorY;
                var cy = (int)((long)floorY & 255);
                var row = new RowContext(
                    cy,
                    (cy + 1) & 255,
                    (float)fyd,
                    (float)(fyd - 1.0),
                    (float)Fade(fyd));
                for (var r = 0; r < runCount; r++)
                {
                    FillRun(destination, y * width, runStart[r], runStart[r + 1], runCell[r], in row, perm, colFx, colFx1, colU);
                }
            }
        }
        finally
        {
            pool.Return(colFx);
            pool.Return(colFx1);
            pool.Return(colU);
            ArrayPool<int>.Shared.Return(runStart);
            ArrayPool<int>.Shared.Return(runCell);
        }
    }

    /// <summary>Reference single-point evaluation in double at noise-space coordinates (lattice units, not pixels).</summary>
    /// <remarks>Builds the permutation on every call, so it is slow; use <see cref="Fill"/> for images.</remarks>
    public static double Sample(double x, double y, ulong seed)
    {
        Span<byte> perm = stackalloc byte[512];
        BuildPermutation(seed, perm);
        var floorX = Math.Floor(x);
        var floorY = Math.Floor(y);
        var fx = x - floorX;
        var fy = y - floorY;
        var cx = (int)((long)floorX & 255);
        var cy = (int)((long)floorY & 255);
        var cx1 = (cx + 1) & 255;
        var cy1 = (cy + 1) & 255;
        var fx1 = fx - 1.0;
        var fy1 = fy - 1.0;
        var n00 = Dot(perm[perm[cx] + cy], fx, fy);
        var n10 = Dot(perm[perm[cx1] + cy], fx1, fy);
        var n01 = Dot(perm[perm[cx] + cy1], fx, fy1);
        var n11 = Dot(perm[perm[cx1] + cy1], fx1, fy1);
        var u = Fade(fx);
        var v = Fade(fy);
        var a = n00 + (u * (n10 - n00));
        var b = n01 + (u * (n11 - n01));
        return Math.Clamp(a + (v * (b - a)), -1.0, 1.0);
    }

    /// <summary>The fade curve 6t⁵ − 15t⁴ + 10t³ (Horner form).</summary>
    internal static double Fade(double t) => t * t * t * ((t * ((t * 6.0) - 15.0)) + 10.0);

    /// <summary>Fills the 512-entry doubled permutation table for <paramref name="seed"/>.</summary>
    internal static void BuildPermutation(ulong seed, Span<byte> perm)
    {
        for (var i = 0; i < 256; i++)
        {
            perm[i] = (byte)i;
        }

        new Rng(seed).Shuffle(perm[..256]);
        perm[..256].CopyTo(perm[256..]);
    }

    private static void ValidateWavelength(double wavelength)
    {
        if (!(wavelength >= MinWavelength && wavelength <= MaxWavelength))
        {
            throw new ArgumentOutOfRangeException(nameof(wavelength), wavelength, $"The wavelength must be in [{MinWavelength}, {MaxWavelength}] pixels.");
        }
    }

    private static void ValidateOffset(double offset, string name)
    {
        if (!(Math.Abs(offset) <= MaxOffset))
        {
            throw new ArgumentOutOfRangeException(name, offset, $"Offsets must be finite and at most {MaxOffset} in magnitude.");
        }
    }

    private static double Dot(int hash, double x, double y) => (GradX[hash & 7] * x) + (GradY[hash & 7] * y);

    /// <summary>
    /// Fills columns start … end − 1 of the row at <paramref name="rowOffset"/>, all in one lattice cell. Runs are a few
    /// pixels to a few hundred long, so whole vectors are written even past the run's end: the next run of the row
    /// (or the next row) is filled afterwards and overwrites those values. Only where a vector would leave the image
    /// does the scalar loop finish. Every lane and the scalar loop evaluate the same expression, so the values do not
    /// depend on the vector width.
    /// </summary>
    private static void FillRun(
        Span<float> destination,
        int rowOffset,
        int start,
        int end,
        int cx,
        in RowContext row,
        ReadOnlySpan<byte> perm,
        float[] colFx,
        float[] colFx1,
        float[] colU)
    {
        var cx1 = (cx + 1) & 255;
        var h00 = perm[perm[cx] + row.Cy] & 7;
        var h10 = perm[perm[cx1] + row.Cy] & 7;
        var h01 = perm[perm[cx] + row.Cy1] & 7;
        var h11 = perm[perm[cx1] + row.Cy1] & 7;

        // Across a run the corner gradients and the y parts of the dot products are constant.
        var g00 = GradX[h00];
        var g10 = GradX[h10];
        var g01 = GradX[h01];
        var g11 = GradX[h11];
        var c00 = GradY[h00] * row.Fy;
        var c10 = GradY[h10] * row.Fy;
        var c01 = GradY[h01] * row.Fy1;
        var c11 = GradY[h11] * row.Fy1;
        var v = row.V;

        var x = start;
        ref var dest = ref MemoryMarshal.GetReference(destination);
        var room = destination.Length - rowOffset; // columns that may be written from this row on
        if (Vector.IsHardwareAccelerated)
        {
            var vg00 = new Vector<float>(g00);
            var vg10 = new Vector<float>(g10);
            var vg01 = new Vector<float>(g01);
            var vg11 = new Vector<float>(g11);
            var vc00 = new Vector<float>(c00);
            var vc10 = new Vector<float>(c10);
            var vc01 = new Vector<float>(c01);
            var vc11 = new Vector<float>(c11);
            var vv = new Vector<float>(v);
            for (; x < end && x + Vector<float>.Count <= room; x += Vector<float>.Count)
            {
                var fx = new Vector<float>(colFx, x);
                var fx1 = new Vector<float>(colFx1, x);
                var u = new Vector<float>(colU, x);
                var n00 = (vg00 * fx) + vc00;
                var n10 = (vg10 * fx1) + vc10;
                var n01 = (vg01 * fx) + vc01;
                var n11 = (vg11 * fx1) + vc11;
                var a = n00 + (u * (n10 - n00));
                var b = n01 + (u * (n11 - n01));
                var value = a + (vv * (b - a));
                Vector.Min(Vector.Max(value, -Vector<float>.One), Vector<float>.One).StoreUnsafe(ref dest, (nuint)(rowOffset + x));
            }
        }

        // Scalar: the same operations in the same order as one vector lane.
        for (; x < end; x++)
        {
            var fx = colFx[x];
            var fx1 = colFx1[x];
            var u = colU[x];
            var n00 = (g00 * fx) + c00;
            var n10 = (g10 * fx1) + c10;
            var n01 = (g01 * fx) + c01;
            var n11 = (g11 * fx1) + c11;
            var a = n00 + (u * (n10 - n00));
            var b = n01 + (u * (n11 - n01));
            var value = a + (v * (b - a));
            destination[rowOffset + x] = Math.Min(Math.Max(value, -1f), 1f);
        }
    }

    private readonly record struct RowContext(int Cy, int Cy1, float Fy, float Fy1, float V);
}
