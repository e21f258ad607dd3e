using Dislocate.Contracts;
using Dislocate.Core.Imaging;
using Dislocate.Core.IO;
using Dislocate.Synthetic.Recipes;

namespace Dislocate.Synthetic.Backgrounds;

/// <summary>
/// Background from real images (paper section 2.2): the first layer is a crop of one image; each further layer is a
/// crop of a randomly chosen image superimposed with opacity α: B ← (1 − α)·B + α·crop.
/// </summary>
/// <remarks>
/// A source smaller than the output is enlarged by <see cref="BackgroundLayer.Scale"/> with bilinear
/// interpolation (pixel centres aligned), then cropped; optional mirroring adds variety without new files.
/// </remarks>
public static class RealBackground
{
    /// <summary>Renders the layers into <paramref name="destination"/>; throws <see cref="InputFileException"/> when a file changed since the recipe was made.</summary>
    public static void Render(BackgroundRecipe recipe, BackgroundLibrary library, int width, int height, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(library);
        var dest = destination[..(width * height)];
        for (var li = 0; li < recipe.Layers.Count; li++)
        {
            var layer = recipe.Layers[li];
            var (source, sha) = library.Get(layer.File);
            if (!string.Equals(sha, layer.Sha256, StringComparison.Ordinal))
            {
                throw new InputFileException(Path.Combine(library.Folder, layer.File), "sha256", "the background image differs from the one this recipe was made with");
            }

            var alpha = li == 0 ? 1f : (float)layer.Opacity;
            for (var y = 0; y < height; y++)
            {
                var row = dest.Slice(y * width, width);
                var sy = layer.FlipY ? height - 1 - y : y;
                for (var x = 0; x < width; x++)
                {
                    var sx = layer.FlipX ? width - 1 - x : x;
                    var v = Sample(source, layer, sx, sy);
                    row[x] = li == 0 ? v : ((1f - alpha) * row[x]) + (alpha * v);
                }
            }
        }
    }

    /// <summary>The scaled source's value at crop pixel (x, y).</summary>
    private static float Sample(GrayImage source, BackgroundLayer layer, int x, int y)
    {
        // Coordinates past the source edge (a drifting sequence) repeat the edge pixel.
        if (layer.Scale == 1.0)
        {
            return source[Math.Clamp(layer.X + x, 0, source.Width - 1), Math.Clamp(layer.Y + y, 0, source.Height - 1)];
        }

        var fx = ((layer.X + x + 0.5) / layer.Scale) - 0.5;
        var fy = ((layer.Y + y + 0.5) / layer.Scale) - 0.5;
        var x0 = Math.Clamp((int)Math.Floor(fx), 0, source.Width - 1);
        var y0 = Math.Clamp((int)Math.Floor(fy), 0, source.Height - 1);
        var x1 = Math.Min(x0 + 1, source.Width - 1);
        var y1 = Math.Min(y0 + 1, source.Height - 1);
        var tx = (float)Math.Clamp(fx - x0, 0, 1);
        var ty = (float)Math.Clamp(fy - y0, 0, 1);
        var top = source[x0, y0] + (tx * (source[x1, y0] - source[x0, y0]));
        var bottom = source[x0, y1] + (tx * (source[x1, y1] - source[x0, y1]));
        return top + (ty * (bottom - top));
    }
}
