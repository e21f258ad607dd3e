using System.Text;
using System.Text.Json;
using Dislocate.Core.IO;

namespace Dislocate.Core.Tests.IO;

public class JsonDecimalTests
{
    private static string Written(Action<Utf8JsonWriter> write)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            write(w);
            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(ms.ToArray());
    }

    public static TheoryData<double> Edges => new()
    {
        0, 1, -1, 0.5, -0.5, 0.001, -0.001, 0.01, 0.1, 0.105, 1.05, 511.999, 512, 123456.789, -98765.432, 1e-3 * 7,
        -0.0, 0.0005, 0.1 + 0.2, 1.0 / 3, double.Epsilon, 1e15, 123456789012.345, double.MaxValue, 2.5e-7, -1e9,
    };

    [Theory]
    [MemberData(nameof(Edges))]
    public void WritesWhatTheJsonWriterWrites(double value)
    {
        Assert.Equal(Written(w => w.WriteNumberValue(value)), Written(w => JsonDecimal.Write(w, value)));
    }

    [Fact]
    public void RoundedCoordinates_MatchTheJsonWriter_ByteForByte()
    {
        // Coordinates as the labelme export makes them: Math.Round(v, 3) over a wide range, plus a few raw doubles.
        var rng = new System.Random(17);
        var values = Enumerable.Range(0, 20_000)
            .Select(i => i % 10 == 0 ? (rng.NextDouble() - 0.5) * 1e4 : Math.Round((rng.NextDouble() - 0.2) * Math.Pow(10, rng.Next(-3, 7)), 3))
            .ToArray();
        Assert.Equal(
            Written(w => Array.ForEach(values, w.WriteNumberValue)),
            Written(w => Array.ForEach(values, v => JsonDecimal.Write(w, v))));
    }
}
