using Dislocate.Core.IO;

namespace Dislocate.Core.Tests.IO;

public class PixelConversionTests
{
    [Theory]
    [InlineData(0f, 0)]
    [InlineData(1f, 255)]
    [InlineData(-0.5f, 0)]
    [InlineData(7f, 255)]
    [InlineData(0.5f, 128)]
    [InlineData(float.NaN, 0)]
    [InlineData(float.PositiveInfinity, 255)]
    [InlineData(float.NegativeInfinity, 0)]
    public void ToByteClampsAndRoundsHalfAway(float value, int expected) =>
        Assert.Equal(expected, PixelConversion.ToByte(value));

    [Theory]
    [InlineData(0f, 0)]
    [InlineData(1f, 65535)]
    [InlineData(0.5f, 32768)]
    [InlineData(-1f, 0)]
    [InlineData(float.NaN, 0)]
    public void ToUInt16ClampsAndRoundsHalfAway(float value, int expected) =>
        Assert.Equal(expected, PixelConversion.ToUInt16(value));

    [Fact]
    public void RoundTripsEveryByteAndEveryUInt16()
    {
        for (var b = 0; b < 256; b++)
        {
            Assert.Equal(b, PixelConversion.ToByte(PixelConversion.ToFloat((byte)b)));
        }

        for (var u = 0; u < 65536; u++)
        {
            Assert.Equal(u, PixelConversion.ToUInt16(PixelConversion.ToFloat((ushort)u)));
        }
    }

    [Fact]
    public void SpanConversionsMatchScalarOnes()
    {
        var random = new System.Random(3);
        var values = new float[4099];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 1.4) - 0.2);
        }

        float[] special = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 0f, 1f, 0.49999997f / 255f, 0.5f / 255f, 254.5f / 255f, 0.99999994f, 1.0000001f];
        special.CopyTo(values, 100);
        for (var b = 0; b < 256; b++)
        {
            values[1000 + b] = (b + 0.5f) / 255f;
        }

        var bytes = PixelConversion.ToBytes(values);
        var words = PixelConversion.ToUInt16s(values);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(PixelConversion.ToByte(values[i]), bytes[i]);
            Assert.Equal(PixelConversion.ToUInt16(values[i]), words[i]);
        }

        var back = new float[bytes.Length];
        PixelConversion.ToFloats(bytes, back);
        for (var i = 0; i < back.Length; i++)
        {
            Assert.Equal(bytes[i] / 255f, back[i]);
        }
    }

    [Fact]
    public void ShortDestinationThrows() =>
        Assert.Throws<ArgumentException>(() => PixelConversion.ToBytes(new float[4], new byte[3]));
}
