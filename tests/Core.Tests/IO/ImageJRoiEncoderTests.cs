using System.Buffers.Binary;
using Dislocate.Contracts;
using Dislocate.Core.IO;

namespace Dislocate.Core.Tests.IO;

public sealed class ImageJRoiEncoderTests
{
    // The polyline (1.25, 2.5) → (4.5, 3) → (7.75, 9.125) named "ab".
    private static readonly float[] X = [1.25f, 4.5f, 7.75f];
    private static readonly float[] Y = [2.5f, 3.0f, 9.125f];

    /// <summary>
    /// What ImageJ 1.53t itself writes for <c>new PolygonRoi(new FloatPolygon(X, Y, 3), Roi.POLYLINE)</c> with
    /// <c>setName("ab")</c> and <c>setPosition(3)</c>: <c>RoiEncoder.saveAsByteArray(roi)</c>, dumped as hex.
    /// </summary>
    private const string ImageJBytesPosition3 =
        "49 6f 75 74 00 e4 05 00 00 03 00 01 00 0a 00 08 " +
        "00 03 00 00 00 00 00 00 00 00 00 00 00 00 00 00 " +
        "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 " +
        "00 00 00 80 00 00 00 00 00 00 00 03 00 00 00 64 " +
        "00 00 00 03 00 07 00 00 00 01 00 07 3f a0 00 00 " +
        "40 90 00 00 40 f8 00 00 40 20 00 00 40 40 00 00 " +
        "41 12 00 00 00 00 00 00 00 00 00 00 00 00 00 00 " +
        "00 00 00 00 00 00 00 a4 00 00 00 02 00 00 00 00 " +
        "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 " +
        "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 " +
        "00 00 00 00 00 61 00 62";

    private static byte[] Hex(string text) => Convert.FromHexString(text.Replace(" ", string.Empty, StringComparison.Ordinal));

    private static int Short(byte[] b, int at) => BinaryPrimitives.ReadInt16BigEndian(b.AsSpan(at));

    private static int Int(byte[] b, int at) => BinaryPrimitives.ReadInt32BigEndian(b.AsSpan(at));

    private static float Float(byte[] b, int at) => BinaryPrimitives.ReadSingleBigEndian(b.AsSpan(at));

    [Fact]
    public void HeaderFields_MatchHandComputedValues()
    {
        var b = ImageJRoiEncoder.Encode(new ImageJRoiPolyline("ab", X, Y, Position: 3));

        // Size: 64 header + 3 × (2 + 2) integer + 3 × (4 + 4) float vertices + 64 header2 + 2 × 2 name bytes.
        Assert.Equal(64 + 12 + 24 + 64 + 4, b.Length);
        Assert.Equal("Iout"u8.ToArray(), b[..4]);
        Assert.Equal(228, Short(b, 4));
        Assert.Equal(5, b[6]); // polyline
        Assert.Equal(0, b[7]);

        // Bounds, line convention: top = ⌊2.5 + 0.5⌋ = 3, left = ⌊1.25 + 0.5⌋ = 1, bottom = ⌊9.125 + 1⌋ = 10, right = ⌊7.75 + 1⌋ = 8.
        Assert.Equal(3, Short(b, 8));
        Assert.Equal(1, Short(b, 10));
        Assert.Equal(10, Short(b, 12));
        Assert.Equal(8, Short(b, 14));
        Assert.Equal(3, Short(b, 16)); // vertices
        Assert.Equal(128, Short(b, 50)); // options: SUB_PIXEL_RESOLUTION
        Assert.Equal(3, Int(b, 56)); // plain stack position
        Assert.Equal(100, Int(b, 60)); // header2 at 64 + 3 × 12

        // Integer vertices relative to the float minimum, rounded half up: x − 1.25 = 0, 3.25, 6.5 → 0, 3, 7; y − 2.5 = 0, 0.5, 6.625 → 0, 1, 7.
        Assert.Equal([0, 3, 7], [Short(b, 64), Short(b, 66), Short(b, 68)]);
        Assert.Equal([0, 1, 7], [Short(b, 70), Short(b, 72), Short(b, 74)]);

        // Float vertices, absolute and exact.
        Assert.Equal(X, new[] { Float(b, 76), Float(b, 80), Float(b, 84) });
        Assert.Equal(Y, new[] { Float(b, 88), Float(b, 92), Float(b, 96) });

        // Header2: no hyperstack position, the name right after it (164 = 100 + 64), 2 UTF-16 code units "a", "b".
        Assert.Equal([0, 0, 0], [Int(b, 104), Int(b, 108), Int(b, 112)]);
        Assert.Equal(164, Int(b, 116));
        Assert.Equal(2, Int(b, 120));
        Assert.Equal(0f, Float(b, 136)); // no stroke width
        Assert.Equal(['a', 'b'], new[] { (char)Short(b, 164), (char)Short(b, 166) });
    }

    [Fact]
    public void Bytes_EqualImageJ153tsOwnEncoder()
    {
        Assert.Equal(Hex(ImageJBytesPosition3), ImageJRoiEncoder.Encode(new ImageJRoiPolyline("ab", X, Y, Position: 3)));
    }

    [Fact]
    public void HyperstackFrame_GoesToHeader2_AndThePlainPositionStaysZero()
    {
        // ImageJ's roi.setPosition(0, 0, 3) writes the same bytes except position 0 and T = 3 at header2 + 12.
        var expected = Hex(ImageJBytesPosition3);
        expected[59] = 0;
        expected[100 + 15] = 3;
        var b = ImageJRoiEncoder.Encode(new ImageJRoiPolyline("ab", X, Y, Frame: 3));
        Assert.Equal(expected, b);

        var all = ImageJRoiEncoder.Encode(new ImageJRoiPolyline("ab", X, Y, Channel: 2, Slice: 4, Frame: 7));
        Assert.Equal(0, Int(all, 56));
        Assert.Equal([2, 4, 7], [Int(all, 104), Int(all, 108), Int(all, 112)]);
    }

    [Fact]
    public void NegativeCoordinates_AreStoredInTwosComplement_AndNoNameLeavesTheNameFieldsEmpty()
    {
        // min x = −0.75: left = ⌊−0.25⌋ = −1 (0xFFFF); right = ⌊2 + 1⌋ = 3; min y = −3.5: top = ⌊−3⌋ = −3. ImageJ's
        // maximum starts at Float.MIN_VALUE (≈ 0), so for the all-negative y it is ≈ 0 and bottom = ⌊0 + 1⌋ = 1, not
        // ⌊−1.5 + 1⌋ = −1: ImageJ 1.53t writes fffd ffff 0001 0003 here.
        var b = ImageJRoiEncoder.Encode(new ImageJRoiPolyline(string.Empty, [-0.75f, 2f], [-3.5f, -1.5f]));
        Assert.Equal(-3, Short(b, 8));
        Assert.Equal(-1, Short(b, 10));
        Assert.Equal(0xFF, b[10]);
        Assert.Equal(1, Short(b, 12));
        Assert.Equal(3, Short(b, 14));
        Assert.Equal(64 + 24 + 64, b.Length);
        Assert.Equal(0, Int(b, 88 + 16));
        Assert.Equal(0, Int(b, 88 + 20));
        Assert.Equal(-0.75f, Float(b, 64 + 8));
    }

    [Fact]
    public void PolylineRoi_FrameBecomesThePlainPosition_OrTheHyperstackFrameWithAChannel()
    {
        var plain = ImageJRoiPolyline.From(new PolylineRoi("t", X, Y, Frame: 5));
        Assert.Equal((5, 0, 0, 0), (plain.Position, plain.Channel, plain.Slice, plain.Frame));
        var hyper = ImageJRoiPolyline.From(new PolylineRoi("t", X, Y, Frame: 5, Channel: 2));
        Assert.Equal((0, 2, 0, 5), (hyper.Position, hyper.Channel, hyper.Slice, hyper.Frame));
    }

    public static TheoryData<string, ImageJRoiPolyline, string> BadRois => new()
    {
        { "one vertex", new ImageJRoiPolyline("r1", [1f], [1f]), "2..65535 vertices" },
        { "lengths differ", new ImageJRoiPolyline("r2", [1f, 2f], [1f]), "2 x but 1 y" },
        { "NaN", new ImageJRoiPolyline("r3", [1f, float.NaN], [1f, 2f]), "vertex 1" },
        { "infinite", new ImageJRoiPolyline("r4", [1f, 2f], [1f, float.PositiveInfinity]), "not finite" },
        { "negative position", new ImageJRoiPolyline("r5", X, Y, Position: -1), "1-based" },
        { "both positions", new ImageJRoiPolyline("r6", X, Y, Position: 2, Frame: 3), "not both" },
        { "beyond 16 bits", new ImageJRoiPolyline("r7", [0f, 70000f], [0f, 0f]), "16-bit" },
        { "far negative", new ImageJRoiPolyline("r8", [-6000f, 0f], [0f, 0f]), "16-bit" },
    };

    [Theory]
    [MemberData(nameof(BadRois))]
    public void BadRoi_IsRejectedWithItsName(string why, ImageJRoiPolyline roi, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => ImageJRoiEncoder.Encode(roi));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains($"'{roi.Name}'", e.Message, StringComparison.Ordinal);
        Assert.NotEmpty(why);
    }
}
