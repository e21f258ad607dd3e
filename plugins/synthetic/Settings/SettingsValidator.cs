using System.Globalization;
using Dislocate.Contracts;

namespace Dislocate.Synthetic.Settings;

/// <summary>Checks settings for out-of-range and contradictory values; errors name the parameter key the user typed.</summary>
public static class SettingsValidator
{
    /// <summary>Throws <see cref="ParameterException"/> for the first problem found.</summary>
    public static void Validate(GeneratorSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        Check(s.Width is >= 32 and <= 16384, SettingsKeys.Width, $"{s.Width} must be 32..16384");
        Check(s.Height is >= 32 and <= 16384, SettingsKeys.Height, $"{s.Height} must be 32..16384");

        var b = s.Background;
        Within(b.Wavelength1, 1, 10000, SettingsKeys.Wavelength1);
        Within(b.Wavelength2, 1, 10000, SettingsKeys.Wavelength2);
        Within(b.PerlinWeight, 0, 10, SettingsKeys.PerlinWeight);
        Within(b.WhiteWeight, 0, 10, SettingsKeys.WhiteWeight);
        Within(b.Sigma1, 0, 50, SettingsKeys.Sigma1);
        Within(b.NoiseRatio, 0, 10, SettingsKeys.NoiseRatio);
        Within(b.Sigma2, 0, 50, SettingsKeys.Sigma2);
        Within(b.Layers, 1, 16, SettingsKeys.Layers);
        Within(b.Opacity, 0, 1, SettingsKeys.Opacity);
        Check(b.Kind != BackgroundKind.Real || !string.IsNullOrEmpty(b.Folder), SettingsKeys.Backgrounds, "background=real needs a folder of background images (backgrounds=<folder>)");

        var m = s.Microstructure;
        Within(m.Pileups, 1, 100, SettingsKeys.Pileups);
        Within(m.PerPileup, 1, 100, SettingsKeys.PerPileup);
        Check(m.MaxDislocations is >= 1 and <= 255, SettingsKeys.MaxDislocations, $"{m.MaxDislocations} must be 1..255");
        Within(m.Angle, -360, 360, SettingsKeys.Angle);
        Within(m.SlipWidth, 1, 100000, SettingsKeys.SlipWidth);
        Within(m.Spacing, 0, 100000, SettingsKeys.Spacing);
        Within(m.Curvature, -1, 1, SettingsKeys.Curvature);
        Within(m.Skew, -10, 10, SettingsKeys.Skew);
        Within(m.SupportPoints, 2, 50, SettingsKeys.SupportPoints);
        Within(m.Perturbation, 0, 1000, SettingsKeys.Perturbation);
        Within(m.FollowerJitter, 0, 1000, SettingsKeys.FollowerJitter);
        Check(m.MinLength >= 0, SettingsKeys.MinLength, "must be ≥ 0");
        Check(m.TraceProbability is >= 0 and <= 1, SettingsKeys.TraceProbability, "must be 0..1");
        Within(m.TraceContrast, -1, 1, SettingsKeys.TraceContrast);
        Within(m.TraceWidth, 0.1, 100, SettingsKeys.TraceWidth);
        Check(m.ShapeProbability is >= 0 and <= 1, SettingsKeys.ShapeProbability, "must be 0..1");
        for (var i = 0; i < m.Shapes.Count; i++)
        {
            var shape = m.Shapes[i];
            Check(shape.U.Length >= 2 && shape.U.Length == shape.V.Length, SettingsKeys.Shapes, $"shape {i} needs ≥ 2 points with as many u as v values");
            Check(shape.U.All(double.IsFinite) && shape.V.All(double.IsFinite), SettingsKeys.Shapes, $"shape {i} has a non-finite coordinate");

            // Chord units: a dislocation runs from (0, 0) to (1, 0); one bowing several chords away is no line shape, and
            // such values (1e300 in a preset) made the rasteriser run for ever.
            Check(shape.U.Concat(shape.V).All(c => Math.Abs(c) <= MaxShapeCoordinate), SettingsKeys.Shapes, $"shape {i} has a coordinate beyond ±{MaxShapeCoordinate} chord lengths");
        }

        var d = s.Drawing;
        Within(d.LineWidth, 0.1, 100, SettingsKeys.LineWidth);
        Within(d.Contrast, 0, 1, SettingsKeys.Contrast);
        Within(d.FringeStrength, 0, 5, SettingsKeys.Fringe);
        Check(d.MaskWidth is > 0 and <= 100, SettingsKeys.MaskWidth, "must be > 0 and ≤ 100");

        var q = s.Sequence;
        Check(q.Frames is >= 1 and <= 100000, SettingsKeys.Frames, $"{q.Frames} must be 1..100000");
        Check(q.GoProbability is >= 0 and <= 1, SettingsKeys.GoProbability, "must be 0..1");
        Within(q.Step, 0, 1000, SettingsKeys.Step);
        Within(q.StepJitter, -1000, 1000, SettingsKeys.StepJitter);
        Within(q.Drift, -100, 100, SettingsKeys.Drift);

        // Followers at zero spacing would be drawn on top of their leader: identical masks.
        Check(m.Spacing.Max > 0 || m.PerPileup.Max <= 1, SettingsKeys.Spacing, "must be > 0 when pileups hold more than one dislocation");
    }

    /// <summary>Largest |u| or |v| of a line shape, in chord lengths.</summary>
    public const double MaxShapeCoordinate = 4;

    private static void Within(ValueRange r, double lo, double hi, string key) =>
        Check(r.Min >= lo && r.Max <= hi && r.Min <= r.Max, key, string.Create(CultureInfo.InvariantCulture, $"{r} must lie within {lo}..{hi}"));

    private static void Check(bool ok, string key, string problem)
    {
        if (!ok)
        {
            throw new ParameterException(key, problem);
        }
    }
}
