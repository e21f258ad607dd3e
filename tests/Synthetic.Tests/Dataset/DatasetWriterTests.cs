using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Core.Jobs;
using Dislocate.Synthetic.Dataset;
using Dislocate.Synthetic.Recipes;
using Dislocate.Synthetic.Settings;
using Dislocate.Synthetic.Streaming;

namespace Dislocate.Synthetic.Tests.Dataset;

public sealed class DatasetWriterTests : IDisposable
{
    private readonly TempFolder scratch = new();

    public void Dispose() => this.scratch.Dispose();

    private DatasetOptions Options(string name, int threads = 1, string shard = "0/1", long count = 6) =>
        new(Path.Combine(this.scratch.Path, name), count, 0.5, 42, ImageFormat.Png8, MaskFormat.Tiff, Labelme: true, Shard.Parse(shard), threads);

    [Fact]
    public void Writes_TrainAndTestLayout_WithEveryFile()
    {
        var o = this.Options("layout");
        var summary = DatasetWriter.Write(TestData.Small, o, null, CancellationToken.None);
        Assert.Equal(new DatasetRunSummary(6, 0, 6), summary);
        Assert.True(File.Exists(Path.Combine(o.Output, "dataset.json")));
        foreach (var (split, index) in new[] { ("train", 0), ("train", 2), ("test", 3), ("test", 5) })
        {
            var name = index.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            foreach (var f in new[] { $"images/{name}.png", $"masks/{name}.tif", $"union/{name}.png", $"labelme/{name}.json", $"params/{name}.json" })
            {
                Assert.True(File.Exists(Path.Combine(o.Output, split, f)), $"{split}/{f}");
            }
        }

        Assert.Empty(Directory.GetFiles(o.Output, "*.partial", SearchOption.AllDirectories));
    }

    [Fact]
    public void MaskPages_MatchTheStreamedSample_AndTheImageMatchesToTheByte()
    {
        var o = this.Options("stream");
        DatasetWriter.Write(TestData.Small, o, null, CancellationToken.None);
        var source = new SyntheticSampleSource(TestData.Small, 42);
        for (var i = 0; i < 6; i++)
        {
            var sample = source.Get(i);
            var files = new SampleFiles(o, i, 1);
            var png = PngDecoder.Decode(files.Image);
            Assert.Equal(PixelConversion.ToBytes(sample.Image.Pixels), png.Samples8);
            var pages = TiffStackReader.Read(files.Masks);
            Assert.Equal(sample.Masks.Count, pages.Pages.Count);
            for (var k = 0; k < pages.Pages.Count; k++)
            {
                Assert.Equal(sample.Masks[k], pages.Pages[k].Bytes);
            }
        }
    }

    [Fact]
    public void ThreadCount_DoesNotChangeAnyByte()
    {
        DatasetWriter.Write(TestData.Small, this.Options("one", threads: 1), null, CancellationToken.None);
        DatasetWriter.Write(TestData.Small, this.Options("two", threads: 2), null, CancellationToken.None);
        TestData.AssertSameFiles(Path.Combine(this.scratch.Path, "one"), Path.Combine(this.scratch.Path, "two"));
    }

    [Fact]
    public void Shards_TogetherMakeTheWholeSet()
    {
        DatasetWriter.Write(TestData.Small, this.Options("whole"), null, CancellationToken.None);
        var s0 = DatasetWriter.Write(TestData.Small, this.Options("sharded", shard: "0/3"), null, CancellationToken.None);
        var s2 = DatasetWriter.Write(TestData.Small, this.Options("sharded", shard: "2/3"), null, CancellationToken.None);
        var s1 = DatasetWriter.Write(TestData.Small, this.Options("sharded", shard: "1/3"), null, CancellationToken.None);
        Assert.Equal(6, s0.Written + s1.Written + s2.Written);
        TestData.AssertSameFiles(Path.Combine(this.scratch.Path, "whole"), Path.Combine(this.scratch.Path, "sharded"));
    }

    [Fact]
    public void Resume_AfterCrash_RegeneratesOnlyUnfinishedSamples_AndNeverRewritesFinishedOnes()
    {
        var reference = this.Options("reference");
        DatasetWriter.Write(TestData.Small, reference, null, CancellationToken.None);
        var o = this.Options("crashed");
        DatasetWriter.Write(TestData.Small, o, null, CancellationToken.None);

        // Simulate a crash while sample 4 was being written: its params JSON never landed, its image is a
        // truncated leftover and a half-written mask file is still lying around.
        var crashed = new SampleFiles(o, 4, 1);
        File.Delete(crashed.Params);
        File.WriteAllBytes(crashed.Image, [1, 2, 3]);
        File.WriteAllBytes(AtomicFile.PartialPath(crashed.Masks), [9, 9]);
        var finished = new SampleFiles(o, 1, 1);
        var before = File.GetLastWriteTimeUtc(finished.Image);
        File.SetLastWriteTimeUtc(finished.Image, before.AddDays(-1)); // A rewrite would move this back to now.

        var summary = DatasetWriter.Write(TestData.Small, o, null, CancellationToken.None);
        Assert.Equal(1, summary.Written);
        Assert.Equal(5, summary.Skipped);
        Assert.Equal(before.AddDays(-1), File.GetLastWriteTimeUtc(finished.Image));
        File.SetLastWriteTimeUtc(finished.Image, before);
        TestData.AssertSameFiles(reference.Output, o.Output);
    }

    [Fact]
    public void Resume_RemakesSamplesWhoseFilesWereEmptiedOrCutShort_AfterTheyWereFinished()
    {
        var reference = this.Options("reference");
        DatasetWriter.Write(TestData.Small, reference, null, CancellationToken.None);
        var o = this.Options("damaged");
        DatasetWriter.Write(TestData.Small, o, null, CancellationToken.None);

        // Issue 13: an image zeroed after its sample was finished was taken as done on resume.
        File.WriteAllBytes(new SampleFiles(o, 0, 1).Image, []);
        var cut = new SampleFiles(o, 2, 1).Union;
        File.WriteAllBytes(cut, File.ReadAllBytes(cut)[..^5]);
        File.WriteAllBytes(new SampleFiles(o, 3, 1).Masks, []);

        var summary = DatasetWriter.Write(TestData.Small, o, null, CancellationToken.None);
        Assert.Equal(3, summary.Written);
        Assert.Equal(3, summary.Skipped);
        TestData.AssertSameFiles(reference.Output, o.Output);
    }

    [Fact]
    public void Cancellation_LeavesOnlyCompleteSamples()
    {
        var o = this.Options("cancel", count: 40);
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress(p =>
        {
            if (p.Done >= 3)
            {
                cts.Cancel();
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(() => DatasetWriter.Write(TestData.Small, o, progress, cts.Token));
        Assert.Empty(Directory.GetFiles(o.Output, "*.partial", SearchOption.AllDirectories));
        var images = Directory.GetFiles(o.Output, "*.png", SearchOption.AllDirectories).Where(f => f.Contains("images", StringComparison.Ordinal)).ToList();
        var done = Directory.GetFiles(o.Output, "*.json", SearchOption.AllDirectories).Count(f => f.Contains("params", StringComparison.Ordinal));
        Assert.InRange(done, 3, 39);
        Assert.Equal(done, images.Count);
    }

    [Fact]
    public void Resume_WithOtherParameters_IsRefused_NamingTheDifference()
    {
        var o = this.Options("mismatch");
        DatasetWriter.Write(TestData.Small, o, null, CancellationToken.None);
        var e = Assert.Throws<CommandException>(() => DatasetWriter.Write(TestData.Small, o with { Seed = 43 }, null, CancellationToken.None));
        Assert.Contains("\"seed\": 42", e.Message, StringComparison.Ordinal);
        Assert.Contains("dataset.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParamsJson_RoundTripsToTheSameText()
    {
        var o = this.Options("json");
        DatasetWriter.Write(TestData.Small, o, null, CancellationToken.None);
        var path = new SampleFiles(o, 2, 1).Params;
        var text = File.ReadAllText(path);
        var doc = SyntheticJson.Read<SampleDocument>(path);
        Assert.Equal(text, SyntheticJson.Serialize(doc));
        Assert.Equal(DatasetWriter.SampleSeed(42, 2), doc.Seed);
    }

    [Theory]
    [InlineData("1/1")]
    [InlineData("a/2")]
    [InlineData("2")]
    [InlineData("-1/2")]
    public void BadShard_IsAParameterError(string text)
    {
        var e = Assert.Throws<ParameterException>(() => Shard.Parse(text));
        Assert.Equal("shard", e.Key);
    }

    [Fact]
    public void PngMasks_AreOneFilePerInstance()
    {
        var o = this.Options("png") with { MaskFormat = MaskFormat.Png, Count = 2 };
        DatasetWriter.Write(TestData.Small, o, null, CancellationToken.None);
        var source = new SyntheticSampleSource(TestData.Small, 42);
        var files = new SampleFiles(o, 0, 1);
        var sample = source.Get(0);
        var pngs = Directory.GetFiles(files.Masks, "*.png").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(sample.Masks.Count, pngs.Length);
        Assert.Equal(sample.Masks[0], PngDecoder.Decode(pngs[0]).Samples8);
    }

    /// <summary>Calls back on the reporting thread (Progress&lt;T&gt; would post asynchronously).</summary>
    private sealed class SyncProgress(Action<ProgressUpdate> action) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value) => action(value);
    }
}
