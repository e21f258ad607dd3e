using Dislocate.Contracts;
using Dislocate.Core.IO;

namespace Dislocate.Core.Tests.IO;

public class LabelmeJsonTests
{
    private static LabelmeDocument Sample() => new(
        [
            new LabelmeShape("dislocation", LabelmeShapeTypes.LineStrip, [(0.1, 2.0 / 3.0), (123456.789, 1e-7), (-3.5, 511.99999999999994)], GroupId: 7, Flags: new Dictionary<string, bool> { ["z"] = true, ["a"] = false }, Description: "screw?"),
            new LabelmeShape("loop", LabelmeShapeTypes.Polygon, [(1, 1), (5, 1), (5, 4)]),
            new LabelmeShape("pin", LabelmeShapeTypes.Point, [(3, 4)]),
            new LabelmeShape("segment", LabelmeShapeTypes.Line, [(0, 0), (9, 9)]),
        ],
        "img_0001.png",
        ImageWidth: 512,
        ImageHeight: 384,
        Flags: new Dictionary<string, bool> { ["reviewed"] = true });

    [Fact]
    public void RoundTripsThroughTextAndFile()
    {
        var original = Sample();
        var json = LabelmeJson.Serialize(original);
        Assert.DoesNotContain("\r", json, StringComparison.Ordinal);
        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
        Assert.Contains("\"imageData\": null", json, StringComparison.Ordinal);
        Assert.Equal(json, LabelmeJson.Serialize(LabelmeJson.Parse(json, "mem.json")));

        using var folder = new TempFolder();
        var path = folder.File("img_0001.json");
        LabelmeJson.Write(path, original);
        Assert.Single(Directory.GetFiles(folder.Path));
        var read = LabelmeJson.Read(path);

        Assert.Equal((original.ImagePath, original.ImageWidth, original.ImageHeight, original.Version, original.ImageData), (read.ImagePath, read.ImageWidth, read.ImageHeight, read.Version, read.ImageData));
        Assert.True(read.Flags!["reviewed"]);
        Assert.Equal(original.Shapes.Count, read.Shapes.Count);
        for (var i = 0; i < original.Shapes.Count; i++)
        {
            var (a, b) = (original.Shapes[i], read.Shapes[i]);
            Assert.Equal((a.Label, a.ShapeType, a.GroupId, a.Description), (b.Label, b.ShapeType, b.GroupId, b.Description));
            Assert.Equal(a.Points, b.Points); // bit-exact doubles
        }

        Assert.Equal(["a", "z"], read.Shapes[0].Flags!.Keys.Order(StringComparer.Ordinal));
        Assert.False(read.Shapes[0].Flags!["a"]);
    }

    [Fact]
    public void SerializationIsDeterministicAndSortsFlags()
    {
        var json = LabelmeJson.Serialize(Sample());
        Assert.Equal(json, LabelmeJson.Serialize(Sample()));
        Assert.True(json.IndexOf("\"a\": false", StringComparison.Ordinal) < json.IndexOf("\"z\": true", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => LabelmeJson.Serialize(Sample() with { Shapes = [new LabelmeShape("x", "line", [(double.NaN, 0), (1, 1)])] }));
    }

    [Fact]
    public void ParsesARealLookingLabelmeFile()
    {
        const string json = """
            {
              "version": "5.4.1",
              "flags": {},
              "shapes": [
                {
                  "label": "dislocation",
                  "points": [
                    [
                      102.43902439024392,
                      37.80487804878049
                    ],
                    [
                      180.48780487804876,
                      95.1219512195122
                    ],
                    [
                      250,
                      140.5
                    ]
                  ],
                  "group_id": null,
                  "description": "",
                  "shape_type": "linestrip",
                  "flags": {},
                  "mask": null
                },
                {
                  "label": "dislocation",
                  "points": [
                    [
                      10,
                      20
                    ],
                    [
                      30,
                      40
                    ]
                  ],
                  "group_id": 2,
                  "shape_type": "line",
                  "flags": {}
                },
                {
                  "label": "precipitate",
                  "points": [
                    [
                      5,
                      5
                    ],
                    [
                      9,
                      9
                    ]
                  ],
                  "group_id": null,
                  "shape_type": "circle",
                  "flags": {}
                },
                {
                  "label": "loop",
                  "points": [
                    [
                      1,
                      1
                    ],
                    [
                      8,
                      1
                    ],
                    [
                      8,
                      6
                    ]
                  ],
                  "group_id": null,
                  "shape_type": "polygon",
                  "flags": {}
                }
              ],
              "imagePath": "../images/sample_012.tif",
              "imageData": null,
              "imageHeight": 480,
              "imageWidth": 640
            }
            """;
        var doc = LabelmeJson.Parse(json, "sample_012.json");
        Assert.Equal((640, 480, "../images/sample_012.tif", "5.4.1"), (doc.ImageWidth, doc.ImageHeight, doc.ImagePath, doc.Version));
        Assert.Null(doc.ImageData);
        Assert.Equal(4, doc.Shapes.Count);
        Assert.Equal((102.43902439024392, 37.80487804878049), doc.Shapes[0].Points[0]);
        Assert.Equal(string.Empty, doc.Shapes[0].Description);
        Assert.Equal(2, doc.Shapes[1].GroupId);

        var lines = LabelmeJson.LinePolylines(doc);
        Assert.Equal(3, lines.Count);
        Assert.Equal([3, 2, 3], lines.Select(l => l.Length));
        var closed = LabelmeJson.LinePolylines(doc, closePolygons: true);
        Assert.Equal(4, closed[2].Length);
        Assert.Equal(closed[2][0], closed[2][^1]);
        Assert.True(LabelmeJson.IsLineLike("linestrip"));
        Assert.False(LabelmeJson.IsLineLike("circle"));
    }

    private const string Valid = """{"version":"5.4.1","flags":{},"shapes":[SHAPES],"imagePath":"a.png","imageData":null,"imageHeight":HEIGHT,"imageWidth":WIDTH}""";

    private static string Make(string shapes, string height = "100", string width = "200") =>
        Valid.Replace("SHAPES", shapes, StringComparison.Ordinal).Replace("HEIGHT", height, StringComparison.Ordinal).Replace("WIDTH", width, StringComparison.Ordinal);

    private const string GoodShape = """{"label":"d","points":[[1,2],[3,4]],"group_id":null,"shape_type":"linestrip","flags":{}}""";

    [Theory]
    [InlineData("""{"label":"d","shape_type":"linestrip"}""", "shapes[1].points", "missing")]
    [InlineData("""{"label":"d","points":5,"shape_type":"linestrip"}""", "shapes[1].points", "expected an array")]
    [InlineData("""{"label":"d","points":[[1,2]],"shape_type":"linestrip"}""", "shapes[1].points", "at least 2 points")]
    [InlineData("""{"label":"d","points":[[1,2]],"shape_type":"line"}""", "shapes[1].points", "at least 2 points")]
    [InlineData("""{"label":"d","points":[[1,2]]}""", "shapes[1].points", "'polygon' shape needs at least 2")]
    [InlineData("""{"label":"d","points":[[1,2],[3]],"shape_type":"linestrip"}""", "shapes[1].points[1]", "expected [x, y]")]
    [InlineData("""{"label":"d","points":[[1,2],"p"],"shape_type":"linestrip"}""", "shapes[1].points[1]", "expected [x, y]")]
    [InlineData("""{"label":"d","points":[[1,2],[3,"x"]],"shape_type":"linestrip"}""", "shapes[1].points[1][1]", "expected a number")]
    [InlineData("""{"label":"d","points":[[1,2],[null,4]],"shape_type":"linestrip"}""", "shapes[1].points[1][0]", "expected a number")]
    [InlineData("""{"label":"d","points":[[1e400,2],[3,4]],"shape_type":"linestrip"}""", "shapes[1].points[0][0]", "not finite")]
    [InlineData("""{"points":[[1,2],[3,4]],"shape_type":"linestrip"}""", "shapes[1].label", "missing")]
    [InlineData("""{"label":null,"points":[[1,2],[3,4]]}""", "shapes[1].label", "missing")]
    [InlineData("""{"label":5,"points":[[1,2],[3,4]]}""", "shapes[1].label", "expected a string, found a number 5")]
    [InlineData("""{"label":"d","points":[[1,2],null]}""", "shapes[1].points[1]", "expected [x, y], found null")]
    [InlineData("""{"label":"d","points":[[1,2],[3,4]],"flags":{"a":null}}""", "shapes[1].flags.a", "expected true or false, found null")]
    [InlineData("""{"label":"d","points":[[1,2],[3,4]],"group_id":"x"}""", "shapes[1].group_id", "integer")]
    [InlineData("""{"label":"d","points":[[1,2],[3,4]],"flags":{"a":1}}""", "shapes[1].flags.a", "true or false")]
    [InlineData("""[1]""", "shapes[1]", "expected an object")]
    public void MalformedShapesNameTheField(string shape, string field, string problem)
    {
        var ex = Assert.Throws<InputFileException>(() => LabelmeJson.Parse(Make(GoodShape + "," + shape), "bad.json"));
        Assert.Equal(field, ex.Field);
        Assert.Contains(problem, ex.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"bad.json: {field}: ", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "200", "imageHeight", "missing")]
    [InlineData("0", "200", "imageHeight", "positive")]
    [InlineData("100", "-3", "imageWidth", "positive")]
    [InlineData("100", "12.5", "imageWidth", "positive integer")]
    [InlineData("100", "\"200\"", "imageWidth", "positive integer")]
    public void InvalidImageSizeNamesTheField(string? height, string width, string field, string problem)
    {
        var json = Make(GoodShape, height ?? "100", width);
        if (height is null)
        {
            json = json.Replace("\"imageHeight\":100,", string.Empty, StringComparison.Ordinal);
        }

        var ex = Assert.Throws<InputFileException>(() => LabelmeJson.Parse(json, "bad.json"));
        Assert.Equal(field, ex.Field);
        Assert.Contains(problem, ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidJsonReportsLineAndPosition()
    {
        using var folder = new TempFolder();
        var path = folder.File("broken.json");
        File.WriteAllText(path, "{\n  \"version\": \"5.4.1\",\n  \"shapes\": [,]\n}\n");
        var ex = Assert.Throws<InputFileException>(() => LabelmeJson.Read(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 3, byte 14", ex.Message, StringComparison.Ordinal);

        var missing = folder.File("missing.json");
        ex = Assert.Throws<InputFileException>(() => LabelmeJson.Read(missing));
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);

        ex = Assert.Throws<InputFileException>(() => LabelmeJson.Parse("""{"imageHeight":1,"imageWidth":1}""", "x.json"));
        Assert.Equal("shapes", ex.Field);
    }

    [Fact]
    public void ALabelThatIsNotValidUtf8_IsRefusedNamingTheFile()
    {
        // JsonDocument accepts the structure and fails only when the string is read; found by the hostile-input suite.
        var bytes = System.Text.Encoding.UTF8.GetBytes("""{"shapes": [{"label": "dislocationXX", "shape_type": "linestrip", "points": [[0, 0], [5, 5]]}], "imagePath": "a.png", "imageWidth": 8, "imageHeight": 8}""");
        var at = Array.IndexOf(bytes, (byte)'X');
        bytes[at] = 0xFF;
        bytes[at + 1] = 0xFE;

        var e = Assert.Throws<InputFileException>(() => LabelmeJson.Parse(bytes, "bad.json"));

        Assert.Contains("bad.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("not valid UTF-8", e.Message, StringComparison.Ordinal);
    }
}
