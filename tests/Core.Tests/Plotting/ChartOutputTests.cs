using Dislocate.Core.Plotting;
using Dislocate.Core.Tests.IO;

namespace Dislocate.Core.Tests.Plotting;

public class ChartOutputTests
{
    private static LineChart TrainingCurves()
    {
        var epochs = Enumerable.Range(1, 40).Select(e => (double)e).ToArray();
        var train = epochs.Select(e => 0.08 + (0.9 * Math.Exp(-e / 6))).ToArray();
        var validation = epochs.Select(e => 0.12 + (0.85 * Math.Exp(-e / 7)) + (0.01 * Math.Sin(e))).ToArray();
        validation[17] = double.NaN;
        return new LineChart("Training loss", "epoch", "Dice loss",
            [new ChartSeries("train", epochs, train), new ChartSeries("validation", epochs, validation, SeriesStyle.LineAndMarkers)]);
    }

    private static HeatmapChart CrossEvaluation()
    {
        string[] sets = ["low noise", "high noise", "bent lines", "experimental"];
        var values = new double[4, 4];
        for (var r = 0; r < 4; r++)
        {
            for (var c = 0; c < 4; c++)
            {
                values[r, c] = r == c ? 0.9 - (0.05 * r) : 0.35 + (0.1 * ((r + (2 * c)) % 4));
            }
        }

        values[3, 0] = double.NaN;
        return new HeatmapChart("Cross evaluation (Dice)", sets, sets, values, "evaluated on", "trained on") { Min = 0, Max = 1 };
    }

    private static BoxChart MetricByCount()
    {
        var groups = new List<(string, double[])>();
        for (var n = 1; n <= 5; n++)
        {
            var values = Enumerable.Range(0, 25).Select(i => 0.95 - (0.06 * n) + (0.04 * Math.Sin((i * 2.3) + n))).ToList();
            if (n == 3)
            {
                values.Add(0.2);
            }

            groups.Add((n.ToString(System.Globalization.CultureInfo.InvariantCulture), [.. values]));
        }

        groups.Add(("6", []));
        return new BoxChart("Metric against number of dislocations", "number of dislocations", "spline-length metric", groups);
    }

    [Fact]
    public void SameChartGivesIdenticalBytesOnAnyThread()
    {
        var line = TrainingCurves();
        var reference = ChartRenderer.RenderPng(line);
        Assert.Equal(reference, ChartRenderer.RenderPng(line));
        var heatmap = ChartRenderer.RenderPng(CrossEvaluation());
        var box = ChartRenderer.RenderPng(MetricByCount());
        var results = new byte[6][];
        Parallel.For(0, results.Length, i => results[i] = i % 3 == 0 ? ChartRenderer.RenderPng(line)
            : i % 3 == 1 ? ChartRenderer.RenderPng(CrossEvaluation()) : ChartRenderer.RenderPng(MetricByCount()));
        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(i % 3 == 0 ? reference : i % 3 == 1 ? heatmap : box, results[i]);
        }

        // The comparison can fail: one changed data point changes the bytes.
        var changed = line.Series[0] with { Y = [.. line.Series[0].Y] };
        changed.Y[10] += 0.05;
        Assert.NotEqual(reference, ChartRenderer.RenderPng(line with { Series = [changed, line.Series[1]] }));
    }

    [Fact]
    public void WritePngIsAtomic()
    {
        using var folder = new TempFolder();
        var path = folder.File("chart.png");
        var png = ChartRenderer.RenderPng(TrainingCurves(), 200, 150);
        File.WriteAllBytes(path, [1, 2, 3]);
        ChartRenderer.WritePng(path, png);
        Assert.Equal(png, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(folder.Path));
        Assert.Throws<ArgumentException>(() => ChartRenderer.WritePng(string.Empty, png));
    }

    [Fact]
    public void WritesExamplesForHumans()
    {
        var folder = TestOutput.Folder;
        var examples = new (string Name, byte[] Png)[]
        {
            ("plotting-line.png", ChartRenderer.RenderPng(TrainingCurves())),
            ("plotting-heatmap.png", ChartRenderer.RenderPng(CrossEvaluation())),
            ("plotting-box.png", ChartRenderer.RenderPng(MetricByCount())),
            ("plotting-scatter-log.png", ChartRenderer.RenderPng(new LineChart("Velocity (log scale)", "frame", "velocity (nm/frame)",
                [new ChartSeries("dislocation 1", [.. Enumerable.Range(0, 30).Select(i => (double)i)], [.. Enumerable.Range(0, 30).Select(i => 0.5 + (i * i * 0.3))], SeriesStyle.Markers)]) { LogY = true })),
            ("plotting-heatmap-long-labels.png", ChartRenderer.RenderPng(CrossEvaluation() with
            {
                ColumnLabels = ["synthetic, low noise", "synthetic, high noise", "synthetic, bent lines", "experimental TEM"],
                CellFormat = "0.0%",
            })),
            ("plotting-nodata.png", ChartRenderer.RenderPng(new LineChart("Empty", "x", "y", []))),
        };
        foreach (var (name, png) in examples)
        {
            var path = Path.Combine(folder, name);
            ChartRenderer.WritePng(path, png);
            var decoded = new RenderedChart(File.ReadAllBytes(path));
            Assert.True(decoded.Width >= 700 && decoded.Height >= 500);
        }
    }
}
