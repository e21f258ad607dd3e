using Dislocate.Contracts;
using Dislocate.Synthetic.Dataset;

namespace Dislocate.Synthetic.Commands;

/// <summary>Parameters shared by several commands, declared once.</summary>
internal static class CommonParameters
{
    public static ParameterSpec<long> Seed { get; } = Parameter.Whole("seed", "Random seed", 1, 0, long.MaxValue, "Master seed: the same seed and parameters give byte-identical files.");

    public static ParameterSpec<string> Format { get; } = Parameter.Choice("format", "Image file format", "png8", ["png8", "png16", "tif8", "tif16", "tif32"], "Image format; sequences need a TIFF format.");

    public static ParameterSpec<string> Masks { get; } = Parameter.Choice("masks", "Mask file format", "tiff", ["tiff", "png"], "Instance masks: one multi-page TIFF per sample, or one PNG per dislocation.");

    public static ParameterSpec<long> Threads { get; } = Parameter.Whole("threads", "CPU threads (0 = all)", 0, 0, 1024, "Worker threads; 0 = all cores. Results do not depend on it.");

    public static ImageFormat ReadFormat(ParameterValues v) => Enum.Parse<ImageFormat>(v.Get(Format), ignoreCase: true);

    public static MaskFormat ReadMasks(ParameterValues v) => Enum.Parse<MaskFormat>(v.Get(Masks), ignoreCase: true);

    public static ulong ReadSeed(ParameterValues v) => (ulong)v.Get(Seed);

    public static int ReadThreads(ParameterValues v) => v.GetInt32(Threads) is > 0 and var t ? t : Environment.ProcessorCount;
}
