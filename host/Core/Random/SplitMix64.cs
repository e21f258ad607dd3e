namespace Dislocate.Core.Random;

/// <summary>The SplitMix64 generator and its 64-bit finaliser (Steele, Lea and Flood 2014; constants of Vigna's reference code).</summary>
/// <remarks>
/// Used to expand one 64-bit seed into generator states and to derive independent seeds. It is a
/// bijection on 64-bit values, so distinct inputs always give distinct outputs.
/// </remarks>
public static class SplitMix64
{
    /// <summary>The golden-ratio increment added to the state on every step.</summary>
    public const ulong Increment = 0x9E3779B97F4A7C15UL;

    /// <summary>Advances <paramref name="state"/> by one step and returns the next output.</summary>
    public static ulong Next(ref ulong state)
    {
        state += Increment;
        return Mix(state);
    }

    /// <summary>The SplitMix64 output function: a bijective 64-bit avalanche mixer.</summary>
    public static ulong Mix(ulong value)
    {
        var z = value;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
