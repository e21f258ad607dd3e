using Dislocate.Core.Random;
using Dislocate.Synthetic.Backgrounds;
using Dislocate.Synthetic.Microstructure;
using Dislocate.Synthetic.Recipes;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Sequences;

/// <summary>
/// Makes a time series (beyond the paper): frame 0 is an ordinary recipe; in each later frame every pileup glides
/// along its slip traces by a jerky step (it moves with probability go_probability, by a step drawn from 'step'),
/// each dislocation adds its own small step jitter, the background drifts by a random walk and gets fresh white
/// noise. Dislocations keep their instance ids even when they glide out of the image (their mask is then empty).
/// </summary>
public static class SequenceSampler
{
    /// <summary>Samples the recipes of all frames for one sample seed.</summary>
    public static IReadOnlyList<ImageRecipe> Sample(GeneratorSettings settings, ulong seed, BackgroundLibrary? library)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var first = RecipeSampler.Sample(settings, seed, library);
        var frames = new List<ImageRecipe>(settings.Sequence.Frames) { first };
        var q = settings.Sequence;
        var motion = new Rng(SeedDerivation.Derive(seed, "motion"));
        var glide = new double[first.Pileups.Count];
        var own = first.Dislocations.ToDictionary(d => d.Id, _ => 0.0);
        double driftX = 0, driftY = 0;
        for (var f = 1; f < q.Frames; f++)
        {
            for (var p = 0; p < glide.Length; p++)
            {
                if (motion.Chance(q.GoProbability))
                {
                    glide[p] += motion.Draw(q.Step);
                }
            }

            foreach (var id in own.Keys.ToArray())
            {
                own[id] += motion.Draw(q.StepJitter);
            }

            driftX += motion.Draw(q.Drift);
            driftY += motion.Draw(q.Drift);
            frames.Add(Frame(first, f, glide, own, driftX, driftY));
        }

        return frames;
    }

    private static ImageRecipe Frame(ImageRecipe first, int frame, double[] glide, Dictionary<int, double> own, double driftX, double driftY)
    {
        var pileups = new List<PileupRecipe>(first.Pileups.Count);
        for (var p = 0; p < first.Pileups.Count; p++)
        {
            var pileup = first.Pileups[p];
            var t = PileupGeometry.Direction(pileup.AngleDegrees);
            var moved = pileup.Dislocations.Select(d =>
            {
                // The pileup's leading end is p0 and followers lie on the GlideSign side; gliding moves the
                // whole pileup away from its followers, i.e. along −GlideSign·t.
                var shift = -pileup.GlideSign * (glide[p] + own[d.Id]);
                return d with
                {
                    X = d.X.Select(x => x + (shift * t.X)).ToArray(),
                    Y = d.Y.Select(y => y + (shift * t.Y)).ToArray(),
                };
            }).ToList();
            pileups.Add(pileup with { Dislocations = moved });
        }

        var b = first.Background;
        var layers = b.Layers.Select(l => l with
        {
            X = Math.Max(0, l.X + (int)Math.Round(driftX)),
            Y = Math.Max(0, l.Y + (int)Math.Round(driftY)),
        }).ToList();
        var background = b with
        {
            WhiteNoiseSeed = SeedDerivation.Derive(b.WhiteNoiseSeed, (ulong)frame),
            OffsetX = driftX,
            OffsetY = driftY,
            Layers = layers,
        };
        return first with { Background = background, Pileups = pileups };
    }
}
