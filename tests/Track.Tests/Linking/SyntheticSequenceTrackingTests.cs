using Dislocate.Contracts;
using Dislocate.Core.Geometry;
using Dislocate.Core.Skeletons;
using Dislocate.Synthetic.Settings;
using Dislocate.Synthetic.Streaming;
using Dislocate.Track.Linking;
using Xunit.Abstractions;

namespace Dislocate.Track.Tests.Linking;

/// <summary>Tracking scored against the generator's sequence mode, where mask k is dislocation k + 1 in every frame.</summary>
public class SyntheticSequenceTrackingTests(ITestOutputHelper output)
{
    private const int Frames = 20;

    // 256×256 scenes of one or two pileups of 3–6 dislocations 6–14 px apart gliding for 20 frames (the sequence mode:
    // jerky steps of 1–6 px along the slip traces, per-dislocation jitter, an empty mask once a line has left).
    private static readonly GeneratorSettings Settings = GeneratorSettings.Default with
    {
        Width = 256,
        Height = 256,
        Microstructure = GeneratorSettings.Default.Microstructure with
        {
            Pileups = new ValueRange(1, 2),
            PerPileup = new ValueRange(3, 6),
            SlipWidth = new ValueRange(60, 140),
            Spacing = new ValueRange(6, 14),
        },
        Sequence = SequenceSettings.Default with { Frames = Frames },
    };

    [Theory]
    [InlineData(2UL)]
    [InlineData(4UL)]
    [InlineData(9UL)]
    [InlineData(12UL)]
    public void A_gliding_pileup_is_tracked_without_identity_switches(ulong seed)
    {
        var frames = new SyntheticSampleSource(Settings, seed).GetFrames(0);
        Assert.Equal(Frames, frames.Count);

        // The scene really is a gliding pileup: at least 3 dislocations in one pileup, each moved ≥ 5 px.
        var pileup = frames[0].Recipe.Pileups.MaxBy(p => p.Dislocations.Count)!;
        Assert.True(pileup.Dislocations.Count >= 3, $"largest pileup has {pileup.Dislocations.Count} dislocations");

        var linker = new TrackLinker(LinkingOptions.Default);
        var observations = new List<ScoredObservation>();
        var first = new Dictionary<int, PointD>();
        var last = new Dictionary<int, PointD>();
        for (var f = 0; f < frames.Count; f++)
        {
            var sample = frames[f];
            var lines = new List<PointD[]>();
            var trueIds = new List<int>();
            for (var k = 0; k < sample.Masks.Count; k++)
            {
                var line = MaskLines.Extract(sample.Masks[k], sample.Image.Width, sample.Image.Height, MaskLineOptions.Default);
                if (line.Spline is null)
                {
                    continue;
                }

                var points = line.Resample(50);
                lines.Add(points);
                trueIds.Add(k + 1);
                first.TryAdd(k + 1, Polyline.Centroid(points));
                last[k + 1] = Polyline.Centroid(points);
            }

            var linked = linker.Add(f, lines);
            for (var j = 0; j < linked.Count; j++)
            {
                observations.Add(new ScoredObservation(f, linked[j].TrackId, trueIds[j]));
            }
        }

        foreach (var d in pileup.Dislocations)
        {
            Assert.True(first[d.Id].DistanceTo(last[d.Id]) >= 5, $"dislocation {d.Id} moved only {first[d.Id].DistanceTo(last[d.Id]):F1} px");
        }

        var score = TrackingScore.Compute(observations);
        output.WriteLine($"seed {seed}: pileups of {string.Join(", ", frames[0].Recipe.Pileups.Select(p => p.Dislocations.Count))}: {score}");
        Assert.True(score.TrueTracks >= 3);
        Assert.Equal(0, score.IdentitySwitches);
        Assert.Equal(0, score.Fragmentations);
        Assert.Equal(score.TrueTracks, score.PredictedTracks);
        Assert.Equal(1.0, score.IdAccuracy);
    }
}
