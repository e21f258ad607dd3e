namespace Dislocate.Segment.Inference;

/// <summary>How <see cref="TiledPredictor"/> covers an image with network inputs.</summary>
/// <param name="TileSize">Side of the square tiles in pixels (multiple of 32); usually the model's training tile size.</param>
/// <param name="Overlap">Pixels by which neighbouring tiles overlap at least; predictions are blended across it (0 to half a tile).</param>
/// <param name="BatchSize">Tiles per forward pass; memory grows with it.</param>
/// <param name="Resize">Instead of tiling, resample the whole image to TileSize × TileSize (bilinear) and the maps back.</param>
public sealed record TilingOptions(int TileSize = 512, int Overlap = 64, int BatchSize = 2, bool Resize = false)
{
    /// <summary>Largest tile side accepted.</summary>
    public const int MaxTileSize = 8192;

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

        return null;
    }
}
