using Dislocate.Contracts;
using Dislocate.Core.Geometry;
using Dislocate.Synthetic.Microstructure;
using Dislocate.Synthetic.Sequences;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Tests.Sequences;

public class SequenceTests
{
    private static readonly GeneratorSettings Settings = TestData.Small with
    {
        Width = 160,
        Height = 160,
        Sequence = SequenceSettings.Default with { Frames = 12, GoProbability = 0.5, Step = new ValueRange(2, 4), StepJitter = ValueRange.Fixed(0) },
    };

    [Fact]
    public void Pileups_GlideAlongTheirTraces_JerkilyAndOneWay_WithConstantIds()
    {
        var frames = SequenceSampler.Sample(Settings, 3, null);
        Assert.Equal(12, frames.Count);
        var ids = frames[0].Dislocations.Select(d => d.Id).ToArray();
        var stops = 0;
        var moves = 0;
        foreach (var (pileup, p) in frames[0].Pileups.Select((p, i) => (p, i)))
        {
            var t = PileupGeometry.Direction(pileup.AngleDegrees);
            var n = PileupGeometry.Normal(pileup.AngleDegrees);
            var lead = pileup.Dislocations[0];
            var previous = 0.0;
            for (var f = 1; f < frames.Count; f++)
            {
                Assert.Equal(ids, frames[f].Dislocations.Select(d => d.Id));
                var moved = frames[f].Pileups[p].Dislocations[0];
                var delta = new PointD(moved.X[0] - lead.X[0], moved.Y[0] - lead.Y[0]);
                Assert.Equal(0, delta.Dot(n), 9); // Glide stays on the slip plane: no motion across the traces.
                var along = -pileup.GlideSign * delta.Dot(t);
                var step = along - previous;
                Assert.True(step == 0 || step is >= 2 - 1e-9 and <= 4 + 1e-9, $"step {step}");
                if (step == 0)
                {
                    stops++;
                }
                else
                {
                    moves++;
                }

                previous = along;
            }
        }

        Assert.True(stops > 0 && moves > 0, $"jerky motion needs both stops ({stops}) and moves ({moves})");
    }

    [Fact]
    public void Background_Drifts_AndGetsFreshWhiteNoise()
    {
        var frames = SequenceSampler.Sample(Settings, 4, null);
        Assert.Equal(0, frames[0].Background.OffsetX);
        Assert.NotEqual(0, frames[5].Background.OffsetX);
        Assert.Equal(frames[0].Background.PerlinSeed, frames[5].Background.PerlinSeed);
        Assert.NotEqual(frames[0].Background.WhiteNoiseSeed, frames[5].Background.WhiteNoiseSeed);
    }
}
