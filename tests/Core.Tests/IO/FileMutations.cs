namespace Dislocate.Core.Tests.IO;

/// <summary>
/// The hostile-input suites' file mutations: truncation, bit flips, extreme 32-bit fields, zeroed and random blocks,
/// appended garbage, another file's header. Shared as a linked source with the model-file suite (Segment.Tests).
/// </summary>
internal static class FileMutations
{
    /// <summary>One seeded mutation of <paramref name="source"/>, named for the report; <paramref name="seeds"/> lend other files' headers.</summary>
    public static (string Mutation, byte[] Bytes) Mutate(byte[] source, IReadOnlyList<(string Name, byte[] Bytes)> seeds, System.Random rng)
    {
        var bytes = (byte[])source.Clone();
        switch (rng.Next(7))
        {
            case 0:
                var cut = rng.Next(0, bytes.Length);
                return ($"truncated to {cut}", bytes[..cut]);
            case 1:
                var flips = rng.Next(1, 9);
                for (var i = 0; i < flips; i++)
                {
                    bytes[rng.Next(Math.Min(bytes.Length, rng.Next(2) == 0 ? 512 : bytes.Length))] ^= (byte)(1 << rng.Next(8));
                }

                return ($"{flips} bit flips", bytes);
            case 2:
                uint[] extremes = [0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFF, 65536];
                var at = rng.Next(Math.Max(1, Math.Min(bytes.Length - 4, 1024)));
                BitConverter.TryWriteBytes(bytes.AsSpan(at), extremes[rng.Next(extremes.Length)]);
                return ($"extreme field at {at}", bytes);
            case 3:
                var start = rng.Next(bytes.Length);
                var length = Math.Min(bytes.Length - start, rng.Next(1, 256));
                bytes.AsSpan(start, length).Clear();
                return ($"{length} bytes zeroed at {start}", bytes);
            case 4:
                var from = rng.Next(bytes.Length);
                var size = Math.Min(bytes.Length - from, rng.Next(1, 4096));
                rng.NextBytes(bytes.AsSpan(from, size));
                return ($"{size} random bytes at {from}", bytes);
            case 5:
                var tail = new byte[rng.Next(1, 100_000)];
                rng.NextBytes(tail);
                return ($"{tail.Length} bytes appended", [.. bytes, .. tail]);
            default:
                var other = seeds[rng.Next(seeds.Count)].Bytes;
                var header = Math.Min(other.Length, rng.Next(8, 256));
                other.AsSpan(0, Math.Min(header, bytes.Length)).CopyTo(bytes);
                return ($"another file's first {header} bytes", bytes);
        }
    }
}
