using Dislocate.Contracts;

namespace Dislocate.Core.IO;

/// <summary>The labelme <c>shape_type</c> values.</summary>
public static class LabelmeShapeTypes
{
    /// <summary>A closed polygon (labelme's default when <c>shape_type</c> is missing).</summary>
    public const string Polygon = "polygon";

    /// <summary>An open polyline of two or more points.</summary>
    public const string LineStrip = "linestrip";

    /// <summary>A single segment of two points.</summary>
    public const string Line = "line";

    /// <summary>A single point.</summary>
    public const string Point = "point";

    /// <summary>Several unconnected points.</summary>
    public const string Points = "points";

    /// <summary>An axis-aligned rectangle given by two corners.</summary>
    public const string Rectangle = "rectangle";

    /// <summary>A circle given by its centre and a point on it.</summary>
    public const string Circle = "circle";
}

/// <summary>One labelme shape.</summary>
/// <param name="Label">The class label, e.g. "dislocation".</param>
/// <param name="ShapeType">The labelme <c>shape_type</c>, see <see cref="LabelmeShapeTypes"/>.</param>
/// <param name="Points">Vertices in pixel coordinates (x to the right, y down, labelme's convention), as (X, Y) tuples in file order.</param>
/// <param name="GroupId">The <c>group_id</c> (labelme's instance grouping), or null.</param>
/// <param name="Flags">The shape's <c>flags</c> object; null is written as <c>{}</c>.</param>
/// <param name="Description">The shape's <c>description</c> (labelme ≥ 5.2), or null to omit it.</param>
public sealed record LabelmeShape(
    string Label,
    string ShapeType,
    IReadOnlyList<(double X, double Y)> Points,
    int? GroupId = null,
    IReadOnlyDictionary<string, bool>? Flags = null,
    string? Description = null);

/// <summary>A labelme annotation file.</summary>
/// <param name="Shapes">The shapes in file order.</param>
/// <param name="ImagePath">The <c>imagePath</c>, relative to the JSON file as labelme writes it.</param>
/// <param name="ImageWidth">The <c>imageWidth</c> in pixels (positive).</param>
/// <param name="ImageHeight">The <c>imageHeight</c> in pixels (positive).</param>
/// <param name="Version">The labelme <c>version</c> string.</param>
/// <param name="Flags">The image-level <c>flags</c> object; null is written as <c>{}</c>.</param>
/// <param name="ImageData">The base64 <c>imageData</c>, or null (the usual case: the image lives next to the JSON).</param>
public sealed record LabelmeDocument(
    IReadOnlyList<LabelmeShape> Shapes,
    string ImagePath,
    int ImageWidth,
    int ImageHeight,
    string Version = LabelmeJson.DefaultVersion,
    IReadOnlyDictionary<string, bool>? Flags = null,
    string? ImageData = null);
