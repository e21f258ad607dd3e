using Dislocate.Segment.Inference;

namespace Dislocate.Segment.Tests.Inference;

/// <summary>The frames 'segment run' reads from microscope files (../shared/data/formats): every frame of a DM stack.</summary>
public sealed class FrameSourceTests
{
    private static string Formats()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var formats = Path.Combine(dir.FullName, "shared", "data", "formats");
            if (Directory.Exists(formats))
            {
                return formats;
            }
        }

        throw new InvalidOperationException("../shared/data/formats not found above the test folder");
    }

    [Fact]
    public void ADigitalMicrographStack_GivesEachFrame_ScaledByItsOwnRange()
    {
        var source = new FrameSource(Path.Combine(Formats(), "digitalmicrograph", "3D", "test-10.dm4"));
        Assert.Equal(2, source.Count);
        var frames = source.Frames().ToList();
        Assert.Equal(["test-10_000001", "test-10_000002"], frames.Select(f => f.Name));
        Assert.All(frames, f => Assert.Equal([0f, 1 / 3f, 2 / 3f, 1f], f.Image.Pixels));
    }

    [Fact]
    public void ATiaSeries_IsOneFrame()
    {
        var source = new FrameSource(Path.Combine(Formats(), "tia", "128x128-TEM_search_1.ser"));
        var frame = Assert.Single(source.Frames());
        Assert.Equal("128x128-TEM_search_1", frame.Name);
        Assert.Equal(128, frame.Image.Width);
    }
}
