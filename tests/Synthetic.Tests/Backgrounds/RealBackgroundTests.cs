using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Core.Jobs;
using Dislocate.Synthetic.Backgrounds;
using Dislocate.Synthetic.Commands;
using Dislocate.Synthetic.Dataset;
using Dislocate.Synthetic.Recipes;
using Dislocate.Synthetic.Rendering;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Tests.Backgrounds;

public sealed class RealBackgroundTests : IDisposable
{
    private readonly TempFolder scratch = new();

    public RealBackgroundTests()
    {
        // Two "micrographs": a horizontal ramp larger than the output, and a small constant image that must be enlarged.
        var ramp = new byte[200 * 150];
        for (var i = 0; i < ramp.Length; i++)
        {
            ramp[i] = (byte)(i % 200);
        }

        Directory.CreateDirectory(this.Folder);
        using (var f = File.Create(Path.Combine(this.Folder, "a_ramp.png")))
        {
            PngEncoder.WriteGray8(f, ramp, 200, 150);
        }

        using (var f = File.Create(Path.Combine(this.Folder, "b_flat.png")))
        {
            PngEncoder.WriteGray8(f, Enumerable.Repeat((byte)51, 40 * 30).ToArray(), 40, 30);
        }

        File.WriteAllText(Path.Combine(this.Folder, "notes.txt"), "not an image");
    }

    private string Folder => Path.Combine(this.scratch.Path, "backgrounds");

    public void Dispose() => this.scratch.Dispose();

    private GeneratorSettings Settings(ValueRange layers) => TestData.Small with
    {
        Background = BackgroundSettings.Default with { Kind = BackgroundKind.Real, Folder = this.Folder, Layers = layers, Opacity = ValueRange.Fixed(0.25) },
    };

    [Fact]
    public void Library_ListsImagesInOrdinalOrder_AndIgnoresOtherFiles()
    {
        Assert.Equal(["a_ramp.png", "b_flat.png"], new BackgroundLibrary(this.Folder).Files);
    }

    [Fact]
    public void SingleLayer_IsAnExactCropOfTheSource_OrTheEnlargedSmallImage()
    {
        var library = new BackgroundLibrary(this.Folder);
        var settings = this.Settings(ValueRange.Fixed(1));
        var seen = new HashSet<string>();
        for (ulong seed = 0; seed < 12; seed++)
        {
            var b = RecipeSampler.SampleBackground(settings, seed, library);
            var layer = Assert.Single(b.Layers);
            seen.Add(layer.File);
            var pixels = new float[96 * 96];
            RealBackground.Render(b, library, 96, 96, pixels);
            if (layer.File == "b_flat.png")
            {
                Assert.Equal(96.0 / 30, layer.Scale, 12); // Enlarged so that the 40×30 source covers 96×96.
                Assert.All(pixels, v => Assert.Equal(0.2f, v, 6));
            }
            else
            {
                Assert.Equal(1.0, layer.Scale);
                for (var x = 0; x < 96; x++)
                {
                    var sx = layer.FlipX ? 95 - x : x;
                    Assert.Equal((layer.X + sx) / 255f, pixels[(10 * 96) + x], 6);
                }
            }
        }

        Assert.Equal(2, seen.Count);
    }

    [Fact]
    public void ExtraLayers_AreBlendedWithTheirOpacity()
    {
        var library = new BackgroundLibrary(this.Folder);
        var b = RecipeSampler.SampleBackground(this.Settings(ValueRange.Fixed(2)), 3, library);
        Assert.Equal(2, b.Layers.Count);
        var both = new float[96 * 96];
        RealBackground.Render(b, library, 96, 96, both);
        var baseOnly = new float[96 * 96];
        RealBackground.Render(b with { Layers = [b.Layers[0]] }, library, 96, 96, baseOnly);
        var top = new float[96 * 96];
        RealBackground.Render(b with { Layers = [b.Layers[1] with { Opacity = 1 }] }, library, 96, 96, top);
        for (var i = 0; i < both.Length; i++)
        {
            Assert.Equal((0.75f * baseOnly[i]) + (0.25f * top[i]), both[i], 5);
        }
    }

    [Fact]
    public void Replay_RefusesAChangedBackgroundFile()
    {
        var settings = this.Settings(ValueRange.Fixed(1));
        var o = new DatasetOptions(Path.Combine(this.scratch.Path, "ds"), 2, 1, 4, ImageFormat.Png8, MaskFormat.Tiff, false, Shard.All, 1);
        DatasetWriter.Write(settings, o, null, CancellationToken.None);
        var document = ReplayCommand.ReadDocument(new SampleFiles(o, 0, 1).Params);
        var file = document.Frames[0].Background.Layers[0].File;
        using (var f = File.Create(Path.Combine(this.Folder, file)))
        {
            PngEncoder.WriteGray8(f, new byte[40 * 30], 40, 30);
        }

        var renderer = new SampleRenderer(96, 96);
        var e = Assert.Throws<InputFileException>(() => renderer.Render(document.Frames[0], new BackgroundLibrary(this.Folder)));
        Assert.Contains(file, e.Message, StringComparison.Ordinal);
        Assert.Equal("sha256", e.Field);
    }

    [Fact]
    public void MissingOrEmptyFolder_NamesTheFolder()
    {
        var empty = Path.Combine(this.scratch.Path, "empty");
        Directory.CreateDirectory(empty);
        Assert.Contains(empty, Assert.Throws<InputFileException>(() => new BackgroundLibrary(empty)).Message, StringComparison.Ordinal);
        var missing = Path.Combine(this.scratch.Path, "missing");
        Assert.Contains("does not exist", Assert.Throws<InputFileException>(() => new BackgroundLibrary(missing)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreadableImage_NamesTheFile()
    {
        File.WriteAllBytes(Path.Combine(this.Folder, "c_broken.png"), [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);
        var library = new BackgroundLibrary(this.Folder);
        var e = Assert.Throws<InputFileException>(() => library.Get("c_broken.png"));
        Assert.Contains("c_broken.png", e.Message, StringComparison.Ordinal);
    }
}
