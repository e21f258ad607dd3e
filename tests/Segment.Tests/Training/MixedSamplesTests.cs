using Dislocate.Segment.Training;

namespace Dislocate.Segment.Tests.Training;

/// <summary>Real samples interleaved with synthetic ones for fine-tuning: the order, the ratio and the length.</summary>
public sealed class MixedSamplesTests
{
    [Fact]
    public void OneToOne_AlternatesTheTwoSets_EachCyclingThroughItsOwn()
    {
        var mixed = new MixedSamples(new Named("r", 2), new Named("s", 5));

        Assert.Equal(10, mixed.Count);
        Assert.Equal(new[] { "r0", "s0", "r1", "s1", "r0", "s2", "r1", "s3", "r0", "s4" }, Sources(mixed));
        Assert.Equal("r, interleaved with s", mixed.Description);
    }

    [Fact]
    public void ThreePerFirst_PutsThreeOfTheSecondAfterEachOfTheFirst_AndEverySampleComes()
    {
        var mixed = new MixedSamples(new Named("r", 2), new Named("s", 7), secondPerFirst: 3);

        // Three turns of four hold all seven of the second set; the first set cycles.
        Assert.Equal(12, mixed.Count);
        Assert.Equal(new[] { "r0", "s0", "s1", "s2", "r1", "s3", "s4", "s5", "r0", "s6", "s0", "s1" }, Sources(mixed));
        Assert.Equal("r, each followed by 3 of s", mixed.Description);

        // A first set larger than the second's turns sets the length instead.
        Assert.Equal(4 * 5, new MixedSamples(new Named("r", 5), new Named("s", 4), secondPerFirst: 3).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MixedSamples(new Named("r", 1), new Named("s", 1), secondPerFirst: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => mixed.Get(12));
    }

    private static List<string> Sources(MixedSamples mixed) =>
        Enumerable.Range(0, (int)mixed.Count).Select(i => mixed.Get(i).Source).ToList();

    // Samples that say only which set and index they are.
    private sealed class Named(string name, long count) : ITrainingSamples
    {
        public long Count => count;

        public string Description => name;

        public TrainingSample Get(long index) => new(1, 1, [0f], [], $"{name}{index}");
    }
}
