namespace Dislocate.Core.Random;

/// <summary>Derives independent sub-seeds from one master seed, so every random consumer gets its own stream.</summary>
/// <remarks>
/// <c>Derive(seed, stream) = Mix(seed + Mix(stream ^ K))</c> with SplitMix64's <c>Mix</c> and a fixed constant K.
/// Both steps are bijections, so for a fixed seed different streams always give different sub-seeds.
/// String purposes are hashed with 64-bit FNV-1a over the UTF-16 code units (one step per code unit),
/// which is independent of culture, platform and process (unlike <see cref="string.GetHashCode()"/>).
/// </remarks>
public static class SeedDerivation
{
    // Distinguishes derived streams from a plain SplitMix64 sequence started at the same seed.
    private const ulong StreamKey = 0xD1B54A32D192ED03UL;

    private const ulong FnvOffsetBasis = 0xCBF29CE484222325UL;
    private const ulong FnvPrime = 0x00000100000001B3UL;

    /// <summary>The sub-seed for numbered stream <paramref name="stream"/> of <paramref name="seed"/>.</summary>
    public static ulong Derive(ulong seed, ulong stream) =>
        SplitMix64.Mix(seed + SplitMix64.Mix(stream ^ StreamKey));

    /// <summary>The sub-seed for a named purpose (for example "background.perlin1") of <paramref name="seed"/>.</summary>
    public static ulong Derive(ulong seed, string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        return Derive(seed, Hash(purpose));
    }

    /// <summary>64-bit FNV-1a over the UTF-16 code units of <paramref name="text"/>.</summary>
    public static ulong Hash(ReadOnlySpan<char> text)
    {
        var hash = FnvOffsetBasis;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= FnvPrime;
        }

        return hash;
    }
}
