using Dislocate.Contracts;
using Dislocate.Core.Geometry;
using Dislocate.Core.Random;
using Dislocate.Synthetic.Backgrounds;
using Dislocate.Synthetic.Microstructure;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Recipes;

/// <summary>
/// Turns settings and a seed into a concrete <see cref="ImageRecipe"/>. All randomness of a sample happens here,
/// from independent streams derived from the seed (background, geometry, drawing), so adding a parameter to one
/// stream does not change the others.
/// </summary>
public static class RecipeSampler
{
    private const int MaxAttempts = 200;

    /// <summary>Samples one image recipe; <paramref name="library"/> is required for real backgrounds.</summary>
    public static ImageRecipe Sample(GeneratorSettings settings, ulong seed, BackgroundLibrary? library)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var background = SampleBackground(settings, seed, library);
        var geometry = new Rng(SeedDerivation.Derive(seed, "geometry"));
        var drawing = new Rng(SeedDerivation.Derive(seed, "drawing"));
        var m = settings.Microstructure;
        var pileupCount = Math.Max(1, EmpiricalSampling.Pileups(geometry, m));
        var pileups = new List<PileupRecipe>();
        var nextId = 1;
        for (var attempt = 0; attempt < MaxAttempts && (pileups.Count < pileupCount || nextId == 1) && nextId <= m.MaxDislocations; attempt++)
        {
            var pileup = SamplePileup(settings, geometry, drawing, ref nextId);
            if (pileup is not null)
            {
                pileups.Add(pileup);
            }
        }

        if (nextId == 1)
        {
            throw new ParameterException(SettingsKeys.SlipWidth, $"no dislocation of at least {m.MinLength} px fits a {settings.Width}×{settings.Height} image with these settings; lower min_length or slip_width");
        }

        return new ImageRecipe(settings.Width, settings.Height, seed, background, pileups, settings.Drawing.Profile, settings.Drawing.MaskWidth);
    }

    /// <summary>Samples the background parameters and, for real backgrounds, the crop layers.</summary>
    public static BackgroundRecipe SampleBackground(GeneratorSettings settings, ulong seed, BackgroundLibrary? library)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var b = settings.Background;
        var rng = new Rng(SeedDerivation.Derive(seed, "background"));
        var perlinSeed = rng.NextULong();
        var whiteSeed = rng.NextULong();
        var l1 = rng.Draw(b.Wavelength1);
        var l2 = rng.Draw(b.Wavelength2);
        var wp = rng.Draw(b.PerlinWeight);
        var ww = rng.Draw(b.WhiteWeight);
        var s1 = rng.Draw(b.Sigma1);
        var rn = rng.Draw(b.NoiseRatio);
        var s2 = rng.Draw(b.Sigma2);
        var layers = new List<BackgroundLayer>();
        if (b.Kind == BackgroundKind.Real)
        {
            if (library is null)
            {
                throw new InvalidOperationException("A real background needs a background library.");
            }

            var count = Math.Max(1, rng.DrawWhole(b.Layers));
            for (var i = 0; i < count; i++)
            {
                var file = library.Files[rng.NextInt(0, library.Files.Count)];
                var (image, sha) = library.Get(file);
                var scale = Math.Max(1.0, Math.Max((double)settings.Width / image.Width, (double)settings.Height / image.Height));
                var scaledW = (int)Math.Floor(image.Width * scale);
                var scaledH = (int)Math.Floor(image.Height * scale);
                var x = rng.NextInt(0, Math.Max(1, scaledW - settings.Width + 1));
                var y = rng.NextInt(0, Math.Max(1, scaledH - settings.Height + 1));
                var opacity = i == 0 ? 1.0 : rng.Draw(b.Opacity);
                layers.Add(new BackgroundLayer(file, sha, x, y, scale, rng.Chance(0.5), rng.Chance(0.5), opacity));
            }
        }

        return new BackgroundRecipe(b.Kind, perlinSeed, whiteSeed, l1, l2, wp, ww, s1, rn, s2, 0, 0, layers);
    }

    private static PileupRecipe? SamplePileup(GeneratorSettings settings, Rng geometry, Rng drawing, ref int nextId)
    {
        var m = settings.Microstructure;
        var w = settings.Width;
        var h = settings.Height;
        var angle = EmpiricalSampling.Angle(geometry, m);
        var slipWidth = EmpiricalSampling.SlipWidth(geometry, m);
        var t = PileupGeometry.Direction(angle);
        var n = PileupGeometry.Normal(angle);

        // The band's centre lies in the inner 80 % of the image, p0 on trace A half a slip width away.
        var centre = new PointD(geometry.Uniform(0.1 * w, 0.9 * w), geometry.Uniform(0.1 * h, 0.9 * h));
        var p0 = centre - (n * (slipWidth / 2));
        var sign = geometry.Chance(0.5) ? 1 : -1;
        var skew = geometry.Draw(m.Skew) * slipWidth;
        var end = p0 + (n * slipWidth) + (t * skew);
        var leader = PileupGeometry.FirstLine(geometry, p0, end, m);
        var wanted = Math.Max(1, EmpiricalSampling.PerPileup(geometry, m));
        var dislocations = new List<DislocationRecipe>();
        var shift = 0.0;
        for (var k = 0; k < wanted && nextId <= m.MaxDislocations; k++)
        {
            if (k > 0)
            {
                shift += EmpiricalSampling.Spacing(geometry, m);
            }

            var points = k == 0 ? leader : PileupGeometry.Follower(geometry, leader, t, sign * shift, m);
            if (PileupGeometry.VisibleLength(points, w, h) < m.MinLength)
            {
                continue;
            }

            dislocations.Add(Dislocation(drawing, settings.Drawing, nextId++, points));
        }

        if (dislocations.Count == 0)
        {
            return null;
        }

        var traces = Traces(drawing, m, p0, p0 + (n * slipWidth), angle);
        return new PileupRecipe(angle, slipWidth, p0.X, p0.Y, sign, traces, dislocations);
    }

    /// <summary>A dislocation through <paramref name="points"/> with its drawing parameters drawn from the settings.</summary>
    internal static DislocationRecipe Dislocation(Rng drawing, DrawingSettings d, int id, IReadOnlyList<PointD> points) => new(
        id,
        points.Select(p => p.X).ToArray(),
        points.Select(p => p.Y).ToArray(),
        drawing.Draw(d.LineWidth),
        drawing.Draw(d.Contrast),
        drawing.Draw(d.FringeStrength));

    /// <summary>With probability trace_probability, the two slip traces through <paramref name="onA"/> and <paramref name="onB"/>; else none.</summary>
    internal static List<TraceRecipe> Traces(Rng drawing, MicrostructureSettings m, PointD onA, PointD onB, double angle)
    {
        if (!drawing.Chance(m.TraceProbability))
        {
            return [];
        }

        var contrast = drawing.Draw(m.TraceContrast);
        var width = drawing.Draw(m.TraceWidth);
        return [new TraceRecipe(onA.X, onA.Y, angle, contrast, width), new TraceRecipe(onB.X, onB.Y, angle, contrast, width)];
    }
}
