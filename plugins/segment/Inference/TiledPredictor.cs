using Dislocate.Core.Imaging;
using Dislocate.Segment.Model;
using static TorchSharp.torch;

namespace Dislocate.Segment.Inference;

/// <summary>
/// Runs a segmentation network over images of any size and returns one probability map (sigmoid of the logits) per
/// output at the image's size.
/// </summary>
/// <remarks>
/// The whole image is normalised once (per-image statistics are those of the whole image, not of a tile). It is then
/// covered by equal tiles (<see cref="TileLayout"/>) that overlap by at least <see cref="TilingOptions.Overlap"/>;
/// sides shorter than a tile are padded by reflection to a multiple of 32 and cropped back. Tiles go through the
/// network <see cref="TilingOptions.BatchSize"/> at a time (eval mode, no gradients) and are accumulated into the
/// output arrays with <see cref="BlendWindow"/> weights, then divided by the summed weight, so memory beyond the
/// output is one batch and seams are smooth. With <see cref="TilingOptions.Resize"/> the image is instead resampled to
/// one tile (bilinear, antialiased when shrinking) and the maps resampled back. The model is put in eval mode while
/// the predictor lives and its previous mode restored on <see cref="Dispose"/>; the predictor does not own the model.
/// With <see cref="TilingOptions.Views"/> above 1 the same runs on mirrored and transposed copies of the image
/// (<see cref="ImageOrientation"/>), and the maps, turned back, are averaged.
/// </remarks>
internal sealed class TiledPredictor : IDisposable
{
    private readonly ITileNetwork network;
    private readonly int outputs;
    private readonly InputNormalisation normalisation;
    private readonly TilingOptions options;
    private bool disposed;

    /// <summary>Creates a predictor for <paramref name="model"/> (already on <paramref name="device"/>) with its <paramref name="metadata"/>.</summary>
    public TiledPredictor(UNetPlusPlus model, ModelMetadata metadata, Device device, TilingOptions options)
        : this(new TorchTileNetwork(Checked(model, metadata), device), metadata.Normalisation, options)
    {
    }

    /// <summary>
    /// Creates a predictor around any function from input [B, 1, h, w] to logits [B, <paramref name="outputs"/>, h, w]
    /// (tests use pointwise functions whose exact result is known).
    /// </summary>
    internal TiledPredictor(Func<Tensor, Tensor> network, int outputs, InputNormalisation normalisation, Device device, TilingOptions options)
        : this(new TorchTileNetwork(network, outputs, device), normalisation, options)
    {
    }

    /// <summary>Creates a predictor around a network of either engine; the predictor owns and disposes it.</summary>
    public TiledPredictor(ITileNetwork network, InputNormalisation normalisation, TilingOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(normalisation);
        ArgumentNullException.ThrowIfNull(options);
        if (options.FindProblem() is { } problem)
        {
            network.Dispose();
            throw new ArgumentException($"Invalid tiling options: {problem.Field} {problem.Problem}.", nameof(options));
        }

        if (normalisation.FindProblem() is { } bad)
        {
            network.Dispose();
            throw new ArgumentException($"Invalid input normalisation: {bad.Field} {bad.Problem}.", nameof(normalisation));
        }

        this.network = network;
        this.outputs = network.Outputs;
        this.normalisation = normalisation;
        this.options = options;
    }

    /// <summary>The engine that runs the network.</summary>
    public string Engine => this.network.Engine;

    /// <summary>The tiling in use.</summary>
    public TilingOptions Options => this.options;

    /// <summary>
    /// Probability maps of <paramref name="image"/>: <c>result[k][y * width + x]</c> in [0, 1] for output k. Checks
    /// <paramref name="cancellation"/> before every batch.
    /// </summary>
    public float[][] Predict(GrayImage image, CancellationToken cancellation = default) => this.Predict(image, null, cancellation);

    /// <summary>As <see cref="Predict(GrayImage, CancellationToken)"/>, adding the time of each phase to <paramref name="phases"/>.</summary>
    public float[][] Predict(GrayImage image, InferencePhases? phases, CancellationToken cancellation) =>
        this.Predict(image, this.options.Views, phases, cancellation);

    /// <summary>As <see cref="Predict(GrayImage, InferencePhases, CancellationToken)"/> over <paramref name="views"/> views (1, 2, 4 or 8) instead of the options' number.</summary>
    public float[][] Predict(GrayImage image, int views, InferencePhases? phases, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!TilingOptions.IsViewCount(views))
        {
            throw new ArgumentOutOfRangeException(nameof(views), views, "Views must be 1, 2, 4 or 8.");
        }

        ObjectDisposedException.ThrowIf(this.disposed, this);
        cancellation.ThrowIfCancellationRequested();
        phases ??= new InferencePhases();
        var input = new float[image.Pixels.Length];
        using (phases.Time("normalise"))
        {
            this.normalisation.Apply(image.Pixels, input);
        }

        var result = this.PredictView(input, image.Width, image.Height, phases, cancellation);
        if (views > 1)
        {
            var turned = new float[input.Length];
            for (var view = 1; view < views; view++)
            {
                var orientation = ImageOrientation.Of(view, image.Width, image.Height);
                orientation.Apply(input, turned);
                var maps = this.PredictView(turned, orientation.Width, orientation.Height, phases, cancellation);
                for (var k = 0; k < result.Length; k++)
                {
                    orientation.AddBack(maps[k], result[k]);
                }
            }

            var scale = 1f / views;
            foreach (var map in result)
            {
                for (var i = 0; i < map.Length; i++)
                {
                    map[i] *= scale;
                }
            }
        }

        using var blend = phases.Time("blend");
        foreach (var map in result)
        {
            // A weighted mean of values in [0, 1] can round a hair outside; the contract is [0, 1].
            for (var i = 0; i < map.Length; i++)
            {
                map[i] = Math.Clamp(map[i], 0f, 1f);
            }
        }

        return result;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (this.disposed)
        {
            return;
        }

        this.disposed = true;
        this.network.Dispose();
    }

    private static UNetPlusPlus Checked(UNetPlusPlus model, ModelMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (model.Spec != metadata.Spec)
        {
            throw new ArgumentException($"The metadata describes {metadata.Spec}, but the model is {model.Spec}.", nameof(metadata));
        }

        if (model.Spec.InputChannels != 1)
        {
            throw new ArgumentException($"Grey images need a 1-channel model; this one takes {model.Spec.InputChannels} channels.", nameof(model));
        }

        return model;
    }

    private float[][] PredictView(float[] input, int width, int height, InferencePhases phases, CancellationToken cancellation) =>
        this.options.Resize
            ? this.network.RunResized(input, width, height, this.options.TileSize)
            : this.PredictTiled(input, width, height, phases, cancellation);

    private float[][] PredictTiled(float[] input, int width, int height, InferencePhases phases, CancellationToken cancellation)
    {
        var tileWidth = TileLayout.Extent(width, this.options.TileSize);
        var tileHeight = TileLayout.Extent(height, this.options.TileSize);
        // A tile shrunk to a short axis is alone on it, so the overlap only needs to fit the tile.
        var overlapX = Math.Min(this.options.Overlap, tileWidth / 2);
        var overlapY = Math.Min(this.options.Overlap, tileHeight / 2);
        var xs = TileLayout.Starts(width, tileWidth, overlapX);
        var ys = TileLayout.Starts(height, tileHeight, overlapY);
        var windowX = xs.Select((_, k) => BlendWindow.Create(tileWidth, overlapX, k > 0, k < xs.Length - 1)).ToArray();
        var windowY = ys.Select((_, k) => BlendWindow.Create(tileHeight, overlapY, k > 0, k < ys.Length - 1)).ToArray();
        var tiles = ys.SelectMany((_, row) => xs.Select((_, column) => (Row: row, Column: column))).ToArray();

        var plane = width * height;
        var result = new float[this.outputs][];
        for (var k = 0; k < this.outputs; k++)
        {
            result[k] = new float[plane];
        }

        var weightSum = new float[plane];
        var tilePlane = tileWidth * tileHeight;
        var batch = new float[this.options.BatchSize * tilePlane];
        var probabilities = new float[this.options.BatchSize * this.outputs * tilePlane];
        for (var first = 0; first < tiles.Length; first += this.options.BatchSize)
        {
            cancellation.ThrowIfCancellationRequested();
            var count = Math.Min(this.options.BatchSize, tiles.Length - first);
            using (phases.Time("tile"))
            {
                for (var b = 0; b < count; b++)
                {
                    var (row, column) = tiles[first + b];
                    CutTile(input, width, height, xs[column], ys[row], tileWidth, tileHeight, batch.AsSpan(b * tilePlane, tilePlane));
                }
            }

            using (phases.Time("forward"))
            {
                this.network.Run(batch.AsSpan(0, count * tilePlane), count, tileHeight, tileWidth, probabilities.AsSpan(0, count * this.outputs * tilePlane));
            }

            using var accumulate = phases.Time("blend");
            for (var b = 0; b < count; b++)
            {
                var (row, column) = tiles[first + b];
                this.Accumulate(probabilities.AsSpan(b * this.outputs * tilePlane, this.outputs * tilePlane), xs[column], ys[row], tileWidth, tileHeight, windowX[column], windowY[row], width, height, result, weightSum);
            }
        }

        foreach (var map in result)
        {
            for (var i = 0; i < plane; i++)
            {
                map[i] /= weightSum[i];
            }
        }

        return result;
    }

    private static void CutTile(float[] image, int width, int height, int x0, int y0, int tileWidth, int tileHeight, Span<float> tile)
    {
        for (var r = 0; r < tileHeight; r++)
        {
            var source = TileLayout.Reflect(y0 + r, height) * width;
            var target = tile.Slice(r * tileWidth, tileWidth);
            if (x0 + tileWidth <= width)
            {
                image.AsSpan(source + x0, tileWidth).CopyTo(target);
                continue;
            }

            for (var c = 0; c < tileWidth; c++)
            {
                target[c] = image[source + TileLayout.Reflect(x0 + c, width)];
            }
        }
    }

    private void Accumulate(ReadOnlySpan<float> tile, int x0, int y0, int tileWidth, int tileHeight, float[] windowX, float[] windowY, int width, int height, float[][] result, float[] weightSum)
    {
        var rows = Math.Min(tileHeight, height - y0);
        var columns = Math.Min(tileWidth, width - x0);
        var tilePlane = tileWidth * tileHeight;
        for (var r = 0; r < rows; r++)
        {
            var line = ((y0 + r) * width) + x0;
            var wy = windowY[r];
            for (var c = 0; c < columns; c++)
            {
                weightSum[line + c] += wy * windowX[c];
            }

            for (var k = 0; k < this.outputs; k++)
            {
                var map = result[k].AsSpan(line, columns);
                var source = tile.Slice((k * tilePlane) + (r * tileWidth), columns);
                for (var c = 0; c < columns; c++)
                {
                    map[c] += wy * windowX[c] * source[c];
                }
            }
        }
    }
}
