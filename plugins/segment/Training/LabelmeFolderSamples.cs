using Dislocate.Contracts;
using Dislocate.Core.Drawing;
using Dislocate.Core.Geometry;
using Dislocate.Core.IO;

namespace Dislocate.Segment.Training;

/// <summary>
/// Real images annotated in labelme (one line-like shape per dislocation: linestrip, line or polygon), for fine-tuning:
/// each dislocation becomes one instance mask of the pixels whose centre lies within <c>maskWidth / 2</c> of its line —
/// the same rule the synthetic generator uses for its masks.
/// </summary>
/// <remarks>
/// Shapes sharing a <c>group_id</c> are one dislocation (the generator's export writes a line that leaves and re-enters
/// the image as several shapes of one group); shapes without a group are one dislocation each. Coordinates are read as
/// the generator writes them: pixel (x, y) covers [x, x+1) × [y, y+1), so exported synthetic annotations give back the
/// generator's own masks.
/// </remarks>
internal sealed class LabelmeFolderSamples : ITrainingSamples
{
    private readonly string[] files;
    private readonly double maskWidth;

    /// <summary>Lists the labelme JSON files of <paramref name="folder"/> (sorted) that annotate at least one line.</summary>
    public LabelmeFolderSamples(string folder, double maskWidth)
    {
        if (!Directory.Exists(folder))
        {
            throw new InputFileException(folder, null, "folder not found");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maskWidth);
        this.maskWidth = maskWidth;
        this.files = Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).ToArray();
        if (this.files.Length == 0)
        {
            throw new InputFileException(folder, null, "holds no labelme JSON file");
        }

        this.Description = $"labelme folder {Path.GetFullPath(folder)} ({this.files.Length} images)";
    }

    /// <inheritdoc/>
    public long Count => this.files.Length;

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public TrainingSample Get(long index)
    {
        var file = this.files[index];
        var document = LabelmeJson.Read(file);
        var imagePath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, document.ImagePath);
        var image = ImageFileReader.ReadGray(imagePath);
        if (image.Width != document.ImageWidth || image.Height != document.ImageHeight)
        {
            throw new InputFileException(file, "imageWidth", $"says {document.ImageWidth}×{document.ImageHeight} but {imagePath} is {image.Width}×{image.Height}");
        }

        var masks = Rasterise(Dislocations(document), image.Width, image.Height, this.maskWidth);
        if (masks.Count == 0)
        {
            throw new InputFileException(file, "shapes", "annotates no line (linestrip, line or polygon with two distinct points)");
        }

        return new TrainingSample(image.Width, image.Height, image.Pixels, masks, file);
    }

    /// <summary>The line-like shapes of a document grouped into dislocations (by group_id; ungrouped shapes alone).</summary>
    internal static List<PointD[][]> Dislocations(LabelmeDocument document)
    {
        var result = new List<PointD[][]>();
        var groups = new Dictionary<int, int>();
        foreach (var shape in document.Shapes)
        {
            if (shape.ShapeType is not (LabelmeShapeTypes.LineStrip or LabelmeShapeTypes.Line or LabelmeShapeTypes.Polygon))
            {
                continue;
            }

            var points = Polyline.RemoveRepeats(shape.Points.Select(p => new PointD(p.X, p.Y)).ToArray());
            if (points.Length < 2)
            {
                continue;
            }

            if (shape.GroupId is int group && groups.TryGetValue(group, out var at))
            {
                result[at] = [.. result[at], points];
                continue;
            }

            if (shape.GroupId is int newGroup)
            {
                groups[newGroup] = result.Count;
            }

            result.Add([points]);
        }

        return result;
    }

    /// <summary>One mask per dislocation: the pixels within width / 2 of any of its lines.</summary>
    internal static List<byte[]> Rasterise(IReadOnlyList<PointD[][]> dislocations, int width, int height, double maskWidth)
    {
        var field = new PolylineDistanceField(width, height);
        var masks = new List<byte[]>();
        foreach (var parts in dislocations)
        {
            var mask = new byte[width * height];
            foreach (var part in parts)
            {
                field.Compute(part, maskWidth / 2);
                foreach (var i in field.TouchedIndices)
                {
                    mask[i] = 1;
                }
            }

            masks.Add(mask);
        }

        return masks;
    }
}
