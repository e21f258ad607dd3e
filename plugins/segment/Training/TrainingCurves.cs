using System.Globalization;
using System.Text;
using Dislocate.Core.IO;
using Dislocate.Core.Plotting;

namespace Dislocate.Segment.Training;

/// <summary>One epoch's figures.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Step">Optimiser steps done at its end.</param>
/// <param name="LearningRate">Learning rate of its last step.</param>
/// <param name="TrainLoss">Mean matching loss over its training batches.</param>
/// <param name="TestLoss">Matching loss on the test set.</param>
/// <param name="TestMetric">Spline-length metric on the test set.</param>
/// <param name="Seconds">Wall time since the run (or its first resumed part) started.</param>
internal sealed record EpochRecord(int Epoch, long Step, double LearningRate, double TrainLoss, double TestLoss, double TestMetric, double Seconds);

/// <summary>The loss and metric curves of a run, written as CSV and as a PNG plot after every epoch.</summary>
internal static class TrainingCurves
{
    /// <summary>CSV header (units: seconds; loss and metric are unitless).</summary>
    public const string Header = "epoch,step,learning_rate,train_loss,test_loss,test_metric,seconds";

    /// <summary>Writes <c>curves.csv</c> and <c>curves.png</c> into <paramref name="folder"/>, atomically.</summary>
    public static void Write(string folder, IReadOnlyList<EpochRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var csv = new StringBuilder().Append(Header).Append('\n');
        foreach (var r in records)
        {
            csv.Append(string.Create(CultureInfo.InvariantCulture, $"{r.Epoch},{r.Step},{r.LearningRate:R},{r.TrainLoss:R},{r.TestLoss:R},{r.TestMetric:R},{r.Seconds:F1}\n"));
        }

        AtomicFile.WriteAllText(Path.Combine(folder, "curves.csv"), csv.ToString());
        var epochs = records.Select(r => (double)r.Epoch).ToArray();
        var chart = new LineChart(
            "Training",
            "epoch",
            "matching loss / metric",
            [
                new ChartSeries("train loss", epochs, records.Select(r => r.TrainLoss).ToArray(), SeriesStyle.LineAndMarkers),
                new ChartSeries("test loss", epochs, records.Select(r => r.TestLoss).ToArray(), SeriesStyle.LineAndMarkers),
                new ChartSeries("test metric", epochs, records.Select(r => r.TestMetric).ToArray(), SeriesStyle.LineAndMarkers),
            ])
        {
            YMin = 0,
            YMax = 1,
        };
        ChartRenderer.WritePng(Path.Combine(folder, "curves.png"), ChartRenderer.RenderPng(chart));
    }

    /// <summary>Reads the records back from a <c>curves.csv</c> (used when a run resumes).</summary>
    public static List<EpochRecord> Read(string path)
    {
        var records = new List<EpochRecord>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var f = line.Split(',');
            if (f.Length != 7)
            {
                throw new Contracts.InputFileException(path, null, $"line '{line}' does not have the 7 columns of {Header}");
            }

            var c = CultureInfo.InvariantCulture;
            records.Add(new EpochRecord(int.Parse(f[0], c), long.Parse(f[1], c), double.Parse(f[2], c), double.Parse(f[3], c), double.Parse(f[4], c), double.Parse(f[5], c), double.Parse(f[6], c)));
        }

        return records;
    }
}
