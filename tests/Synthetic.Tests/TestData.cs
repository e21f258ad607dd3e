using Dislocate.Contracts;
using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Tests;

/// <summary>Small settings and temp folders shared by the tests.</summary>
internal static class TestData
{
    /// <summary>M2 defaults at 96×96 with slip widths that fit the small image.</summary>
    public static GeneratorSettings Small { get; } = GeneratorSettings.Default with
    {
        Width = 96,
        Height = 96,
        Microstructure = GeneratorSettings.Default.Microstructure with
        {
            SlipWidth = new ValueRange(20, 60),
            Spacing = new ValueRange(6, 14),
            MinLength = 8,
        },
    };


    /// <summary>Every file under a folder with its bytes, keyed by relative path.</summary>
    public static SortedDictionary<string, byte[]> Snapshot(string folder) =>
        new(
            Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes),
            StringComparer.Ordinal);

    public static void AssertSameFiles(string expectedFolder, string actualFolder)
    {
        var a = Snapshot(expectedFolder);
        var b = Snapshot(actualFolder);
        Assert.Equal(a.Keys, b.Keys);
        foreach (var (name, bytes) in a)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(b[name]), $"{name} differs");
        }
    }
}
