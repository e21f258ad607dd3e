using System.Globalization;
using Dislocate.Contracts;

namespace Dislocate.Core.Jobs;

/// <summary>Part <see cref="Index"/> of <see cref="Count"/> of a job array: it owns the sample indices i with i mod Count = Index.</summary>
/// <param name="Index">This shard, 0-based.</param>
/// <param name="Count">Number of shards.</param>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>The whole set.</summary>
    public static Shard All => new(0, 1);

    /// <summary>True when this shard produces sample <paramref name="sampleIndex"/>.</summary>
    public bool Owns(long sampleIndex) => sampleIndex % this.Count == this.Index;

    /// <summary>Parses <c>i/N</c> with 0 ≤ i &lt; N; throws <see cref="ParameterException"/> for the key <c>shard</c>.</summary>
    public static Shard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || n < 1 || i >= n)
        {
            throw new ParameterException("shard", $"'{text}' is not i/N with 0 ≤ i < N (e.g. 0/4 for the first of four jobs)");
        }

        return new Shard(i, n);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{this.Index}/{this.Count}");
}
