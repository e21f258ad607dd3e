using Dislocate.Contracts;
using Dislocate.Core.IO;
using SkiaSharp;
using Xunit.Abstractions;

namespace Dislocate.Core.Tests.IO;

/// <summary>
/// The hostile-input suite for image and annotation files: malformed copies of valid files of every format the readers
/// take (PNG 8 and 16 bit, TIFF strips uncompressed, PackBits and Deflate, a float TIFF stack, BMP, JPEG, GIF, DM3, DM4,
/// TIA SER, labelme JSON),
/// made by seeded mutations (truncation, bit flips, extreme 32-bit fields, zeroed and random blocks, appended garbage,
/// another format's header), each read as the commands read it. Every case must end in one of two outcome classes:
/// accepted (an image, or a labelme file's lines) or refused with an <see cref="InputFileException"/> that names the file; never another exception
/// type, never more than <see cref="TimeLimit"/>, never more than <see cref="HostileSuite.AllocationLimit"/> allocated.
/// </summary>
/// <remarks>
/// CI runs <see cref="DefaultCases"/> cases; <c>HOSTILE_CASES=2500 dotnet test tests/Core.Tests --filter
/// HostileImageSuite</c> is the full run, which reports its counts in the test output.
/// </remarks>
public sealed class HostileImageSuiteTests(ITestOutputHelper output) : IDisposable
{
    private const int DefaultCases = 420;
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(10);

    private readonly TempFolder folder = new();

    public void Dispose() => this.folder.Dispose();

    [Fact]
    public void EveryMalformedImage_IsReadOrRefusedNamingTheFile_InTimeAndMemory()
    {
        var seeds = this.SeedFiles();
        var report = HostileSuite.Run(seeds, HostileSuite.CaseCount(DefaultCases), this.folder.Path, Path.GetExtension, TimeLimit, Read);
        foreach (var line in report.Describe(seeds.Count))
        {
            output.WriteLine(line);
        }

        Assert.True(report.Failures.Count == 0, string.Join("\n", report.Failures.Take(20)));
        Assert.True(report.Counts.Keys.Count(k => k.EndsWith("refused", StringComparison.Ordinal)) >= 8, "the mutations should break most formats some of the time");
    }

    /// <summary>Reads the file as the commands do (first frame, and every page of a TIFF stack), within the allocation limit.</summary>
    private static HostileOutcome Read(string path) => HostileSuite.WithinAllocation(() => ReadFile(path));

    private static HostileOutcome ReadFile(string path)
    {
        if (Path.GetExtension(path) is ".json")
        {
            // Labelme annotations, as fine-tuning, 'synthetic fit' and 'twin' read them.
            var lines = LabelmeJson.LinePolylines(LabelmeJson.Read(path));
            return lines.Count >= 0 ? HostileOutcome.Accepted : HostileOutcome.Failed(string.Empty);
        }

        var image = ImageFileReader.ReadGray(path);
        if (Path.GetExtension(path) is ".tif")
        {
            foreach (var page in TiffStackReader.ReadPages(path))
            {
                _ = page.ToGrayImage();
            }
        }

        return image.Width > 0 && image.Height > 0 ? HostileOutcome.Accepted : HostileOutcome.Failed("an empty image");
    }

    /// <summary>Valid files of every format, small enough for thousands of reads.</summary>
    private List<(string Name, byte[] Bytes)> SeedFiles()
    {
        const int W = 48;
        const int H = 40;
        var gray8 = Enumerable.Range(0, W * H).Select(i => (byte)((i * 37) % 251)).ToArray();
        var gray16 = gray8.Select(v => (ushort)(v * 257)).ToArray();
        var seeds = new List<(string, byte[])>();
        using (var png8 = new MemoryStream())
        {
            PngEncoder.WriteGray8(png8, gray8, W, H);
            seeds.Add(("gray8.png", png8.ToArray()));
        }

        using (var png16 = new MemoryStream())
        {
            PngEncoder.WriteGray16(png16, gray16, W, H);
            seeds.Add(("gray16.png", png16.ToArray()));
        }

        foreach (var compression in new[] { TiffCompression.None, TiffCompression.PackBits, TiffCompression.Deflate })
        {
            using var tiff = new MemoryStream();
            TiffStackWriter.Write(tiff, [gray8, gray8.Reverse().ToArray()], W, H, compression);
            seeds.Add(($"stack-{compression}.tif", tiff.ToArray()));
        }

        using (var floats = new MemoryStream())
        {
            var f = gray8.Select(v => v / 255f).ToArray();
            TiffStackWriter.Write(floats, [f, f, f], W, H, TiffCompression.None, TiffStackWriter.ImageJDescription(3));
            seeds.Add(("float.tif", floats.ToArray()));
        }

        var bmp = BmpFile.Create(W, H, BmpFile.HeaderBytes + (W * 3 * H));
        seeds.Add(("rgb.bmp", bmp));
        using (var bitmap = new SKBitmap(new SKImageInfo(W, H, SKColorType.Gray8)))
        {
            System.Runtime.InteropServices.Marshal.Copy(gray8, 0, bitmap.GetPixels(), gray8.Length); // rows of 48 bytes: no padding
            using var image = SKImage.FromBitmap(bitmap);
            using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 90);
            seeds.Add(("gray.jpg", jpeg.ToArray()));
        }

        seeds.Add(("tiny.gif", Convert.FromBase64String("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==")));
        var formats = SharedData.Formats;
        seeds.Add(("test.dm3", File.ReadAllBytes(Path.Combine(formats, "digitalmicrograph", "test_dm_image_um_unit.dm3"))));
        seeds.Add(("test-2.dm4", File.ReadAllBytes(Path.Combine(formats, "digitalmicrograph", "3D", "test-2.dm4"))));
        seeds.Add(("series.ser", File.ReadAllBytes(Path.Combine(formats, "tia", "128x128-TEM_search_1.ser"))));
        foreach (var (name, bytes) in seeds)
        {
            var path = this.folder.File("seed-" + name);
            File.WriteAllBytes(path, bytes);
            Assert.True(ImageFileReader.ReadGray(path).Width > 0, $"seed {name} must be valid");
        }

        // Labelme files: one valid, and three hostile from the start (nesting 100,000 deep, a coordinate of 1e400,
        // a 5 MB label), which the mutations then damage further.
        var labelme = new LabelmeDocument(
            [new LabelmeShape("dislocation", LabelmeShapeTypes.LineStrip, [(1.5, 2), (10, 12.25), (20, 30)], 1), new LabelmeShape("band", "polygon", [(0, 0), (5, 0), (5, 5)], null)],
            "frame.png",
            W,
            H);
        var valid = LabelmeJson.SerializeToUtf8(labelme);
        var text = System.Text.Encoding.UTF8.GetString(valid);
        seeds.Add(("labelme.json", valid));
        seeds.Add(("deep.json", System.Text.Encoding.UTF8.GetBytes("{\"shapes\": " + new string('[', 100_000) + new string(']', 100_000) + "}")));
        seeds.Add(("huge-number.json", System.Text.Encoding.UTF8.GetBytes(text.Replace("10,", "1e400,", StringComparison.Ordinal))));
        seeds.Add(("long-label.json", System.Text.Encoding.UTF8.GetBytes(text.Replace("\"band\"", "\"" + new string('b', 5_000_000) + "\"", StringComparison.Ordinal))));
        var labelmePath = this.folder.File("seed-labelme.json");
        File.WriteAllBytes(labelmePath, valid);
        Assert.Equal(2, LabelmeJson.LinePolylines(LabelmeJson.Read(labelmePath)).Count); // polygons count as lines (slip-band outlines)
        return seeds;
    }
}
