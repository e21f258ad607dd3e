namespace Dislocate.Segment.Inference;

/// <summary>How <see cref="TiledPredictor"/> covers an image with network inputs.</summary>
/// <param name="TileSize">Side of the square tiles in pixels (multiple of 32); usually the model's training tile size.</param>
/// <param name="Overlap">Pixels by which neighbouring tiles overlap at least; predictions are blended across it (0 to half a tile).</param>
/// <param name="BatchSize">Tiles per forward pass; memory grows with it.</param>
/// <param name="Resize">Instead of tiling, resample the whole image to TileSize × TileSize (bilinear) and the maps back.</param>
/// <param name="Views">
/// Test-time augmentation: the maps are the mean over this many orientations of the image (1 = as it is; 2 adds the
/// left-right mirror; 4 adds the top-bottom mirror and the half turn; 8 adds the four transposed ones), each turned back
/// before averaging. The time grows with it; a line model sees faint lines more surely in the mean.
/// </param>
public sealed record TilingOptions(int TileSize = 512, int Overlap = 64, int BatchSize = TilingOptions.DefaultBatchSize, bool Resize = false, int Views = TilingOptions.DefaultViews)
{
    /// <summary>
    /// The default number of views: 2 (the image and its mirror). With model 1.8.0 on the 200 M2 images, views 1, 2 and
    /// 4 gave line-F1 0.816, 0.826 and 0.831, the paper metric 0.689, 0.703 and 0.705, and 72.8, 74.4 and 74.9 % of the
    /// true lines matched; the real frames 0.938, 0.943 and 0.941. Two views take most of the gain for twice the time.
    /// </summary>
    public const int DefaultViews = 2;

    /// <summary>Whether <paramref name="views"/> is a number of views the predictor averages: 1, 2, 4 or 8 (closed sets of orientations).</summary>
    public static bool IsViewCount(int views) => views is 1 or 2 or 4 or 8;

    /// <summary>Largest tile side accepted.</summary>
    public const int MaxTileSize = 8192;

    /// <summary>
    /// The default tiles per network call: 1. On the CPU a larger batch is no faster and holds more memory (ONNX
    /// Runtime, model 1.9.0, 2 cores: a 2048² frame in 7.76 / 7.83 / 8.01 s of forward at batch 1 / 2 / 4, peak RSS
    /// 0.72 / 1.11 / 1.68 GB; a 4096² frame with two views 1.40 GB at batch 1 against 1.75 at 2, as fast). A GPU may
    /// gain from more.
    /// </summary>
    public const int DefaultBatchSize = 1;

    /// <summary>Largest batch accepted.</summary>
    public const int MaxBatchSize = 256;

    /// <summary>The first problem as (snake_case parameter name, message), or null when the options are valid.</summary>
    public (string Field, string Problem)? FindProblem()
    {
        if (this.TileSize < 32 || this.TileSize > MaxTileSize || this.TileSize % 32 != 0)
        {
            return ("tile_size", $"must be a multiple of 32 between 32 and {MaxTileSize}, got {this.TileSize}");
        }

        if (this.Overlap < 0 || this.Overlap > this.TileSize / 2)
        {
            return ("overlap", $"must be between 0 and half the tile size ({this.TileSize / 2}), got {this.Overlap}");
        }

        if (this.BatchSize < 1 || this.BatchSize > MaxBatchSize)
        {
            return ("batch_size", $"must be between 1 and {MaxBatchSize}, got {this.BatchSize}");
        }

        if (!IsViewCount(this.Views))
        {
            return ("views", $"must be 1, 2, 4 or 8, got {this.Views}");
        }

        return null;
    }
}
