using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Core.IO.Microscopy;

namespace Dislocate.Core.Tests.IO;

/// <summary>
/// Gatan .dm3/.dm4 and FEI .ser files with known contents (../shared/data/formats, from rosettasciio's test data):
/// every pixel type, 2-D images and 3-D stacks, pixel size and unit, and damaged copies refused with a clear error.
/// </summary>
public sealed class MicroscopeFileTests : IDisposable
{
    private static readonly string Formats = SharedData.Formats;
    private readonly TempFolder folder = new();

    public void Dispose() => this.folder.Dispose();

    public static TheoryData<string, int> DmFiles()
    {
        var data = new TheoryData<string, int>();
        foreach (var extension in new[] { "dm3", "dm4" })
        {
            foreach (var type in new[] { 1, 2, 6, 7, 9, 10, 11, 12 })
            {
                data.Add(extension, type);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DmFiles))]
    public void DigitalMicrograph_2D_HoldsOneToFour_And3D_TwoFramesOneToEight(string extension, int type)
    {
        var image = MicroscopeFiles.Read(Path.Combine(Formats, "digitalmicrograph", "2D", $"test-{type}.{extension}"));
        Assert.Equal((2, 2), (image.Width, image.Height));
        Assert.Equal([1f, 2f, 3f, 4f], Assert.Single(image.Frames));
        Assert.StartsWith($"DigitalMicrograph {extension[^1]}", image.Format, StringComparison.Ordinal);

        var stack = MicroscopeFiles.Read(Path.Combine(Formats, "digitalmicrograph", "3D", $"test-{type}.{extension}"));
        Assert.Equal(2, stack.Frames.Count);
        Assert.Equal([1f, 2f, 3f, 4f], stack.Frames[0]);
        Assert.Equal([5f, 6f, 7f, 8f], stack.Frames[1]);
    }

    [Fact]
    public void ATemImage_HasItsPixelSizeAndUnit_AndReadsAsAGreyImage()
    {
        var path = Path.Combine(Formats, "digitalmicrograph", "test_dm_image_um_unit.dm3");
        var image = MicroscopeFiles.Read(path);
        Assert.Equal(0.16867, image.PixelSize!.Value, 5);
        Assert.Equal("µm", image.Unit);

        var gray = ImageFileReader.ReadGray(path);
        Assert.Equal((image.Width, image.Height), (gray.Width, gray.Height));
        Assert.Equal(0f, gray.Pixels.Min());
        Assert.Equal(1f, gray.Pixels.Max());
    }

    [Fact]
    public void ATiaSeries_HoldsOne128SquaredImage_WithItsCalibrationInNm()
    {
        var image = MicroscopeFiles.Read(Path.Combine(Formats, "tia", "128x128-TEM_search_1.ser"));
        Assert.Equal((128, 128), (image.Width, image.Height));
        Assert.Single(image.Frames);
        Assert.Equal("nm", image.Unit);
        Assert.True(image.PixelSize > 0, $"pixel size {image.PixelSize}");
        Assert.True(image.Frames[0].Distinct().Count() > 100, "a real image, not a constant");
    }

    [Fact]
    public void DamagedFiles_EndInAnErrorNamingTheFile_NeverACrash()
    {
        var source = File.ReadAllBytes(Path.Combine(Formats, "digitalmicrograph", "3D", "test-2.dm4"));
        foreach (var cut in new[] { 3, 16, 100, source.Length / 2, source.Length * 3 / 4 })
        {
            var path = this.folder.File($"cut-{cut}.dm4");
            File.WriteAllBytes(path, source[..cut]);
            var e = Assert.Throws<InputFileException>(() => MicroscopeFiles.Read(path));
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
        }

        // A tag group claiming 2^40 tags, and byte flips everywhere: refused or read, never another exception.
        var rng = new System.Random(7);
        for (var k = 0; k < 300; k++)
        {
            var bytes = (byte[])source.Clone();
            bytes[rng.Next(bytes.Length)] ^= (byte)(1 << rng.Next(8));
            var path = this.folder.File($"flip-{k}.dm4");
            File.WriteAllBytes(path, bytes);
            try
            {
                MicroscopeFiles.Read(path);
            }
            catch (InputFileException)
            {
                // refused with a message: fine
            }
        }

        var ser = File.ReadAllBytes(Path.Combine(Formats, "tia", "128x128-TEM_search_1.ser"));
        var wrongVersion = (byte[])ser.Clone();
        wrongVersion[4] = 0x99;
        var bad = this.folder.File("bad.ser");
        File.WriteAllBytes(bad, wrongVersion);
        Assert.Contains("series version 0x0299", Assert.Throws<InputFileException>(() => MicroscopeFiles.Read(bad)).Message, StringComparison.Ordinal);
        var shortSer = this.folder.File("short.ser");
        File.WriteAllBytes(shortSer, ser[..(ser.Length - 100)]);
        Assert.Contains("more than the file holds", Assert.Throws<InputFileException>(() => MicroscopeFiles.Read(shortSer)).Message, StringComparison.Ordinal);
    }
}
