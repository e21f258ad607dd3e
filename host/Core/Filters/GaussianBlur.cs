using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Dislocate.Core.Filters;

/// <summary>Separable Gaussian blur with scipy.ndimage's 'reflect' border, as in scipy.ndimage.gaussian_filter(mode='reflect').</summary>
/// <remarks>
/// <para>The kernel comes from <see cref="GaussianKernel.Create"/>. Rows are filtered horizontally into a ring of 2r + 1
/// rows and each output row is filtered vertically from the ring as soon as its rows are there (for images shorter
/// than the kernel, a whole horizontal pass into a scratch image comes first); source and destination may be the same
/// (or overlapping) buffers.
/// Borders extend the image by reflection about the edge (d c b a | a b c d | d c b a), periodically for images
/// smaller than the kernel.</para>
/// <para>Every output is <c>w₀·c + w₁·(l₁ + r₁) + … + w_r·(l_r + r_r)</c> in float, evaluated left to right. The vector
/// path (element-wise <see cref="Vector{T}"/>) and the scalar tail evaluate this same expression per pixel, so results are
/// identical for every vector width and machine. scipy pairs taps the same way but accumulates in double and filters
/// the vertical axis first, so results agree with scipy to float rounding, not bit for bit.</para>
/// </remarks>
public static class GaussianBlur
{
    /// <summary>Blurs a width × height row-major image with standard deviation <paramref name="sigma"/> pixels.</summary>
    public static void Apply(ReadOnlySpan<float> source, Span<float> destination, int width, int height, double sigma, double truncate = 4.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var count = (long)width * height;
        if (source.Length != count || destination.Length != count)
        {
            throw new ArgumentException($"Source and destination must hold {count} values for {width}×{height}.", nameof(destination));
        }

        var kernel = GaussianKernel.Create(sigma, truncate);
        var radius = kernel.Length / 2;
        if (radius == 0)
        {
            source.CopyTo(destination);
            return;
        }

        // Taps from the centre outwards: half[0] = centre weight, half[k] = weight at distance k.
        var half = kernel.AsSpan(radius);
        if (height >= (2 * radius) + 1 && !(source.Overlaps(destination, out var offset) && offset != 0))
        {
            ApplyStreaming(source, destination, width, height, half);
        }
        else
        {
            ApplyTwoPass(source, destination, width, height, half);
        }
    }

    /// <summary>
    /// Horizontal rows are made one at a time into a ring of 2r + 1 rows and each output row is made as soon as the
    /// rows it needs are there: the intermediate image stays in cache. Every output row y needs the horizontal rows
    /// y − r … y + r (reflected), and when it is written the source rows up to y + r have been read, so the
    /// destination may be the source. Needs height ≥ 2r + 1, so that reflected rows are still in the ring.
    /// </summary>
    private static void ApplyStreaming(ReadOnlySpan<float> source, Span<float> destination, int width, int height, ReadOnlySpan<float> half)
    {
        var radius = half.Length - 1;
        var window = (2 * radius) + 1;
        var ring = ArrayPool<float>.Shared.Rent(window * width);
        var padded = ArrayPool<float>.Shared.Rent(width + (2 * radius));
        var rowIndex = ArrayPool<int>.Shared.Rent(window);
        try
        {
            var pad = padded.AsSpan(0, width + (2 * radius));
            var rows = rowIndex.AsSpan(0, window);
            var made = 0; // horizontal rows made so far: source rows 0 … made − 1
            for (var y = 0; y < height; y++)
            {
                for (var last = Math.Min(height - 1, y + radius); made <= last; made++)
                {
                    HorizontalRow(source.Slice(made * width, width), pad, radius, ring.AsSpan((made % window) * width, width), half);
                }

                for (var j = 0; j < window; j++)
                {
                    rows[j] = (Reflect(y - radius + j, height) % window) * width;
                }

                VerticalRow(ring.AsSpan(0, window * width), rows, half, destination.Slice(y * width, width));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(ring);
            ArrayPool<float>.Shared.Return(padded);
            ArrayPool<int>.Shared.Return(rowIndex);
        }
    }

    /// <summary>The whole horizontal pass into a scratch image, then the vertical pass: for images shorter than the kernel, whose reflections repeat.</summary>
    private static void ApplyTwoPass(ReadOnlySpan<float> source, Span<float> destination, int width, int height, ReadOnlySpan<float> half)
    {
        var radius = half.Length - 1;
        var count = width * height;
        var scratch = ArrayPool<float>.Shared.Rent(count);
        var padded = ArrayPool<float>.Shared.Rent(width + (2 * radius));
        var rowIndex = ArrayPool<int>.Shared.Rent(height + (2 * radius));
        try
        {
            var temp = scratch.AsSpan(0, count);
            var pad = padded.AsSpan(0, width + (2 * radius));
            for (var y = 0; y < height; y++)
            {
                HorizontalRow(source.Slice(y * width, width), pad, radius, temp.Slice(y * width, width), half);
            }

            // Vertical pass: row y uses rows Reflect(y ± k); rows[j] is the start offset of the source row for padded row j.
            var rows = rowIndex.AsSpan(0, height + (2 * radius));
            for (var j = 0; j < rows.Length; j++)
            {
                rows[j] = Reflect(j - radius, height) * width;
            }

            for (var y = 0; y < height; y++)
            {
                VerticalRow(temp, rows.Slice(y, (2 * radius) + 1), half, destination.Slice(y * width, width));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
            ArrayPool<float>.Shared.Return(padded);
            ArrayPool<int>.Shared.Return(rowIndex);
        }
    }

    // One source row, reflected into the padded buffer, filtered horizontally into output.
    private static void HorizontalRow(ReadOnlySpan<float> src, Span<float> pad, int radius, Span<float> output, ReadOnlySpan<float> half)
    {
        var width = src.Length;
        src.CopyTo(pad[radius..]);
        for (var i = 0; i < radius; i++)
        {
            pad[i] = src[Reflect(i - radius, width)];
            pad[radius + width + i] = src[Reflect(width + i, width)];
        }

        // Output x has its centre tap at pad[x + radius].
        Convolve(pad, radius, output, half);
    }

    /// <summary>scipy's 'reflect' extension: index <paramref name="i"/> mapped into [0, n), period 2n, edge sample repeated.</summary>
    internal static int Reflect(int i, int n)
    {
        var period = 2 * n;
        var m = i % period;
        if (m < 0)
        {
            m += period;
        }

        return m < n ? m : period - 1 - m;
    }

    // 1-D symmetric convolution of a padded row: out[x] = h0·p[x+r] + Σk hk·(p[x+r−k] + p[x+r+k]).
    private static void Convolve(ReadOnlySpan<float> pad, int radius, Span<float> output, ReadOnlySpan<float> half)
    {
        var width = output.Length;
        var x = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var n = Vector<float>.Count;
            ref var p = ref MemoryMarshal.GetReference(pad);
            ref var o = ref MemoryMarshal.GetReference(output);
            for (; x <= width - n; x += n)
            {
                var c = (nuint)(x + radius);
                var acc = new Vector<float>(half[0]) * Vector.LoadUnsafe(ref p, c);
                for (var k = 1; k <= radius; k++)
                {
                    var pair = Vector.LoadUnsafe(ref p, c - (nuint)k) + Vector.LoadUnsafe(ref p, c + (nuint)k);
                    acc += new Vector<float>(half[k]) * pair;
                }

                acc.StoreUnsafe(ref o, (nuint)x);
            }
        }

        for (; x < width; x++)
        {
            var c = x + radius;
            var acc = half[0] * pad[c];
            for (var k = 1; k <= radius; k++)
            {
                acc += half[k] * (pad[c - k] + pad[c + k]);
            }

            output[x] = acc;
        }
    }

    // out[x] = h0·R(y)[x] + Σk hk·(R(y−k)[x] + R(y+k)[x]), with rows = the 2r + 1 source row offsets for y−r..y+r.
    private static void VerticalRow(ReadOnlySpan<float> temp, ReadOnlySpan<int> rows, ReadOnlySpan<float> half, Span<float> output)
    {
        var width = output.Length;
        var radius = half.Length - 1;
        var centre = rows[radius];
        ref var t = ref MemoryMarshal.GetReference(temp);
        var x = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var n = Vector<float>.Count;
            ref var o = ref MemoryMarshal.GetReference(output);
            for (; x <= width - n; x += n)
            {
                var acc = new Vector<float>(half[0]) * Vector.LoadUnsafe(ref t, (nuint)(centre + x));
                for (var k = 1; k <= radius; k++)
                {
                    var up = (nuint)(rows[radius - k] + x);
                    var down = (nuint)(rows[radius + k] + x);
                    acc += new Vector<float>(half[k]) * (Vector.LoadUnsafe(ref t, up) + Vector.LoadUnsafe(ref t, down));
                }

                acc.StoreUnsafe(ref o, (nuint)x);
            }
        }

        for (; x < width; x++)
        {
            var acc = half[0] * temp[centre + x];
            for (var k = 1; k <= radius; k++)
            {
                acc += half[k] * (temp[rows[radius - k] + x] + temp[rows[radius + k] + x]);
            }

            output[x] = acc;
        }
    }
}
