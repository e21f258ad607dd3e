using Dislocate.Core.IO;
using Dislocate.Segment.Inference;
using Dislocate.Segment.PostProcessing;

namespace Dislocate.Segment.Tests.Inference;

/// <summary>Instance masks rendered into one reused page equal masks built one array per instance.</summary>
public sealed class InstanceMaskPagesTests
{
    private static readonly SegmentedInstance[] Instances =
    [
        new(1, 0, 0, [0, 1, 2, 9], 0.9, 3, []),
        new(2, 0, 1, [2, 3, 10, 11], 0.8, 3, []),
        new(3, 0, 2, [15], 0.7, 0, []),
    ];

    [Fact]
    public void EveryPage_HoldsExactlyItsInstance_InAnyOrderOfAccess()
    {
        var pages = new InstanceMaskPages(Instances, 4, 4);

        foreach (var k in new[] { 0, 2, 1, 1, 0, 2 })
        {
            var expected = new byte[16];
            foreach (var p in Instances[k].Pixels)
            {
                expected[p] = 255;
            }

            Assert.Equal(expected, pages[k].ToArray());
        }

        Assert.Equal(3, pages.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => pages[3]);
    }

    [Fact]
    public void TheTiffWrittenFromThem_EqualsTheOneWrittenFromSeparateArrays()
    {
        var separate = Instances.Select(i =>
        {
            var m = new byte[16];
            foreach (var p in i.Pixels)
            {
                m[p] = 255;
            }

            return (ReadOnlyMemory<byte>)m;
        }).ToList();
        using var a = new MemoryStream();
        using var b = new MemoryStream();

        TiffStackWriter.Write(a, separate, 4, 4, TiffCompression.PackBits, TiffStackWriter.ImageJDescription(3));
        TiffStackWriter.Write(b, new InstanceMaskPages(Instances, 4, 4), 4, 4, TiffCompression.PackBits, TiffStackWriter.ImageJDescription(3));

        Assert.Equal(a.ToArray(), b.ToArray());
    }
}
