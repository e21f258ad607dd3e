using Dislocate.Contracts;
using Dislocate.Core.Geometry;
using Dislocate.Core.Imaging;
using Dislocate.Core.IO;
using Dislocate.Core.Morphology;
using Dislocate.Core.Skeletons;
using Dislocate.Synthetic.Microstructure;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Presets;

/// <summary>
/// Fits microstructure M1 (paper section 5.1, Fig. 7): reads labelme annotations of real images (dislocations as
/// polylines) or union line masks, groups lines into pileups, and records the observed pileups per image, dislocations per pileup, slip
/// widths, trace directions and spacings as empirical distributions, plus every line's shape as support points.
/// </summary>
public static class PresetFitter
{
    /// <summary>Arc-length points taken along each line of a union mask: enough to keep a dislocation's bow.</summary>
    public const int MaskLinePoints = 12;

    /// <summary>
    /// Fits a preset from every labelme JSON in <paramref name="folder"/>, or, when it holds none, from every mask image
    /// in it (union line masks, read by <see cref="LineMaskRule"/>), starting from <paramref name="baseSettings"/>.
    /// </summary>
    /// <remarks>
    /// A union mask has no instance ids: each 8-connected piece is one dislocation, its line the longest path of the
    /// piece's skeleton (<see cref="MaskLines"/>), taken as <see cref="MaskLinePoints"/> points. Where two lines of a
    /// pileup touch, their piece yields one line (the longer path) and the spacing between them is lost; pieces of
    /// fewer than <see cref="MaskLineOptions.MinPixels"/> pixels are specks and are skipped.
    /// </remarks>
    public static Preset Fit(string folder, GeneratorSettings baseSettings, double linkDistance, double maxAngle)
    {
        ArgumentNullException.ThrowIfNull(baseSettings);
        var images = HasLabelme(folder) ? LabelmeLines(folder) : MaskFileLines(folder);
        var pileupsPerImage = new List<int>();
        var perPileup = new List<int>();
        var angles = new List<double>();
        var widths = new List<double>();
        var spacings = new List<double>();
        var shapes = new List<LineShape>();
        var lineCount = 0;
        foreach (var lines in images)
        {
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
            throw new InputFileException(folder, "shapes", "the annotations hold no line (linestrip, line or polygon, or a mask piece) with two distinct end points");
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

    private static bool HasLabelme(string folder) =>
        Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.json").Any();

    private static IEnumerable<List<PointD[]>> LabelmeLines(string folder)
    {
        foreach (var file in ShapeLibrary.LabelmeFiles(folder))
        {
            yield return LabelmeJson.LinePolylines(LabelmeJson.Read(file))
                .Select(l => Polyline.RemoveRepeats(l.Select(p => new PointD(p.X, p.Y)).ToArray()))
                .Where(Distinct)
                .ToList();
        }
    }

    private static IEnumerable<List<PointD[]>> MaskFileLines(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new InputFileException(folder, null, "folder does not exist");
        }

        var files = ImageFileReader.ImageFiles(folder);
        if (files.Length == 0)
        {
            throw new InputFileException(folder, null, "holds neither labelme *.json files nor mask images (PNG, TIFF, …)");
        }

        foreach (var file in files)
        {
            yield return MaskLinesOf(ImageFileReader.ReadGray(file));
        }
    }

    /// <summary>One line per 8-connected piece of a union mask, in raster order of the pieces.</summary>
    public static List<PointD[]> MaskLinesOf(GrayImage mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var (w, h) = (mask.Width, mask.Height);
        var line = LineMaskRule.LinePixels(mask);
        var labels = new int[w * h];
        var count = ConnectedComponents.Label(line, w, h, labels);
        var piece = new byte[w * h];
        var lines = new List<PointD[]>();
        for (var k = 1; k <= count; k++)
        {
            for (var i = 0; i < piece.Length; i++)
            {
                piece[i] = labels[i] == k ? byte.MaxValue : (byte)0;
            }

            var found = MaskLines.Extract(piece, w, h, MaskLineOptions.Default);
            if (found.Spline is not null && Distinct(found.Path.Points))
            {
                lines.Add(found.Resample(MaskLinePoints));
            }
        }

        return lines;
    }

    private static bool Distinct(PointD[] line) => line.Length >= 2 && (line[^1] - line[0]).Length > 1e-6;
}
