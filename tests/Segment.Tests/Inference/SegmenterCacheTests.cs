using Dislocate.Segment.Inference;
using Dislocate.Segment.Model;
using Dislocate.Segment.PostProcessing;
using Dislocate.Segment.Tests.Model;

namespace Dislocate.Segment.Tests.Inference;

/// <summary>A model stays loaded across commands of one session, keyed by its file as it is on disk.</summary>
public sealed class SegmenterCacheTests : IDisposable
{
    private readonly TempFolder scratch = new();

    public SegmenterCacheTests() => SegmenterCache.Clear();

    public void Dispose()
    {
        SegmenterCache.Clear();
        this.scratch.Dispose();
    }

    [Fact]
    public void TheSameModelAndOptions_ReuseTheLoadedSegmenter_AChangedFileOrAnotherModelReloads()
    {
        var a = this.Model("a.dislocate");
        var b = this.Model("b.dislocate");
        var tiling = new TilingOptions(64, 16, 2);
        var opened = SegmenterCache.Opened;
        Segmenter first;
        using (var lease = Acquire(a, tiling))
        {
            first = lease.Segmenter;
            Assert.True(lease.Cached);
        }

        using (var lease = Acquire(a, tiling))
        {
            Assert.Same(first, lease.Segmenter);
        }

        Assert.Equal(opened + 1, SegmenterCache.Opened);

        using (var lease = Acquire(a, tiling with { Overlap = 32 }))
        {
            Assert.NotSame(first, lease.Segmenter);
        }

        File.SetLastWriteTimeUtc(a, DateTime.UtcNow.AddMinutes(1));
        using (var lease = Acquire(a, tiling with { Overlap = 32 }))
        {
            Assert.Equal(opened + 3, SegmenterCache.Opened);
        }

        using (var lease = Acquire(b, tiling))
        {
            Assert.Equal(opened + 4, SegmenterCache.Opened);
        }
    }

    [Fact]
    public void ASegmenterInUse_IsNotSharedWithASecondCommand()
    {
        var a = this.Model("a.dislocate");
        var tiling = new TilingOptions(64, 16, 2);
        using var busy = Acquire(a, tiling);

        using var second = Acquire(a, tiling);

        Assert.NotSame(busy.Segmenter, second.Segmenter);
        Assert.False(second.Cached);
        var image = new Core.Imaging.GrayImage(64, 64, TinyModels.Pattern(64, 64));
        Assert.Equal(busy.Segmenter.Predict(image)[0], second.Segmenter.Predict(image)[0]);
    }

    private static SegmenterCache.Lease Acquire(string model, TilingOptions tiling) =>
        SegmenterCache.Acquire(
            SegmenterKey.Of(model, InferenceEngine.Onnx, "cpu", 1, tiling, PostProcessingOptions.Default),
            () => Segmenter.Open(model, InferenceEngine.Onnx, "cpu", 1, tiling, PostProcessingOptions.Default));

    private string Model(string name)
    {
        using var model = TinyModels.Create();
        var path = Path.Combine(this.scratch.Path, name);
        ModelFile.Save(path, model, TinyModels.Metadata(TinyModels.Spec));
        return path;
    }
}
