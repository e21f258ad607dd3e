using Dislocate.Contracts;
using Dislocate.Segment.Training;
using Dislocate.Synthetic.Settings;
using Dislocate.Synthetic.Streaming;

namespace Dislocate.Segment.Tests.Training;

/// <summary>Presets mixed for training: their images alternate, and each index keeps its image.</summary>
public sealed class InterleavedSampleSourceTests
{
    private static readonly GeneratorSettings Wide = TinySynthetic.Settings with { Width = 96 };

    [Fact]
    public void Render_TakesTheSourcesInTurn_EachAtItsOwnNextIndex()
    {
        ISampleSource a = new SyntheticSampleSource(TinySynthetic.Settings, 11, "a");
        ISampleSource b = new SyntheticSampleSource(Wide, 12, "b");
        var mixed = new InterleavedSampleSource([a, b]);

        Assert.Equal(a.Render(0).Pixels, mixed.Render(0).Pixels);
        Assert.Equal(b.Render(0).Pixels, mixed.Render(1).Pixels);
        Assert.Equal(a.Render(1).Pixels, mixed.Render(2).Pixels);
        Assert.Equal(b.Render(3).Pixels, mixed.Render(7).Pixels);
        Assert.Equal((64, 96), (mixed.Render(0).Width, mixed.Render(1).Width));
        Assert.Equal($"{a.Description} | {b.Description} (in turn)", mixed.Description);
    }

    [Fact]
    public void DisjointRanges_StayDisjoint_SoTrainingAndTestNeverShareAnImage()
    {
        ISampleSource a = new SyntheticSampleSource(TinySynthetic.Settings, 11, "a");
        ISampleSource b = new SyntheticSampleSource(TinySynthetic.Settings, 11, "b");
        var mixed = new InterleavedSampleSource([a, b]);
        var train = new StreamedSamples(mixed, 0, 6);
        var test = new StreamedSamples(mixed, 6, 4);

        var trainImages = Enumerable.Range(0, 6).Select(i => train.Get(i).Image).ToList();
        var testImages = Enumerable.Range(0, 4).Select(i => test.Get(i).Image).ToList();

        // Both sources are the same stream here, so a shared member index would show as a shared image.
        Assert.All(testImages, t => Assert.DoesNotContain(trainImages, p => p.AsSpan().SequenceEqual(t)));
        Assert.Equal(a.Render(3).Pixels, testImages[0]);
    }

    [Fact]
    public void NoSources_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new InterleavedSampleSource([]));
    }
}
