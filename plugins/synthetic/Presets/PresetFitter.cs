using Dislocate.Contracts;
using Dislocate.Core.Geometry;
using Dislocate.Core.IO;
using Dislocate.Synthetic.Microstructure;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Presets;

/// <summary>
/// Fits microstructure M1 (paper section 5.1, Fig. 7): reads labelme annotations of real images (dislocations as
/// polylines), groups lines into pileups, and records the observed pileups per image, dislocations per pileup, slip
/// widths, trace directions and spacings as empirical distributions, plus every line's shape as support points.
/// </summary>
public static class PresetFitter
{
    /// <summary>Fits a preset from every labelme JSON in <paramref name="folder"/>, starting from <paramref name="baseSettings"/>.</summary>
    public static Preset Fit(string folder, GeneratorSettings baseSettings, double linkDistance, double maxAngle)
    {
        ArgumentNullException.ThrowIfNull(baseSettings);
        var files = ShapeLibrary.LabelmeFiles(folder);
        var pileupsPerImage = new List<int>();
        var perPileup = new List<int>();
        var angles = new List<double>();
        var widths = new List<double>();
        var spacings = new List<double>();
        var shapes = new List<LineShape>();
        var lineCount = 0;
        foreach (var file in files)
        {
            var doc = LabelmeJson.Read(file);
            var lines = LabelmeJson.LinePolylines(doc)
                .Select(l => Polyline.RemoveRepeats(l.Select(p => new PointD(p.X, p.Y)).ToArray()))
                .Where(l => l.Length >= 2 && (l[^1] - l[0]).Length > 1e-6)
                .ToList();
            if (lines.Count == 0)
            {
                continue;
            }

            lineCount += lines.Count;
            var pileups = PileupClustering.Cluster(lines, linkDistance, maxAngle);
            pileupsPerImage.Add(pileups.Count);
            foreach (var p in pileups)
            {
                perPileup.Add(p.Lines.Count);
                angles.Add(p.AngleDegrees);
                widths.Add(p.SlipWidth);
                spacings.AddRange(p.Spacings.Where(s => s > 0));
            }

            shapes.AddRange(lines.Select(l => ShapeLibrary.FromPolyline(l)).OfType<LineShape>());
        }

        if (lineCount == 0)
        {
            throw new InputFileException(folder, "shapes", "the annotations hold no line (linestrip, line or polygon) with two distinct end points");
        }

        var empirical = new EmpiricalDistributions([.. pileupsPerImage], [.. perPileup], [.. angles], [.. widths], [.. spacings]);
        var m = baseSettings.Microstructure with
        {
            // The observed spans, for reading; sampling uses the empirical distributions.
            Pileups = EmpiricalSampling.Span(pileupsPerImage.Select(v => (double)v)),
            PerPileup = EmpiricalSampling.Span(perPileup.Select(v => (double)v)),
            Angle = EmpiricalSampling.Span(angles),
            SlipWidth = EmpiricalSampling.Span(widths),
            Spacing = spacings.Count > 0 ? EmpiricalSampling.Span(spacings) : baseSettings.Microstructure.Spacing,
            MaxDislocations = Math.Max(baseSettings.Microstructure.MaxDislocations, 1),
            Shapes = shapes,
            ShapeProbability = 1.0,
            Empirical = empirical,
        };
        var settings = baseSettings with { Microstructure = m };
        SettingsValidator.Validate(settings);
        var report = new FitReport(Path.GetFullPath(folder), pileupsPerImage.Count, lineCount, perPileup.Count, shapes.Count, linkDistance, maxAngle);
        return new Preset(
            "M1",
            $"Microstructure fitted to {pileupsPerImage.Count} annotated images ({lineCount} lines, {perPileup.Count} pileups).",
            settings,
            report);
    }
}
