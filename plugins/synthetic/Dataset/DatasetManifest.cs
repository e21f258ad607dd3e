using Dislocate.Synthetic.Settings;

namespace Dislocate.Synthetic.Dataset;

/// <summary>
/// <c>dataset.json</c> at the top of a dataset folder: everything that decides the dataset's content. A resumed or
/// sharded run must present exactly the same manifest, so that its samples belong to the same dataset.
/// </summary>
/// <param name="Generator">Always <c>dislocate-synthetic</c>.</param>
/// <param name="GeneratorVersion">Plugin version.</param>
/// <param name="FormatVersion">Layout version of the folder.</param>
/// <param name="Seed">Dataset master seed.</param>
/// <param name="Count">Samples in the whole dataset.</param>
/// <param name="Split">Training fraction.</param>
/// <param name="TrainCount">Samples in train/ (indices 0 … TrainCount − 1).</param>
/// <param name="ImageFormat">Image format.</param>
/// <param name="MaskFormat">Mask format.</param>
/// <param name="Labelme">Whether labelme JSON is written.</param>
/// <param name="Settings">Generator settings.</param>
public sealed record DatasetManifest(
    string Generator,
    string GeneratorVersion,
    int FormatVersion,
    ulong Seed,
    long Count,
    double Split,
    long TrainCount,
    ImageFormat ImageFormat,
    MaskFormat MaskFormat,
    bool Labelme,
    GeneratorSettings Settings)
{
    /// <summary>File name of the manifest.</summary>
    public const string FileName = "dataset.json";
}
