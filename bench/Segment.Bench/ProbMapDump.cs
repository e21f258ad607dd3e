using System.Globalization;
using System.Runtime.InteropServices;
using Dislocate.Core.Imaging;
using Dislocate.Segment.Inference;
using Dislocate.Segment.PostProcessing;

namespace Dislocate.Segment.Bench;

/// <summary>Writes a model's raw probability maps for raw float32 frames (<c>NAME_WxH.f32</c>, values in [0, 1]), for offline analysis of post-processing.</summary>
/// <remarks>Usage: <c>probmap MODEL IN_DIR OUT_DIR</c>; writes OUT_DIR/NAME_WxH.f32 (the first output channel).</remarks>
internal static class ProbMapDump
{
    public static int Run(string[] args)
    {
        using var segmenter = Segmenter.Open(args[0], InferenceEngine.Onnx, "cpu", 2, null, new PostProcessingOptions());
        Directory.CreateDirectory(args[2]);
        foreach (var file in Directory.GetFiles(args[1], "*.f32").Order(StringComparer.Ordinal))
        {
            var stem = Path.GetFileNameWithoutExtension(file);
            var size = stem[(stem.LastIndexOf('_') + 1)..].Split('x');
            var w = int.Parse(size[0], CultureInfo.InvariantCulture);
            var h = int.Parse(size[1], CultureInfo.InvariantCulture);
            var pixels = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(file)).ToArray();
            var maps = segmenter.Predict(new GrayImage(w, h, pixels));
            File.WriteAllBytes(Path.Combine(args[2], stem + ".f32"), MemoryMarshal.AsBytes(maps[0].AsSpan()).ToArray());
            Console.WriteLine(stem);
        }

        return 0;
    }
}
